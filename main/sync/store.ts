import { packId } from '../../db/change-log';
import { formatHlc, parseHlc } from '../../db/hlc';
import { insertedValues } from '../../db/sync/inserted-values';
import { policyOf } from '../../db/sync/policy';
import type { ChangeResult, PulledChange, PushChange, Value } from '../../db/sync/protocol';
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

  /** This desk's changes the server does not have yet, oldest first (the view decodes them). */
  pending(limit: number): OutboxEntry[] {
    return this.store
      .sql('SELECT * FROM outbox WHERE pushed_at IS NULL ORDER BY seq LIMIT ?')
      .all(limit) as OutboxEntry[];
  }

  pendingCount(): number {
    return this.store.sql('SELECT count(*) FROM change_log WHERE pushed_at IS NULL').pluck().get() as number;
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
    const mark = this.store.sql('UPDATE change_log SET pushed_at = ?, server_seq = ?, push_result = ? WHERE seq = ?');
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
    const mark = this.store.sql('UPDATE change_log SET pushed_at = ?, push_result = ? WHERE seq = ?');
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
      .sql("SELECT count(*) FROM change_log WHERE push_result IS NOT NULL AND json_extract(push_result, '$.status') = 'rejected'")
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

  // ---- applying received changes (main/sync/apply.ts); table and column names come from
  // the store's own schema (db/sync/columns.ts), never from the server ----

  /** Runs `work` so that a failure undoes only its own writes. */
  alone<T>(work: () => T): T {
    this.store.db.exec('SAVEPOINT pulled_change');
    try {
      const result = work();
      this.store.db.exec('RELEASE pulled_change');
      return result;
    } catch (err) {
      this.store.db.exec('ROLLBACK TO pulled_change');
      this.store.db.exec('RELEASE pulled_change');
      throw err;
    }
  }

  hasServerSeq(seq: number): boolean {
    return this.store.sql('SELECT 1 FROM change_log WHERE server_seq = ?').get(seq) !== undefined;
  }

  /** This desk's change still waiting for the answer to its push: marked pushed. */
  markPushedIfPending(hlc: string, seq: number, now: number): boolean {
    let clock: ReturnType<typeof parseHlc>;
    try {
      clock = parseHlc(hlc);
    } catch {
      return false; // not a timestamp this desk made
    }
    const node = this.store.changeLog.codeIfUsed(clock.node);
    if (node === undefined) return false;
    const pending = this.store
      .sql('SELECT seq FROM change_log WHERE pushed_at IS NULL AND wall = ? AND counter = ? AND node = ?')
      .pluck()
      .get(clock.wall, clock.counter, node) as number | undefined;
    if (pending === undefined) return false;
    this.store.sql('UPDATE change_log SET pushed_at = ?, server_seq = ? WHERE seq = ?').run(now, seq, pending);
    return true;
  }

  row(table: string, columns: string[], id: string): Record<string, Value> | undefined {
    return this.store.sql(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)} WHERE id = ?`).get(id) as Record<string, Value> | undefined;
  }

  insertRow(table: string, id: string, names: string[], values: Value[], at: number, author: string | null): void {
    const cols = ['id', ...names, 'created_at', 'created_by', 'updated_at', 'updated_by'];
    this.store
      .sql(`INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(id, ...values, at, author, at, author);
  }

  updateRow(table: string, id: string, names: string[], values: Value[], at: number, author: string | null): void {
    this.store
      .sql(`UPDATE ${quote(table)} SET ${names.map((f) => `${quote(f)} = ?`).join(', ')}, updated_at = max(updated_at, ?), updated_by = ? WHERE id = ?`)
      .run(...values, at, author, id);
  }

  /** Field → the latest HLC of a recorded change (update or delete) of it. */
  fieldClocks(table: string, rowId: string): Map<string, string> {
    const clocks = new Map<string, string>();
    const code = this.store.changeLog.codeIfUsed(table);
    if (code === undefined) return clocks;
    const changes = this.store
      .sql(`SELECT fields, wall, counter, ${NODE_NAME} AS node FROM change_log WHERE row_id = ? AND op <> 0 AND tbl = ?`)
      .all(packId(rowId), code) as { fields: string | null; wall: number; counter: number; node: string }[];
    for (const c of changes) {
      const hlc = formatHlc(c.wall, c.counter, c.node);
      for (const f of Object.keys(c.fields ? (JSON.parse(c.fields) as object) : {})) {
        if ((clocks.get(f) ?? '') < hlc) clocks.set(f, hlc);
      }
    }
    return clocks;
  }

  /** The HLC of a row's insert recorded here, found through its root's index. */
  insertClock(rootId: string, rowId: string): string | undefined {
    const c = this.store
      .sql(`SELECT wall, counter, ${NODE_NAME} AS node FROM change_log WHERE coalesce(root_id, row_id) = ? AND row_id = ? AND op = 0`)
      .get(packId(rootId), packId(rowId)) as { wall: number; counter: number; node: string } | undefined;
    return c && formatHlc(c.wall, c.counter, c.node);
  }

  recordReceived(change: PulledChange, fields: Record<string, Value> | null, previous: Record<string, Value> | null, now: number): void {
    this.store.changeLog.append({
      txId: change.txId,
      table: change.table,
      rowId: change.rowId,
      op: change.op,
      fields,
      previous,
      hlc: parseHlc(change.hlc),
      author: change.author,
      at: change.at,
      root: change.root,
      pushedAt: now,
      serverSeq: change.seq,
      received: true,
    });
  }

  // ---- conflict records ----

  conflictExists(id: string): boolean {
    return this.store.sql('SELECT 1 FROM sync_conflicts WHERE id = ?').get(id) !== undefined;
  }

  /** A received change this store refused: a conflict record of this desk only (never pushed). */
  keepFailure(id: string, change: PulledChange, details: Record<string, unknown>, now: number): void {
    this.store
      .sql(
        `INSERT OR IGNORE INTO sync_conflicts (id, rule, subject_table, subject_id, parties, details, created_at, updated_at)
         VALUES (?, 'sync.conflict.notApplied', ?, ?, '[]', ?, ?, ?)`,
      )
      .run(id, change.table, change.rowId, JSON.stringify(details), now, now);
  }

  openConflicts(limit: number): ConflictRow[] {
    return this.store
      .sql(
        `SELECT id, rule, subject_table, subject_id, other_table, other_id, parties, details, created_at, resolved_at
         FROM sync_conflicts WHERE resolved_at IS NULL AND deleted_at IS NULL ORDER BY created_at DESC LIMIT ?`,
      )
      .all(limit) as ConflictRow[];
  }

  conflictRule(id: string): string | undefined {
    return this.store.sql('SELECT rule FROM sync_conflicts WHERE id = ?').pluck().get(id) as string | undefined;
  }

  /** Settles a record that exists on this desk only (it was never pushed). */
  settleLocally(id: string, by: string | null, resolution: string, at: number): void {
    this.store
      .sql('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution = ?, updated_at = ? WHERE id = ?')
      .run(at, by, resolution, at, id);
  }

  userExists(id: string): boolean {
    return this.store.sql('SELECT 1 FROM users WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;
  }

  userName(id: string): string | undefined {
    return this.store.sql('SELECT display_name FROM users WHERE id = ?').pluck().get(id) as string | undefined;
  }
}

export interface ConflictRow {
  id: string;
  rule: string;
  subject_table: string;
  subject_id: string;
  other_table: string | null;
  other_id: string | null;
  parties: string;
  details: string | null;
  created_at: number;
  resolved_at: number | null;
}

const quote = (name: string) => `"${name}"`;
/** The HLC node's name of a change_log row, in a query over change_log. */
const NODE_NAME = '(SELECT name FROM change_names WHERE code = node)';
