import { createHash, randomUUID } from 'node:crypto';
import { Hlc, parseHlc } from '../../db/hlc';
import type { DeskSchema, SyncedTable } from '../../db/sync/desk-schema';
import type { ChangeResult, PushChange, Reason, Value } from '../../db/sync/protocol';
import type { Param, ServerDatabase, Sql } from '../database/database';
import { said, type ServerMessageKey } from '../messages';
import { calendarAudience, calendarOf, CalendarAccess } from './calendar-access';
import { audienceOf, inAudience } from './permissions';
import { inParts, loadRows, ROW_COLUMNS, ROW_UPSERT, rowKey, rowParams, storeNumbered, type ColumnTypes, type RowState } from './rows';
import { grantTaskAccess, isTaskScope, loadTaskAccess, peopleOf, taskAudience, taskOf } from './task-access';

/** Who makes changes: a signed-in user at a desk, or the server itself (admin, conflict records). */
export interface Actor {
  userId: string | null;
  clientId: string | null;
  permissions: ReadonlySet<string> | 'all';
}

// A desk's clock may run a little fast; one far ahead would win every merge for ever.
const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

const CHANGE_COLUMNS = {
  seq: 'bigint',
  client_id: 'text',
  change_id: 'text',
  tx_id: 'text',
  table_name: 'text',
  row_id: 'text',
  op: 'text',
  fields: 'text',
  hlc: 'text',
  at: 'bigint',
  author: 'text',
  root_table: 'text',
  root_id: 'text',
  audience: 'text',
  conflict_id: 'text',
  received_at: 'bigint',
} as const satisfies ColumnTypes;

interface Verdict {
  change: PushChange;
  author: string | null;
  clientId: string | null;
  audience: string | null;
  conflict: { id: string; reason: Reason } | null;
  /** People the change made part of a task (task_access), by audience. */
  grants: { audience: string; userId: string }[];
  /** Index into the results; -1 for a change the server made itself. */
  result: number;
}

class Refused extends Error {
  constructor(readonly reason: Reason) {
    super(reason.message.en);
  }
}
const refuse = (key: ServerMessageKey, params: Record<string, string | number> = {}, code: string = key) =>
  new Refused({ code, message: said(key, params) });

/**
 * The authoritative change log. Accepting a batch is one transaction: each change is
 * checked (table and columns against the desk's schema, the author's permission, the row
 * it is about), merged into the row field by field (the later HLC wins), numbered, and
 * answered on its own: accepted, rejected with a reason, or accepted with a conflict record
 * when the merge loses meaning. Replaying a change already accepted answers it again and
 * changes nothing.
 */
export class ChangeLog {
  private readonly hlc: Hlc;

  constructor(
    private readonly db: ServerDatabase,
    private readonly schema: DeskSchema,
    private readonly now: () => number,
  ) {
    // One node id per server process: two instances on one database never make the same HLC.
    this.hlc = new Hlc(`server-${randomUUID().slice(0, 8)}`, now);
  }

  async accept(actor: Actor, changes: readonly PushChange[]): Promise<ChangeResult[]> {
    return this.db.transaction((tx) => this.acceptIn(tx, actor, changes));
  }

  /** Changes the server makes as itself (admin commands): no permission checks, author from `actor`. */
  async write(
    tx: Sql,
    actor: { userId: string | null },
    changes: { table: string; rowId: string; op: 'insert' | 'update' | 'delete'; fields: Record<string, Value> }[],
  ): Promise<ChangeResult[]> {
    const txId = randomUUID();
    const root = changes[0] ? { table: changes[0].table, id: changes[0].rowId } : { table: 'users', id: txId };
    const now = this.now();
    const made: PushChange[] = changes.map((c) => ({ ...c, changeId: randomUUID(), hlc: this.hlc.tick(), at: now, txId, root }));
    return this.acceptIn(tx, { userId: actor.userId, clientId: null, permissions: 'all' }, made);
  }

  /** Where a push transaction starts when the caller already holds one (admin CLI). */
  transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T> {
    return this.db.transaction(body);
  }

  private async acceptIn(tx: Sql, actor: Actor, changes: readonly PushChange[]): Promise<ChangeResult[]> {
    const results: (ChangeResult | null)[] = changes.map(() => null);
    await this.lockRows(tx, changes);
    const replays = await this.knownChanges(tx, actor.clientId, changes);
    const rows = await loadRows(
      tx,
      this.db.dialect,
      changes.map((c) => c.rowId),
    );
    const calendar = await this.calendarContext(tx, actor, changes, rows);
    const tasks = await this.taskContext(tx, actor, changes, rows);
    const verdicts: Verdict[] = [];
    const firstOfId = new Map<string, number>();
    const duplicates: [number, number][] = [];
    const now = this.now();

    for (const [i, change] of changes.entries()) {
      const replay = replays.get(change.changeId);
      if (replay) {
        results[i] = replay;
        continue;
      }
      // The same change twice in one batch (a resend glued to the original) counts once.
      const first = firstOfId.get(change.changeId);
      if (first !== undefined) {
        duplicates.push([i, first]);
        continue;
      }
      firstOfId.set(change.changeId, i);
      try {
        const verdict = this.judge(actor, change, rows, now, calendar, tasks);
        verdict.result = i;
        verdicts.push(verdict);
        if (verdict.conflict) verdicts.push(await this.conflictRecord(tx, verdict, rows, now));
      } catch (err) {
        if (!(err instanceof Refused)) throw err;
        results[i] = { changeId: change.changeId, status: 'rejected', reason: err.reason };
      }
    }

    if (verdicts.length > 0) {
      // Numbers relative to the batch's last (see storeNumbered): the real ones come with the head.
      const relative = (k: number) => k + 1 - verdicts.length;
      const touched = new Map<string, number>();
      verdicts.forEach((v, k) => touched.set(rowKey(v.change.table, v.change.rowId), relative(k)));
      const head = await storeNumbered(tx, this.db.dialect, verdicts.length, {
        changes: {
          table: 'changes',
          columns: CHANGE_COLUMNS,
          seq: 'seq',
          rows: verdicts.map((v, k) => [
            relative(k),
            v.clientId,
            v.change.changeId,
            v.change.txId,
            v.change.table,
            v.change.rowId,
            v.change.op,
            JSON.stringify(v.change.fields),
            v.change.hlc,
            v.change.at,
            v.author,
            v.change.root.table,
            v.change.root.id,
            v.audience,
            v.conflict?.id ?? null,
            now,
          ]),
        },
        rows: {
          table: 'rows',
          columns: ROW_COLUMNS,
          seq: 'last_seq',
          suffix: ROW_UPSERT,
          rows: [...touched].map(([key, seq]) => rowParams({ ...rows.get(key)!, lastSeq: seq })),
        },
      });
      const firstSeq = head - verdicts.length + 1;
      await grantTaskAccess(
        tx,
        verdicts.flatMap((v, k) => v.grants.map((g) => ({ ...g, seq: firstSeq + k }))),
      );
      verdicts.forEach((v, k) => {
        if (v.result < 0) return;
        const seq = firstSeq + k;
        results[v.result] = v.conflict
          ? { changeId: v.change.changeId, status: 'conflict', seq, conflictId: v.conflict.id, reason: v.conflict.reason }
          : { changeId: v.change.changeId, status: 'accepted', seq };
      });
      await this.db.notify(tx, head);
    }
    for (const [i, first] of duplicates) results[i] = results[first]!;
    return results.map((r) => r!);
  }

  /**
   * For a batch touching calendar rows: the author's calendar access, and the rows that
   * connect a row to its calendar (an attendee's appointment) loaded with the others.
   */
  private async calendarContext(tx: Sql, actor: Actor, changes: readonly PushChange[], rows: Map<string, RowState>): Promise<CalendarAccess | null> {
    const parents: string[] = [];
    let any = false;
    for (const c of changes) {
      const scope = this.schema.table(c.table)?.policy.scope;
      if (!scope || scope === 'everyone' || !('calendar' in scope)) continue;
      any = true;
      if (typeof scope.calendar !== 'object') continue;
      const via = scope.calendar.column;
      const id = c.fields[via] ?? rows.get(rowKey(c.table, c.rowId))?.fields[via];
      if (typeof id === 'string' && !rows.has(rowKey(scope.calendar.through, id))) parents.push(id);
    }
    if (!any) return null;
    for (const [k, v] of await loadRows(tx, this.db.dialect, parents)) if (!rows.has(k)) rows.set(k, v);
    return actor.permissions === 'all' || actor.userId === null ? null : CalendarAccess.load(tx, actor.userId, actor.permissions);
  }

  /**
   * For a batch touching task rows: the tasks the author takes part in, of those the batch
   * names (null: the author may see every task, or is the server).
   */
  private async taskContext(tx: Sql, actor: Actor, changes: readonly PushChange[], rows: Map<string, RowState>): Promise<Set<string> | null> {
    if (actor.permissions === 'all' || actor.userId === null) return null;
    const audiences: string[] = [];
    for (const c of changes) {
      const scope = this.schema.table(c.table)?.policy.scope;
      if (!isTaskScope(scope)) continue;
      const id = scope.task === 'id' ? c.rowId : (c.fields[scope.task] ?? rows.get(rowKey(c.table, c.rowId))?.fields[scope.task]);
      if (typeof id === 'string') audiences.push(taskAudience(id));
      const stored = rows.get(rowKey(c.table, c.rowId));
      if (stored?.audience) audiences.push(stored.audience);
    }
    return audiences.length > 0 ? loadTaskAccess(tx, actor.userId, audiences) : null;
  }

  /**
   * PostgreSQL runs pushes side by side (SQLite one at a time): two batches touching one row
   * would each merge into the state they read, and the later commit would drop the other's
   * fields. Each batch first takes a transaction lock per row it names, in one order (no
   * deadlock), so the second reads the row after the first committed. A resend of the same
   * change waits likewise and then finds it known.
   */
  private async lockRows(tx: Sql, changes: readonly PushChange[]): Promise<void> {
    if (this.db.dialect !== 'postgres' || changes.length === 0) return;
    const keys = [...new Set(changes.map((c) => c.rowId))];
    await tx.run('SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtextextended(r, 0) AS k FROM unnest(?::text[]) r) s ORDER BY k', [
      keys as unknown as Param,
    ]);
  }

  private async knownChanges(tx: Sql, clientId: string | null, changes: readonly PushChange[]): Promise<Map<string, ChangeResult>> {
    const known = new Map<string, ChangeResult>();
    if (!clientId || changes.length === 0) return known;
    for (const part of inParts(this.db.dialect, 'change_id', [...new Set(changes.map((c) => c.changeId))])) {
      const rows = await tx.all<{ change_id: string; seq: number; conflict_id: string | null }>(
        `SELECT change_id, seq, conflict_id FROM changes WHERE client_id = ? AND ${part.sql}`,
        [clientId, ...part.params],
      );
      for (const r of rows) {
        known.set(
          r.change_id,
          r.conflict_id
            ? { changeId: r.change_id, status: 'conflict', seq: Number(r.seq), conflictId: r.conflict_id, reason: conflictReason() }
            : { changeId: r.change_id, status: 'accepted', seq: Number(r.seq) },
        );
      }
    }
    return known;
  }

  /** Checks one change and merges it into its row (in `rows`), or throws Refused. */
  private judge(
    actor: Actor,
    change: PushChange,
    rows: Map<string, RowState>,
    now: number,
    calendar: CalendarAccess | null = null,
    tasks: Set<string> | null = null,
  ): Verdict {
    const table = this.schema.table(change.table);
    if (!table) throw refuse('change.tableUnknown', { table: change.table }, 'table.unknown');
    if (!this.schema.table(change.root.table)) throw refuse('change.tableUnknown', { table: change.root.table }, 'table.unknown');
    let clock: ReturnType<typeof parseHlc>;
    try {
      clock = parseHlc(change.hlc);
    } catch {
      throw refuse('request.invalid', { detail: 'hlc' }, 'change.invalid');
    }
    // The HLC's node is the desk: two desks can never write the same timestamp.
    if (actor.clientId !== null && clock.node !== actor.clientId) throw refuse('request.invalid', { detail: 'hlc node' }, 'change.invalid');
    if (clock.wall > now + MAX_CLOCK_AHEAD_MS) throw refuse('change.clockAhead', {}, 'clock.ahead');
    this.checkFields(table, change);

    const policy = table.policy;
    const allowed = (p: string) => actor.permissions === 'all' || actor.permissions.has(p);
    const needed = change.op === 'delete' ? (policy.delete ?? policy.write) : policy.write;
    if (!allowed(needed)) throw refuse('change.forbidden', { table: table.name }, 'forbidden');
    const scope = policy.scope;
    const seesAll = actor.permissions === 'all' || scope === 'everyone' || (scope.viewAll !== undefined && allowed(scope.viewAll));
    // Calendar rows: the author needs access to the calendar, before and after the change.
    const calendarScope = scope !== 'everyone' && 'calendar' in scope ? scope : null;
    const calendarOk = (r: RowState) =>
      seesAll || !calendarScope || (calendar?.allows(calendarOf(calendarScope, r, rows), policy.writeAccess ?? 'read-write', rows) ?? false);

    // Task rows: the author takes part in the row's task, before and after the change.
    const taskScope = isTaskScope(scope) ? scope : null;
    const inTask = (r: RowState) => {
      const id = taskOf(taskScope!, r);
      return id !== null && (tasks?.has(taskAudience(id)) ?? false);
    };
    const mayTouch = (r: RowState) => (calendarScope ? calendarOk(r) : taskScope ? seesAll || inTask(r) : seesAll || inAudience(r.audience, actor.userId ?? ''));

    const key = rowKey(table.name, change.rowId);
    const row = rows.get(key);
    if (row && !seesAll && !mayTouch(row)) {
      throw refuse('change.forbidden', { table: table.name }, 'forbidden');
    }
    if (!row && change.op !== 'insert') throw refuse('change.rowUnknown', {}, 'row.unknown');
    const wasDeleted = row !== undefined && row.fields.deleted_at !== null && row.fields.deleted_at !== undefined;

    const fresh = !row;
    const merged: RowState = row
      ? { ...row, fields: { ...row.fields }, clocks: { ...row.clocks } }
      : {
          table: table.name,
          rowId: change.rowId,
          fields: { deleted_at: null },
          clocks: {},
          createdBy: actor.userId,
          createdAt: change.at,
          updatedBy: actor.userId,
          updatedAt: change.at,
          deletedBy: null,
          audience: null,
          lastSeq: 0,
        };
    const applied: string[] = [];
    for (const [field, value] of Object.entries(change.fields)) {
      const clock = merged.clocks[field];
      if (clock === undefined || change.hlc > clock) {
        merged.fields[field] = value;
        merged.clocks[field] = change.hlc;
        applied.push(field);
      }
    }
    if (applied.length > 0 || fresh) {
      const data = { ...merged.fields };
      delete data.deleted_at;
      const problem = this.schema.rowProblem(table, data);
      if (problem) throw refuse('change.rowInvalid', { detail: problem }, 'row.invalid');
      merged.updatedAt = Math.max(merged.updatedAt, change.at);
      merged.updatedBy = actor.userId;
      if (applied.includes('deleted_at')) merged.deletedBy = merged.fields.deleted_at === null ? null : actor.userId;
    }
    merged.audience =
      scope === 'everyone'
        ? null
        : 'members' in scope
          ? audienceOf(merged.fields[scope.members], merged.createdBy)
          : 'calendar' in scope
            ? calendarAudience(calendarOf(scope, merged, rows))
            : 'task' in scope
              ? taskAudience(taskOf(scope, merged))
              : audienceOf(null, merged.createdBy);
    // Anyone who may write tasks may start a new one (and takes part in it from then on).
    const newTask = taskScope !== null && fresh && taskScope.task === 'id';
    if (!seesAll && !newTask && !mayTouch(merged)) {
      throw refuse('change.forbidden', { table: table.name }, 'forbidden');
    }
    const grants: Verdict['grants'] = [];
    if (taskScope && merged.audience !== ' ') {
      for (const userId of peopleOf(taskScope, merged)) {
        grants.push({ audience: merged.audience!, userId });
        if (userId === actor.userId) tasks?.add(merged.audience!);
      }
    }
    rows.set(key, merged);
    this.hlc.receive(change.hlc);

    const conflict =
      change.op === 'update' && wasDeleted
        ? { id: conflictId('sync.editOfDeleted', table.name, change.rowId, actor.userId), reason: conflictReason() }
        : null;
    return { change, author: actor.userId, clientId: actor.clientId, audience: merged.audience, conflict, grants, result: -1 };
  }

  private checkFields(table: SyncedTable, change: PushChange): void {
    const names = Object.keys(change.fields);
    if (change.op === 'delete') {
      if (names.length !== 1 || names[0] !== 'deleted_at' || typeof change.fields.deleted_at !== 'number') {
        throw refuse('request.invalid', { detail: 'a delete carries deleted_at only' }, 'change.invalid');
      }
      return;
    }
    if (names.length === 0) throw refuse('change.empty', {}, 'change.empty');
    for (const name of names) {
      if (!table.dataColumns.includes(name)) {
        throw refuse('change.columnUnknown', { table: table.name, column: name.slice(0, 64) }, 'column.unknown');
      }
    }
  }

  /** The conflict record for a change, as a change the server makes (once per editor and record). */
  private async conflictRecord(tx: Sql, v: Verdict, rows: Map<string, RowState>, now: number): Promise<Verdict> {
    const id = v.conflict!.id;
    const key = rowKey('sync_conflicts', id);
    const existing = rows.get(key) ?? (await loadRows(tx, this.db.dialect, [id])).get(key);
    if (existing) rows.set(key, existing);
    const subject = rows.get(rowKey(v.change.table, v.change.rowId))!;
    const parties = [...new Set([subject.deletedBy, v.author].filter((p): p is string => p !== null))];
    const fields: Record<string, Value> = existing
      ? { resolved_at: null, resolved_by: null, resolution: null }
      : {
          rule: 'sync.conflict.editOfDeleted',
          subject_table: v.change.table,
          subject_id: v.change.rowId,
          parties: JSON.stringify(parties),
          details: JSON.stringify({ fields: Object.keys(v.change.fields) }),
        };
    const made: PushChange = {
      changeId: randomUUID(),
      txId: v.change.txId,
      table: 'sync_conflicts',
      rowId: id,
      op: existing ? 'update' : 'insert',
      fields,
      hlc: this.hlc.tick(),
      at: now,
      root: v.change.root,
    };
    const verdict = this.judge({ userId: null, clientId: null, permissions: 'all' }, made, rows, now);
    return { ...verdict, result: -1 };
  }
}

function conflictReason(): Reason {
  return { code: 'conflict.editOfDeleted', message: said('conflict.editOfDeleted') };
}

/** A UUID-shaped id derived from what a conflict is about: every server instance finds the same one. */
export function conflictId(...parts: (string | null)[]): string {
  const h = createHash('sha256').update(parts.map((p) => p ?? '').join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
