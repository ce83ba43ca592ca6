import type { Store, Value } from '../writer';
import { packId } from '../change-log';
import { syncedColumns } from './columns';

/**
 * The values a row was inserted with. The change log stores none for an insert (the row
 * holds them): they are the row's current values, except for each field a later change
 * touched, where the earliest such change's `previous` is what the insert wrote. Every write
 * to a synced row, local or received, goes through the change log with its `previous`, so
 * this is exact. Null fields are left out, as an insert of them writes nothing.
 */
export function insertedValues(
  store: Store,
  change: { seq: number; table_name: string; row_id: string; fields: string | null },
): Record<string, Value> {
  // Changes recorded before migration 0010 still carry their values.
  if (change.fields !== null) return withoutNulls(JSON.parse(change.fields) as Record<string, Value>);
  const cols = syncedColumns(store, change.table_name);
  if (!cols) return {};
  const row = store.sql(`SELECT ${cols.join(', ')} FROM ${change.table_name} WHERE id = ?`).get(change.row_id) as
    | Record<string, Value>
    | undefined;
  if (!row) return {};
  const table = store.changeLog.codeIfUsed(change.table_name);
  const later = store
    .sql('SELECT previous FROM change_log WHERE row_id = ? AND op <> 0 AND seq > ? AND tbl = ? AND previous IS NOT NULL ORDER BY seq')
    .pluck()
    .all(packId(change.row_id), change.seq, table ?? -1) as string[];
  const restored = new Set<string>();
  for (const json of later) {
    const previous = JSON.parse(json) as Record<string, Value>;
    for (const [field, value] of Object.entries(previous)) {
      if (restored.has(field) || !(field in row)) continue;
      row[field] = value;
      restored.add(field);
    }
  }
  return withoutNulls(row);
}

function withoutNulls(values: Record<string, Value>): Record<string, Value> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));
}
