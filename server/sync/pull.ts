import type { DeskSchema } from '../../db/sync/desk-schema';
import type { Op } from '../../db/sync/protocol';
import type { Param, Sql } from '../database/database';
import { calendarAudience, CalendarAccess } from './calendar-access';
import { isTaskScope } from './task-access';

export interface PullPage {
  records: ChangeRecord[];
  cursor: number;
  head: number;
  more: boolean;
  rescan?: boolean;
}

/** Records what the desk's user may read now; true when it holds something new. */
async function scopeGrew(sql: Sql, clientId: string, scope: string[]): Promise<boolean> {
  const now = [...new Set(scope)].sort();
  const row = await sql.get<{ scope: string | null }>('SELECT scope FROM clients WHERE client_id = ?', [clientId]);
  const before = row?.scope ? (JSON.parse(row.scope) as string[]) : null;
  if (before && before.length === now.length && before.every((x, i) => x === now[i])) return false;
  await sql.run('UPDATE clients SET scope = ? WHERE client_id = ?', [JSON.stringify(now), clientId]);
  return before !== null && now.some((x) => !before.includes(x));
}

interface ChangeRecord {
  seq: number;
  client_id: string | null;
  change_id: string;
  tx_id: string;
  table_name: string;
  row_id: string;
  op: Op;
  fields: string;
  hlc: string;
  at: number;
  author: string | null;
  root_table: string;
  root_id: string;
}

/**
 * Everything after the desk's cursor that its user may see, in order: tables the user may
 * read, and of tables limited to the people named in a row, only rows naming the user
 * (unless the user may see all of them). The filter runs on the server; a desk never
 * receives a row to hide.
 */
export async function pull(
  sql: Sql,
  schema: DeskSchema,
  user: { userId: string; clientId: string; permissions: ReadonlySet<string> },
  after: number,
  limit: number,
): Promise<PullPage> {
  const head = Number((await sql.get<{ seq: number }>('SELECT seq FROM head WHERE id = 1'))!.seq);
  const readable: string[] = [];
  const everyRow: string[] = [];
  for (const t of schema.tables.values()) {
    if (!user.permissions.has(t.policy.read)) continue;
    readable.push(t.name);
    const scope = t.policy.scope;
    if (scope === 'everyone' || (scope.viewAll !== undefined && user.permissions.has(scope.viewAll))) everyRow.push(t.name);
  }
  const byTask = readable.some((t) => !everyRow.includes(t) && isTaskScope(schema.table(t)!.policy.scope));
  const calendars = readable.some((t) => {
    const scope = schema.table(t)!.policy.scope;
    return scope !== 'everyone' && 'calendar' in scope;
  })
    ? (await CalendarAccess.load(sql, user.userId, user.permissions)).readable().map(calendarAudience)
    : [];
  if (await scopeGrew(sql, user.clientId, [...readable, ...calendars])) {
    // Rows the desk could not see before (a role or a calendar shared since): read again
    // from the start; what is already there is recognised and skipped.
    return { records: [], cursor: 0, head, more: true, rescan: true };
  }
  if (readable.length === 0 || after >= head) return { records: [], cursor: Math.max(after, head), head, more: false };

  const marks = (xs: string[]) => xs.map(() => '?').join(', ');
  const alternatives = [
    ...(everyRow.length > 0 ? [`table_name IN (${marks(everyRow)})`] : []),
    'audience LIKE ?',
    ...(calendars.length > 0 ? [`audience IN (${marks(calendars)})`] : []),
    ...(byTask ? ['audience IN (SELECT audience FROM task_access WHERE user_id = ?)'] : []),
  ];
  const visible = `(${alternatives.join(' OR ')})`;
  const params: Param[] = [after, head, ...readable, ...everyRow, `% ${user.userId} %`, ...calendars, ...(byTask ? [user.userId] : []), limit];
  // Bounded by `head` read first: a change numbered later is not committed yet in this
  // snapshot's view, and the cursor must not jump past it.
  const records = await sql.all<ChangeRecord>(
    `SELECT seq, client_id, change_id, tx_id, table_name, row_id, op, fields, hlc, at, author, root_table, root_id
     FROM changes WHERE seq > ? AND seq <= ? AND table_name IN (${marks(readable)}) AND ${visible}
     ORDER BY seq LIMIT ?`,
    params,
  );
  const more = records.length === limit;
  const cursor = more ? Number(records[records.length - 1]!.seq) : head;
  const earlier = byTask ? await earlierTaskChanges(sql, user.userId, readable, after, cursor) : [];
  return { records: earlier.length > 0 ? [...earlier, ...records] : records, cursor, head, more };
}

/**
 * The earlier changes of tasks the user became part of within this page (a task referred
 * to them): numbered before the desk's cursor, so the page alone would never bring them.
 * A task's changes are few; the desk recognises any it has already.
 */
async function earlierTaskChanges(sql: Sql, userId: string, readable: string[], after: number, cursor: number): Promise<ChangeRecord[]> {
  if (after <= 0) return [];
  const joined = await sql.all<{ audience: string }>('SELECT audience FROM task_access WHERE user_id = ? AND seq > ? AND seq <= ?', [userId, after, cursor]);
  const found: ChangeRecord[] = [];
  for (let i = 0; i < joined.length; i += 500) {
    const part = joined.slice(i, i + 500).map((j) => j.audience);
    found.push(
      ...(await sql.all<ChangeRecord>(
        `SELECT seq, client_id, change_id, tx_id, table_name, row_id, op, fields, hlc, at, author, root_table, root_id
         FROM changes WHERE audience IN (${part.map(() => '?').join(', ')}) AND seq <= ? AND table_name IN (${readable.map(() => '?').join(', ')})
         ORDER BY seq`,
        [...part, after, ...readable],
      )),
    );
  }
  return found.sort((x, y) => Number(x.seq) - Number(y.seq));
}

/**
 * The pull answer as JSON text. Fields are stored as JSON text already; they are spliced in
 * as they are rather than parsed and written again (most of a first sync's time otherwise).
 */
export function pullJson(page: PullPage): string {
  const q = JSON.stringify;
  const changes = page.records.map(
    (r) =>
      `{"seq":${Number(r.seq)},"changeId":${q(r.change_id)},"clientId":${q(r.client_id)},"author":${q(r.author)},"txId":${q(r.tx_id)},` +
      `"table":${q(r.table_name)},"rowId":${q(r.row_id)},"op":${q(r.op)},"fields":${r.fields},"hlc":${q(r.hlc)},"at":${Number(r.at)},` +
      `"root":{"table":${q(r.root_table)},"id":${q(r.root_id)}}}`,
  );
  return `{"changes":[${changes.join(',')}],"cursor":${page.cursor},"head":${page.head},"more":${page.more}${page.rescan ? ',"rescan":true' : ''}}`;
}
