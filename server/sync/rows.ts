import type { Param, Sql } from '../database/database';
import type { Value } from '../../db/sync/protocol';

/** A row's current state on the server: its values, merged field by field, and each value's clock. */
export interface RowState {
  table: string;
  rowId: string;
  /** Data fields and `deleted_at`. */
  fields: Record<string, Value>;
  /** Field → HLC of the change that wrote its current value. */
  clocks: Record<string, string>;
  createdBy: string | null;
  createdAt: number;
  updatedBy: string | null;
  updatedAt: number;
  deletedBy: string | null;
  audience: string | null;
  lastSeq: number;
}

interface RowRecord {
  row_id: string;
  table_name: string;
  fields: string;
  clocks: string;
  created_by: string | null;
  created_at: number;
  updated_by: string | null;
  updated_at: number;
  deleted_at: number | null;
  deleted_by: string | null;
  audience: string | null;
  last_seq: number;
}

export const rowKey = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/**
 * `column IN (the values)`, in parts: on SQLite a list of placeholders (500 a part); on
 * PostgreSQL one part whatever the count, the values as one JSON array. PostgreSQL plans a
 * list of 500 literals as a scan of the whole table (it expects 500 of them to match among
 * rows it has not counted yet; issue 10: 127 ms a push on 12,000 rows, growing with every
 * push), while `= ANY` over an array it cannot see is planned as index lookups.
 */
export function inParts(dialect: 'sqlite' | 'postgres', column: string, values: readonly string[]): { sql: string; params: Param[] }[] {
  if (values.length === 0) return [];
  if (dialect === 'postgres') return [{ sql: `${column} = ANY (ARRAY(SELECT json_array_elements_text(?::json)))`, params: [JSON.stringify(values)] }];
  const parts: { sql: string; params: Param[] }[] = [];
  for (let i = 0; i < values.length; i += 500) {
    const part = values.slice(i, i + 500);
    parts.push({ sql: `${column} IN (${part.map(() => '?').join(', ')})`, params: part });
  }
  return parts;
}

/** The rows with these ids (any table), keyed by table and id. */
export async function loadRows(sql: Sql, dialect: 'sqlite' | 'postgres', rowIds: readonly string[]): Promise<Map<string, RowState>> {
  const found = new Map<string, RowState>();
  for (const part of inParts(dialect, 'row_id', [...new Set(rowIds)])) {
    const records = await sql.all<RowRecord>(`SELECT * FROM rows WHERE ${part.sql}`, part.params);
    for (const r of records) found.set(rowKey(r.table_name, r.row_id), fromRecord(r));
  }
  return found;
}

/** Every live row of a table (small tables only: roles, memberships). */
export async function tableRows(sql: Sql, table: string): Promise<RowState[]> {
  const records = await sql.all<RowRecord>('SELECT * FROM rows WHERE table_name = ? AND deleted_at IS NULL', [table]);
  return records.map(fromRecord);
}

function fromRecord(r: RowRecord): RowState {
  return {
    table: r.table_name,
    rowId: r.row_id,
    fields: JSON.parse(r.fields) as Record<string, Value>,
    clocks: JSON.parse(r.clocks) as Record<string, string>,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedBy: r.updated_by,
    updatedAt: Number(r.updated_at),
    deletedBy: r.deleted_by,
    audience: r.audience,
    lastSeq: Number(r.last_seq),
  };
}

/** Columns written by `insertMany`, with their PostgreSQL types (it sends one typed array per column). */
export type ColumnTypes = Readonly<Record<string, 'text' | 'bigint'>>;

export const ROW_COLUMNS = {
  row_id: 'text',
  table_name: 'text',
  fields: 'text',
  clocks: 'text',
  created_by: 'text',
  created_at: 'bigint',
  updated_by: 'text',
  updated_at: 'bigint',
  deleted_at: 'bigint',
  deleted_by: 'text',
  audience: 'text',
  last_seq: 'bigint',
} as const satisfies ColumnTypes;

export function rowParams(r: RowState): Param[] {
  const deletedAt = r.fields.deleted_at;
  return [
    r.rowId,
    r.table,
    JSON.stringify(r.fields),
    JSON.stringify(r.clocks),
    r.createdBy,
    r.createdAt,
    r.updatedBy,
    r.updatedAt,
    typeof deletedAt === 'number' ? deletedAt : null,
    r.deletedBy,
    r.audience,
    r.lastSeq,
  ];
}

export const ROW_UPSERT = `ON CONFLICT (row_id, table_name) DO UPDATE SET fields = excluded.fields, clocks = excluded.clocks,
  updated_by = excluded.updated_by, updated_at = excluded.updated_at, deleted_at = excluded.deleted_at,
  deleted_by = excluded.deleted_by, audience = excluded.audience, last_seq = excluded.last_seq`;

/**
 * Inserts many rows (values in the order of `columns`): one prepared statement per row on
 * SQLite, where a statement is no round trip; on PostgreSQL one statement per batch that
 * unnests one array per column. A multi-row VALUES list of 1,000 rows × 16 columns costs
 * PostgreSQL far more to parse and plan than the insert itself (issue 10: 250 ms a batch,
 * against about 30 with arrays).
 */
export async function insertMany(
  sql: Sql,
  dialect: 'sqlite' | 'postgres',
  table: string,
  columns: ColumnTypes,
  rows: readonly Param[][],
  suffix = '',
): Promise<void> {
  const names = Object.keys(columns);
  const head = `INSERT INTO ${table} (${names.join(', ')})`;
  if (dialect === 'sqlite') {
    const one = `${head} VALUES (${names.map(() => '?').join(', ')}) ${suffix}`;
    for (const r of rows) await sql.run(one, r);
    return;
  }
  if (rows.length === 0) return;
  const arrays = columnArrays(columns, rows);
  await sql.run(`${head} SELECT * FROM unnest(${arrays.sql}) ${suffix}`, arrays.params);
}

/**
 * Rows as PostgreSQL arrays, one per column: the SQL that unnests them and its parameters.
 * Each column travels as one JSON array: JSON.stringify is native, where the driver would
 * escape every element of a PostgreSQL array literal in JavaScript (a third of a push's time).
 */
function columnArrays(columns: ColumnTypes, rows: readonly Param[][]): { sql: string; params: string[] } {
  const names = Object.keys(columns);
  return {
    sql: names.map((n) => `ARRAY(SELECT e FROM json_array_elements_text(?::json) WITH ORDINALITY AS t (e, i) ORDER BY i)::${columns[n]}[]`).join(', '),
    params: names.map((_, c) => JSON.stringify(rows.map((r) => r[c] ?? null))),
  };
}

/** A batch of changes to number and store, with the rows they leave behind (see storeNumbered). */
export interface NumberedBatch {
  changes: NumberedRows;
  rows: NumberedRows;
}

/** Rows for one table; `seq` names the column numbered relative to the batch, `suffix` follows the insert (ON CONFLICT …). */
export interface NumberedRows {
  table: string;
  columns: ColumnTypes;
  rows: Param[][];
  seq: string;
  suffix?: string;
}

/**
 * Takes the next `count` sequence numbers from `head` and stores a batch with them, answering
 * the new head. In `batch`, the `seq` column of each row holds the number relative to the
 * batch's last (1 − count … 0): the real one is known only once `head` is updated.
 *
 * Every push updates the one `head` row, and holds its lock until it commits (pushes commit
 * in the order of their numbers): whatever runs in between runs one push at a time. On
 * PostgreSQL the numbering and both inserts are therefore one statement, its parameters made
 * beforehand, so the lock is held for the database's own work only, never while this
 * process serialises the next rows or serves another request (issue 10: with four desks
 * pushing, each push waited about 600 ms for the lock under load).
 */
export async function storeNumbered(sql: Sql, dialect: 'sqlite' | 'postgres', count: number, batch: NumberedBatch): Promise<number> {
  if (dialect === 'sqlite') {
    const last = await sql.get<{ seq: number }>('UPDATE head SET seq = seq + ? WHERE id = 1 RETURNING seq', [count]);
    const head = Number(last!.seq);
    for (const part of [batch.changes, batch.rows]) {
      const at = Object.keys(part.columns).indexOf(part.seq);
      const rows = part.rows.map((r) => r.map((v, c) => (c === at ? head + Number(v) : v)));
      await insertMany(sql, dialect, part.table, part.columns, rows, part.suffix);
    }
    return head;
  }
  const insert = (part: NumberedRows) => {
    const names = Object.keys(part.columns);
    const arrays = columnArrays(part.columns, part.rows);
    const values = names.map((n) => (n === part.seq ? `h.seq + u.${n}` : `u.${n}`)).join(', ');
    return {
      sql: `INSERT INTO ${part.table} (${names.join(', ')}) SELECT ${values} FROM h, unnest(${arrays.sql}) AS u (${names.join(', ')}) ${part.suffix ?? ''}`,
      params: arrays.params,
    };
  };
  const changes = insert(batch.changes);
  const rows = insert(batch.rows);
  // Data-modifying WITH parts run once and to completion whether or not the query reads them.
  const last = await sql.get<{ seq: number }>(
    `WITH h AS (UPDATE head SET seq = seq + ? WHERE id = 1 RETURNING seq),
     c AS (${changes.sql}),
     r AS (${rows.sql})
     SELECT seq FROM h`,
    [count, ...changes.params, ...rows.params],
  );
  return Number(last!.seq);
}
