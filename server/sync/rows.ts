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

/** The rows with these ids (any table), keyed by table and id. */
export async function loadRows(sql: Sql, rowIds: readonly string[]): Promise<Map<string, RowState>> {
  const found = new Map<string, RowState>();
  const unique = [...new Set(rowIds)];
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    const records = await sql.all<RowRecord>(`SELECT * FROM rows WHERE row_id IN (${part.map(() => '?').join(', ')})`, part);
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
  // Each column travels as one JSON array: JSON.stringify is native, where the driver would
  // escape every element of a PostgreSQL array literal in JavaScript (a third of a push's time).
  const arrays = names.map((_, c) => JSON.stringify(rows.map((r) => r[c] ?? null)));
  const column = (n: string) => `ARRAY(SELECT e FROM json_array_elements_text(?::json) WITH ORDINALITY AS t (e, i) ORDER BY i)::${columns[n]}[]`;
  await sql.run(`${head} SELECT * FROM unnest(${names.map(column).join(', ')}) ${suffix}`, arrays);
}
