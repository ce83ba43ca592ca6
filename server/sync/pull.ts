import type { DeskSchema } from '../../db/sync/desk-schema';
import type { Op } from '../../db/sync/protocol';
import type { Param, Sql } from '../database/database';

export interface PullPage {
  records: ChangeRecord[];
  cursor: number;
  head: number;
  more: boolean;
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
  user: { userId: string; permissions: ReadonlySet<string> },
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
  if (readable.length === 0 || after >= head) return { records: [], cursor: Math.max(after, head), head, more: false };

  const marks = (xs: string[]) => xs.map(() => '?').join(', ');
  const visible = everyRow.length > 0 ? `(table_name IN (${marks(everyRow)}) OR audience LIKE ?)` : 'audience LIKE ?';
  const params: Param[] = [after, head, ...readable, ...everyRow, `% ${user.userId} %`, limit];
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
  return { records, cursor, head, more };
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
  return `{"changes":[${changes.join(',')}],"cursor":${page.cursor},"head":${page.head},"more":${page.more}}`;
}
