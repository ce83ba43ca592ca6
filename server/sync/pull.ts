import type { DeskSchema } from '../../db/sync/desk-schema';
import type { Op, PulledChange, PullResponse, Value } from '../../db/sync/protocol';
import type { Param, Sql } from '../database/database';

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
): Promise<PullResponse> {
  const head = Number((await sql.get<{ seq: number }>('SELECT seq FROM head WHERE id = 1'))!.seq);
  const readable: string[] = [];
  const everyRow: string[] = [];
  for (const t of schema.tables.values()) {
    if (!user.permissions.has(t.policy.read)) continue;
    readable.push(t.name);
    const scope = t.policy.scope;
    if (scope === 'everyone' || (scope.viewAll !== undefined && user.permissions.has(scope.viewAll))) everyRow.push(t.name);
  }
  if (readable.length === 0 || after >= head) return { changes: [], cursor: Math.max(after, head), head, more: false };

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
  const changes: PulledChange[] = records.map((r) => ({
    seq: Number(r.seq),
    changeId: r.change_id,
    clientId: r.client_id,
    author: r.author,
    txId: r.tx_id,
    table: r.table_name,
    rowId: r.row_id,
    op: r.op,
    fields: JSON.parse(r.fields) as Record<string, Value>,
    hlc: r.hlc,
    at: Number(r.at),
    root: { table: r.root_table, id: r.root_id },
  }));
  const more = changes.length === limit;
  return { changes, cursor: more ? changes[changes.length - 1]!.seq : head, head, more };
}
