import { packId, unpackId } from '../../db/change-log';
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
    // The compact log (0011): a row that is its own root has no root columns; ids are packed,
    // and packed ids sort as their text does, so the keyset below pages the same way.
    const table = this.store.changeLog.codeIfUsed(rootTable);
    if (table === undefined) return [];
    const base = `SELECT tx, MIN(coalesce(at, wall)) AS at FROM change_log
      WHERE coalesce(root_id, row_id) = ? AND coalesce(root_tbl, tbl) = ? GROUP BY tx`;
    const rows = (
      before
        ? this.store
            .sql(`${base} HAVING (MIN(coalesce(at, wall)), tx) < (?, ?) ORDER BY at DESC, tx DESC LIMIT ?`)
            .all(packId(rootId), table, before.at, packId(before.key), limit)
        : this.store.sql(`${base} ORDER BY at DESC, tx DESC LIMIT ?`).all(packId(rootId), table, limit)
    ) as { tx: string | Buffer; at: number }[];
    return rows.map((r) => ({ tx_id: unpackId(r.tx), at: r.at }));
  }

  /** A record as it is now (kept after a soft delete): what a removed phone or address held. */
  current(table: string, id: string): Record<string, unknown> | undefined {
    // The table name comes from our own outbox; it is still checked against the schema.
    if (!this.store.tables.has(table)) return undefined;
    return this.store.sql(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  }

  rowsOf(txId: string, rootTable: string, rootId: string): OutboxRow[] {
    return this.store
      .sql(
        `SELECT seq, tx_id, table_name, row_id, op, fields, previous, author, at FROM outbox WHERE seq IN
           (SELECT seq FROM change_log WHERE coalesce(root_id, row_id) = ? AND tx = ? AND coalesce(root_tbl, tbl) = ?) ORDER BY seq`,
      )
      .all(packId(rootId), packId(txId), this.store.changeLog.codeIfUsed(rootTable) ?? -1) as OutboxRow[];
  }

  /** The values an insert wrote (the outbox keeps none for an insert: db/sync/inserted-values.ts). */
  inserted(row: OutboxRow): Record<string, unknown> {
    return insertedValues(this.store, row);
  }
}
