import type { Store } from '../../db/writer';

export interface OutboxRow {
  tx_id: string;
  table_name: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  fields: string;
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
      .sql('SELECT tx_id, table_name, row_id, op, fields, previous, author, at FROM outbox WHERE tx_id = ? AND root_table = ? AND root_id = ? ORDER BY seq')
      .all(txId, rootTable, rootId) as OutboxRow[];
  }
}
