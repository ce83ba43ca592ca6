import type { Store } from '../writer';
import { META_COLUMNS } from './policy';

const META = new Set<string>(META_COLUMNS);
const cache = new WeakMap<Store, Map<string, string[] | null>>();

/**
 * The synced data columns of a table in this desk's store, read from its schema: the map every
 * table and column name arriving from the server is checked against before it reaches SQL.
 * null: no such table here.
 */
export function syncedColumns(store: Store, table: string): string[] | null {
  let byTable = cache.get(store);
  if (!byTable) {
    byTable = new Map();
    cache.set(store, byTable);
  }
  if (!byTable.has(table)) {
    const info = store.sql('SELECT name, pk FROM pragma_table_info(?)').all(table) as { name: string; pk: number }[];
    const cols = info.map((c) => c.name);
    // A key column other than `id` (identities.rid, the search index's rowid) is this store's own.
    const local = new Set(info.filter((c) => c.pk > 0 && c.name !== 'id').map((c) => c.name));
    byTable.set(table, META_COLUMNS.every((m) => cols.includes(m)) ? cols.filter((c) => !META.has(c) && !local.has(c)) : null);
  }
  return byTable.get(table)!;
}
