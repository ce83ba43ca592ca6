import { insertedValues } from '../../db/sync/inserted-values';
import { policyOf } from '../../db/sync/policy';
import type { ChangeResult, PushChange, Value } from '../../db/sync/protocol';
import type { Store } from '../../db/writer';

export interface OutboxEntry {
  seq: number;
  tx_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string | null;
  previous: string | null;
  hlc: string;
  author: string | null;
  at: number;
  root_table: string;
  root_id: string;
}

/** Settings keys of the sync client (device-local; the settings table never syncs). */
export const KEYS = {
  server: 'sync.server',
  token: 'sync.token',
  tokenExpires: 'sync.tokenExpires',
  user: 'sync.user',
  cursor: 'sync.cursor',
  lastSyncedAt: 'sync.lastSyncedAt',
  localUser: 'sync.localUser',
  firstSyncDone: 'sync.firstSyncDone',
} as const;

/** Why a change stays on this desk or what the server said about it (outbox.push_result). */
export interface PushNote {
  status: 'rejected' | 'conflict' | 'local';
  code: string;
  message?: { fa: string; en: string };
  conflictId?: string;
}

/** The sync client's SQL: the outbox as a queue, device settings, conflict records. */
export class SyncStore {
  constructor(readonly store: Store) {}

  get(key: string): string | undefined {
    return this.store.sql('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.store.sql('DELETE FROM settings WHERE key = ?').run(key);
    else this.store.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  cursor(): number {
    return Number(this.get(KEYS.cursor) ?? 0);
  }

  /** This desk's changes the server does not have yet, oldest first. */
  pending(limit: number): OutboxEntry[] {
    return this.store
      .sql('SELECT * FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?')
      .all(limit) as OutboxEntry[];
  }

  pendingCount(): number {
    return this.store.sql('SELECT count(*) FROM outbox WHERE pushed_at IS NULL').pluck().get() as number;
  }

  /** The change as it travels: its id is its HLC; an insert carries the values it wrote. */
  toPush(e: OutboxEntry): PushChange {
    const fields: Record<string, Value> =
      e.op === 'insert' ? insertedValues(this.store, e) : e.fields ? (JSON.parse(e.fields) as Record<string, Value>) : {};
    return {
      changeId: e.hlc,
      txId: e.tx_id,
      table: e.table_name,
      rowId: e.row_id,
      op: e.op,
      fields,
      hlc: e.hlc,
      at: e.at,
      root: { table: e.root_table, id: e.root_id },
    };
  }

  /** Records the server's answers; a refused or conflicting change keeps the reason. Never deletes. */
  markAnswered(entries: OutboxEntry[], results: ChangeResult[], now: number): void {
    const mark = this.store.sql('UPDATE outbox SET pushed_at = ?, server_seq = ?, push_result = ? WHERE seq = ?');
    this.store.db.transaction(() => {
      entries.forEach((e, i) => {
        const r = results[i]!;
        if (r.status === 'accepted') mark.run(now, r.seq, null, e.seq);
        else if (r.status === 'conflict') {
          const note: PushNote = { status: 'conflict', code: r.reason.code, message: r.reason.message, conflictId: r.conflictId };
          mark.run(now, r.seq, JSON.stringify(note), e.seq);
        } else {
          const note: PushNote = { status: 'rejected', code: r.reason.code, message: r.reason.message };
          mark.run(now, null, JSON.stringify(note), e.seq);
        }
      });
    })();
  }

  /** Keeps changes on this desk for good (never pushed), with why. */
  keepLocal(entries: OutboxEntry[], code: string, now: number): void {
    const note = JSON.stringify({ status: 'local', code } satisfies PushNote);
    const mark = this.store.sql('UPDATE outbox SET pushed_at = ?, push_result = ? WHERE seq = ?');
    for (const e of entries) mark.run(now, note, e.seq);
  }

  /**
   * Before a desk's first sign-in its store was a whole organisation of its own: the
   * built-in roles and the first administrator (written by the system), and any users,
   * groups or roles made here. With a server these come from the server, so those changes
   * stay on this desk; everything else made offline (identities, notes…) is pushed.
   */
  keepLocalSetup(now: number): number {
    const organisation = Object.entries({ positions: 1, users: 1, groups: 1, group_members: 1, roles: 1, user_roles: 1 }).map(([t]) => t);
    const rows = this.store
      .sql(
        `SELECT * FROM outbox WHERE pushed_at IS NULL AND (author IS NULL OR table_name IN (${organisation.map(() => '?').join(', ')}))`,
      )
      .all(...organisation) as OutboxEntry[];
    this.keepLocal(rows, 'sync.setup', now);
    return rows.length;
  }

  /** Changes of tables that do not sync stay here (their rows are this desk's own). */
  unsyncable(entries: OutboxEntry[]): OutboxEntry[] {
    return entries.filter((e) => !policyOf(e.table_name));
  }

  refusedCount(): number {
    return this.store
      .sql("SELECT count(*) FROM outbox WHERE push_result IS NOT NULL AND json_extract(push_result, '$.status') = 'rejected'")
      .pluck()
      .get() as number;
  }

  /** The latest refusals, newest first: what the status shows. */
  refusals(limit: number): { seq: number; table: string; rowId: string; note: PushNote }[] {
    const rows = this.store
      .sql(
        `SELECT seq, table_name, row_id, push_result FROM outbox
         WHERE push_result IS NOT NULL AND json_extract(push_result, '$.status') = 'rejected' ORDER BY seq DESC LIMIT ?`,
      )
      .all(limit) as { seq: number; table_name: string; row_id: string; push_result: string }[];
    return rows.map((r) => ({ seq: r.seq, table: r.table_name, rowId: r.row_id, note: JSON.parse(r.push_result) as PushNote }));
  }
}
