import type { Store } from '../../db/writer';

/** A conflict a rule found: the row it was asked about clashes with another. */
export interface FoundConflict {
  /** Message key of the rule (the renderer's catalogue reads it), e.g. 'calendar.conflict.roomBusy'. */
  rule: string;
  otherTable: string;
  otherId: string;
  /** The people who should decide (usually the authors of both rows). */
  parties: string[];
  /** Parameters the message shows (a room's name, a time). */
  details?: Record<string, string | number>;
}

/**
 * A domain rule a capability declares for one of its tables: after a change received from
 * the server touched a row, does that row now clash with another in a way a field-by-field
 * merge cannot settle (the same room booked twice offline)? The rule reads the store; it
 * never writes. Each clash becomes one conflict record, the same on every desk that finds it.
 */
export interface ConflictRule {
  table: string;
  detect(store: Store, rowId: string): FoundConflict[];
}

/**
 * What capabilities tell the sync client about their tables:
 *  - `derived`: rebuild what is computed from rows (a search index) once received changes
 *    were applied to them; called inside the same transaction, with the touched row ids;
 *  - `conflicts`: domain conflict rules (above).
 */
export interface SyncHooks {
  derived?: Record<string, (rowIds: string[]) => void>;
  conflicts?: ConflictRule[];
}

export class SyncRules {
  private readonly derived = new Map<string, ((rowIds: string[]) => void)[]>();
  private readonly conflicts = new Map<string, ConflictRule[]>();

  register(hooks: SyncHooks): void {
    for (const [table, fn] of Object.entries(hooks.derived ?? {})) this.derived.set(table, [...(this.derived.get(table) ?? []), fn]);
    for (const rule of hooks.conflicts ?? []) this.conflicts.set(rule.table, [...(this.conflicts.get(rule.table) ?? []), rule]);
  }

  derivedOf(table: string): readonly ((rowIds: string[]) => void)[] {
    return this.derived.get(table) ?? [];
  }

  conflictRulesOf(table: string): readonly ConflictRule[] {
    return this.conflicts.get(table) ?? [];
  }
}
