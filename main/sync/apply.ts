import { createHash } from 'node:crypto';
import { syncedColumns } from '../../db/sync/columns';
import { policyOf } from '../../db/sync/policy';
import type { PulledChange, Value } from '../../db/sync/protocol';
import type { Store } from '../../db/writer';
import type { FoundConflict } from '../api/capability';
import type { SyncRules } from './rules';
import type { SyncStore } from './store';

export interface Applied {
  /** Changes that changed something here. */
  applied: number;
  tables: Set<string>;
  /** Changes that could not be stored here (kept as conflict records of this desk). */
  failed: number;
}

export interface ApplyOptions {
  db: SyncStore;
  store: Store;
  rules: SyncRules;
  /** This desk's client id: its own changes coming back are already here. */
  clientId: string;
  /** The signed-in user: conflict records are made only by a desk whose user takes part (or may see all). */
  me: { userId: string | null; seesAllConflicts: boolean };
  now: number;
}

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
  const { db } = opts;
  const touched = new Map<string, Set<string>>();
  let applied = 0;
  let failed = 0;
  // In the server's order, whatever order they arrived in: an update never precedes its insert.
  for (const change of [...changes].sort((x, y) => x.seq - y.seq)) {
    if (isAlreadyHere(db, change, opts.clientId, opts.now)) continue;
    try {
      if (db.alone(() => applyOne(opts, change))) {
        applied++;
        if (!touched.has(change.table)) touched.set(change.table, new Set());
        touched.get(change.table)!.add(change.rowId);
      }
    } catch (err) {
      const details = { seq: change.seq, error: err instanceof Error ? err.message.slice(0, 300) : String(err) };
      db.keepFailure(conflictIdOf('sync.conflict.notApplied', `${change.table}/${change.rowId}`, String(change.seq)), change, details, opts.now);
      failed++;
    }
  }
  for (const [table, ids] of touched) for (const derive of opts.rules.derivedOf(table)) derive([...ids]);
  for (const [table, ids] of touched) {
    for (const rule of opts.rules.conflictRulesOf(table)) {
      for (const id of ids) for (const found of rule.detect(opts.store, id)) recordConflict(opts, table, id, found);
    }
  }
  return { applied, tables: new Set(touched.keys()), failed };
}

/**
 * A change of this desk coming back from the server is already in the change log — unless
 * the answer to its push was lost (then it is marked pushed now) or this store was restored
 * from a backup older than the change (then it is applied like anyone else's).
 */
function isAlreadyHere(db: SyncStore, change: PulledChange, clientId: string, now: number): boolean {
  if (db.hasServerSeq(change.seq)) return true;
  return change.clientId === clientId && db.markPushedIfPending(change.changeId, change.seq, now);
}

function applyOne(opts: ApplyOptions, change: PulledChange): boolean {
  const { db } = opts;
  const columns = policyOf(change.table) ? syncedColumns(opts.store, change.table) : null;
  if (!columns) throw new Error(`table ${change.table} does not sync to this desk`);
  const allowed = new Set([...columns, 'deleted_at']);
  for (const f of Object.keys(change.fields)) if (!allowed.has(f)) throw new Error(`unknown column ${change.table}.${f}`);
  const names = Object.keys(change.fields);
  const current = db.row(change.table, [...columns, 'deleted_at'], change.rowId);

  if (!current) {
    // A row this desk does not have: only an insert carries all of it.
    if (change.op !== 'insert') throw new Error(`${change.table} ${change.rowId} is not here`);
    db.insertRow(change.table, change.rowId, names, names.map((n) => change.fields[n] ?? null), change.at, change.author);
    db.recordReceived(change, null, null, opts.now);
    return true;
  }

  // Last writer wins, field by field, against the newest change of each field recorded here.
  const clocks = db.fieldClocks(change.table, change.rowId);
  if (change.op === 'insert') {
    // The same row inserted on two desks (a conflict record both found): the later insert
    // wins the fields nobody changed since.
    const inserted = db.insertClock(change.root.id, change.rowId);
    if (inserted) for (const f of names) if (!clocks.has(f)) clocks.set(f, inserted);
  }
  const winners = names.filter((f) => {
    const local = clocks.get(f);
    return (local === undefined || change.hlc > local) && (change.fields[f] ?? null) !== current[f];
  });
  if (winners.length === 0) return false;
  db.updateRow(change.table, change.rowId, winners, winners.map((f) => change.fields[f] ?? null), change.at, change.author);
  db.recordReceived(
    { ...change, op: change.op === 'insert' ? 'update' : change.op },
    Object.fromEntries(winners.map((f) => [f, change.fields[f] ?? null])),
    Object.fromEntries(winners.map((f) => [f, current[f] ?? null])),
    opts.now,
  );
  return true;
}

/** A UUID-shaped id from what a conflict is about: every desk that finds it makes the same record. */
export function conflictIdOf(rule: string, a: string, b: string): string {
  const [x, y] = [a, b].sort();
  const h = createHash('sha256').update(`${rule}\u0000${x}\u0000${y}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function recordConflict(opts: ApplyOptions, table: string, rowId: string, found: FoundConflict): void {
  const parties = [...new Set(found.parties)];
  // A desk records (and pushes) only conflicts its user takes part in or may see all of.
  if (!opts.me.seesAllConflicts && !(opts.me.userId && parties.includes(opts.me.userId))) return;
  const id = conflictIdOf(found.rule, `${table}/${rowId}`, `${found.otherTable}/${found.otherId}`);
  if (opts.db.conflictExists(id)) return;
  const values: Record<string, Value> = {
    rule: found.rule,
    subject_table: table,
    subject_id: rowId,
    other_table: found.otherTable,
    other_id: found.otherId,
    parties: JSON.stringify(parties),
    details: found.details ? JSON.stringify(found.details) : null,
  };
  opts.store.write(opts.me.userId, (w) => w.insert('sync_conflicts', values, id));
}
