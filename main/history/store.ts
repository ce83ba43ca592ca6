import { insertedValues } from '../../db/sync/inserted-values';
import type { Store } from '../../db/writer';

export interface OutboxRow {
  seq: number;
  tx_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  /** New values of the changed fields; null for an insert (see `inserted`). */
  fields: string | null;
  previous: string | null;
  author: string | null;
  at: number;
}

/** The change log's reads of the outbox: actions whose root is one record, keyset-paged. */
export class ChangeLogStore {
  constructor(private readonly store: Store) {}

  actions(rootTable: string, rootId: string, before: { at: number; key: string } | null, limit: number): { tx_id: string; at: number }[] {
    const base = 'SELECT tx_id, MIN(at) AS at FROM outbox WHERE root_table = ? AND root_id = ? GROUP BY tx_id';
    return (
      before
        ? this.store
            .sql(`${base} HAVING (MIN(at), tx_id) < (?, ?) ORDER BY at DESC, tx_id DESC LIMIT ?`)
            .all(rootTable, rootId, before.at, before.key, limit)
        : this.store.sql(`${base} ORDER BY at DESC, tx_id DESC LIMIT ?`).all(rootTable, rootId, limit)
    ) as { tx_id: string; at: number }[];
  }

  /** A record as it is now (kept after a soft delete): what a removed phone or address held. */
  current(table: string, id: string): Record<string, unknown> | undefined {
    // The table name comes from our own outbox; it is still checked against the schema.
    if (!this.store.tables.has(table)) return undefined;
    return this.store.sql(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  }

  rowsOf(txId: string, rootTable: string, rootId: string): OutboxRow[] {
    return this.store
      .sql('SELECT seq, tx_id, table_name, row_id, op, fields, previous, author, at FROM outbox WHERE root_id = ? AND tx_id = ? AND root_table = ? ORDER BY seq')
      .all(rootId, txId, rootTable) as OutboxRow[];
  }

  /** The values an insert wrote (the outbox keeps none for an insert: db/sync/inserted-values.ts). */
  inserted(row: OutboxRow): Record<string, unknown> {
    return insertedValues(this.store, row);
  }
}
