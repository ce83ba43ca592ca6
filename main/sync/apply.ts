import { createHash } from 'node:crypto';
import { policyOf } from '../../db/sync/policy';
import type { PulledChange, Value } from '../../db/sync/protocol';
import type { Store } from '../../db/writer';
import { localColumns } from './columns';
import type { FoundConflict, SyncRules } from './rules';

export interface Applied {
  /** Changes that changed something here. */
  applied: number;
  tables: Set<string>;
  /** Changes that could not be stored here (recorded as conflict records of this desk). */
  failed: number;
}

export interface ApplyOptions {
  store: Store;
  rules: SyncRules;
  /** This desk's client id: its own changes coming back are already here. */
  clientId: string;
  /** The signed-in user: conflict records are made only by a desk whose user takes part (or may see all). */
  me: { userId: string | null; seesAllConflicts: boolean };
  now: number;
}

const quote = (name: string) => `"${name}"`;

/**
 * Applies changes pulled from the server, inside the caller's transaction (with the cursor
 * that follows them). Field by field: a received value replaces the local one only if its
 * HLC is later than the last change of that field recorded here (local or received). Every
 * change that changed something is recorded in the change log with its `previous` values,
 * so the change log and the values of inserts stay exact. A change that cannot be stored
 * here (a constraint of this store) does not stop the others: it is rolled back alone and
 * kept as a conflict record of this desk.
 */
export function applyPulled(changes: readonly PulledChange[], opts: ApplyOptions): Applied {
  const { store } = opts;
  const touched = new Map<string, Set<string>>();
  let applied = 0;
  let failed = 0;
  // In the server's order, whatever order they arrived in: an update never precedes its insert.
  for (const change of [...changes].sort((x, y) => x.seq - y.seq)) {
    if (isAlreadyHere(store, change, opts.clientId, opts.now)) continue;
    store.db.exec('SAVEPOINT pulled_change');
    try {
      if (applyOne(store, change, opts.now)) {
        applied++;
        if (!touched.has(change.table)) touched.set(change.table, new Set());
        touched.get(change.table)!.add(change.rowId);
      }
      store.db.exec('RELEASE pulled_change');
    } catch (err) {
      store.db.exec('ROLLBACK TO pulled_change');
      store.db.exec('RELEASE pulled_change');
      recordFailure(store, change, err, opts.now);
      failed++;
    }
  }
  for (const [table, ids] of touched) for (const derive of opts.rules.derivedOf(table)) derive([...ids]);
  for (const [table, ids] of touched) {
    for (const rule of opts.rules.conflictRulesOf(table)) {
      for (const id of ids) for (const found of rule.detect(store, id)) recordConflict(store, opts, table, id, found);
    }
  }
  return { applied, tables: new Set(touched.keys()), failed };
}

/**
 * A change of this desk coming back from the server is already in the change log — unless
 * the answer to its push was lost (then it is marked pushed now) or this store was restored
 * from a backup older than the change (then it is applied like anyone else's).
 */
function isAlreadyHere(store: Store, change: PulledChange, clientId: string, now: number): boolean {
  if (store.sql('SELECT 1 FROM outbox WHERE server_seq = ?').get(change.seq)) return true;
  if (change.clientId !== clientId) return false;
  const pending = store.sql('SELECT seq FROM outbox WHERE pushed_at IS NULL AND hlc = ?').pluck().get(change.changeId) as number | undefined;
  if (pending === undefined) return false;
  store.sql('UPDATE outbox SET pushed_at = ?, server_seq = ? WHERE seq = ?').run(now, change.seq, pending);
  return true;
}

function applyOne(store: Store, change: PulledChange, now: number): boolean {
  const columns = policyOf(change.table) ? localColumns(store, change.table) : null;
  if (!columns) throw new Error(`table ${change.table} does not sync to this desk`);
  const allowed = new Set([...columns, 'deleted_at']);
  for (const f of Object.keys(change.fields)) if (!allowed.has(f)) throw new Error(`unknown column ${change.table}.${f}`);
  const table = quote(change.table);
  const names = Object.keys(change.fields);
  const current = store.sql(`SELECT ${[...columns, 'deleted_at'].map(quote).join(', ')} FROM ${table} WHERE id = ?`).get(change.rowId) as
    | Record<string, Value>
    | undefined;

  if (!current) {
    // A row this desk does not have: only an insert carries all of it.
    if (change.op !== 'insert') throw new Error(`${change.table} ${change.rowId} is not here`);
    const cols = ['id', ...names, 'created_at', 'created_by', 'updated_at', 'updated_by'];
    const values = [change.rowId, ...names.map((n) => change.fields[n] ?? null), change.at, change.author, change.at, change.author];
    store.sql(`INSERT INTO ${table} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
    record(store, change, null, null, now);
    return true;
  }

  // Last writer wins, field by field, against the newest change of each field recorded here.
  const clocks = fieldClocks(store, change);
  const winners = names.filter((f) => {
    const local = clocks.get(f);
    return (local === undefined || change.hlc > local) && (change.fields[f] ?? null) !== current[f];
  });
  if (winners.length === 0) return false;
  store
    .sql(
      `UPDATE ${table} SET ${winners.map((f) => `${quote(f)} = ?`).join(', ')}, updated_at = max(updated_at, ?), updated_by = ? WHERE id = ?`,
    )
    .run(...winners.map((f) => change.fields[f] ?? null), change.at, change.author, change.rowId);
  record(
    store,
    { ...change, op: change.op === 'insert' ? 'update' : change.op },
    Object.fromEntries(winners.map((f) => [f, change.fields[f] ?? null])),
    Object.fromEntries(winners.map((f) => [f, current[f] ?? null])),
    now,
  );
  return true;
}

/** Field → the latest HLC of a change of it recorded here (an insert counts for every field it set). */
function fieldClocks(store: Store, change: PulledChange): Map<string, string> {
  const clocks = new Map<string, string>();
  const later = store
    .sql(`SELECT fields, hlc FROM outbox WHERE row_id = ? AND op <> 'insert' AND table_name = ?`)
    .all(change.rowId, change.table) as { fields: string | null; hlc: string }[];
  for (const l of later) {
    for (const f of Object.keys(l.fields ? (JSON.parse(l.fields) as object) : {})) {
      if ((clocks.get(f) ?? '') < l.hlc) clocks.set(f, l.hlc);
    }
  }
  if (change.op === 'insert') {
    // The same row inserted on two desks (a conflict record both found): the later insert
    // wins the fields nobody changed since. Inserts of a root are found through its index.
    const insert = store
      .sql(`SELECT hlc FROM outbox WHERE root_id = ? AND row_id = ? AND op = 'insert'`)
      .pluck()
      .get(change.root.id, change.rowId) as string | undefined;
    if (insert) for (const f of Object.keys(change.fields)) if (!clocks.has(f)) clocks.set(f, insert);
  }
  return clocks;
}

function record(store: Store, change: PulledChange, fields: Record<string, Value> | null, previous: Record<string, Value> | null, now: number): void {
  store
    .sql(
      `INSERT INTO outbox (tx_id, table_name, row_id, op, fields, previous, hlc, author, at, root_table, root_id, pushed_at, server_seq, received)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      change.txId,
      change.table,
      change.rowId,
      change.op,
      fields && JSON.stringify(fields),
      previous && JSON.stringify(previous),
      change.hlc,
      change.author,
      change.at,
      change.root.table,
      change.root.id,
      now,
      change.seq,
      1,
    );
}

/** A UUID-shaped id from what a conflict is about: every desk that finds it makes the same record. */
export function conflictIdOf(rule: string, a: string, b: string): string {
  const [x, y] = [a, b].sort();
  const h = createHash('sha256').update(`${rule}\u0000${x}\u0000${y}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function recordConflict(store: Store, opts: ApplyOptions, table: string, rowId: string, found: FoundConflict): void {
  const parties = [...new Set(found.parties)];
  // A desk records (and pushes) only conflicts its user takes part in or may see all of.
  if (!opts.me.seesAllConflicts && !(opts.me.userId && parties.includes(opts.me.userId))) return;
  const id = conflictIdOf(found.rule, `${table}/${rowId}`, `${found.otherTable}/${found.otherId}`);
  if (store.sql('SELECT 1 FROM sync_conflicts WHERE id = ?').get(id)) return;
  store.write(opts.me.userId, (w) =>
    w.insert(
      'sync_conflicts',
      {
        rule: found.rule,
        subject_table: table,
        subject_id: rowId,
        other_table: found.otherTable,
        other_id: found.otherId,
        parties: JSON.stringify(parties),
        details: found.details ? JSON.stringify(found.details) : null,
      },
      id,
    ),
  );
}

/** A change this store refused: kept as a conflict record of this desk only (never pushed). */
function recordFailure(store: Store, change: PulledChange, err: unknown, now: number): void {
  const id = conflictIdOf('sync.conflict.notApplied', `${change.table}/${change.rowId}`, String(change.seq));
  store
    .sql(
      `INSERT OR IGNORE INTO sync_conflicts (id, rule, subject_table, subject_id, parties, details, created_at, updated_at)
       VALUES (?, 'sync.conflict.notApplied', ?, ?, '[]', ?, ?, ?)`,
    )
    .run(id, change.table, change.rowId, JSON.stringify({ seq: change.seq, error: err instanceof Error ? err.message.slice(0, 300) : String(err) }), now, now);
}
