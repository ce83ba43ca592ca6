import type { ConflictRule, SyncHooks } from '../api/capability';

/**
 * Every capability's sync hooks (their manifests' `sync`), by table: what to rebuild after
 * received changes were applied, and which conflict rules to ask.
 */
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
