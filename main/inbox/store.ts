import type { Store } from '../../db/writer';

export interface InboxRow {
  id: string;
  kind: string;
  params: string;
  link_kind: string | null;
  link_id: string | null;
  read_at: number | null;
  created_at: number;
  created_by: string | null;
}

const COLUMNS = 'id, kind, params, link_kind, link_id, read_at, created_at, created_by';

/** SQL of the in-app messages: newest first, keyset-paged on the UUIDv7 id. */
export class InboxStore {
  constructor(private readonly store: Store) {}

  page(userId: string, before: string | null, limit: number, unreadOnly: boolean): InboxRow[] {
    const unread = unreadOnly ? 'AND read_at IS NULL' : '';
    return (
      before
        ? this.store
            .sql(`SELECT ${COLUMNS} FROM inbox_messages WHERE user_id = ? AND deleted_at IS NULL ${unread} AND id < ? ORDER BY id DESC LIMIT ?`)
            .all(userId, before, limit)
        : this.store
            .sql(`SELECT ${COLUMNS} FROM inbox_messages WHERE user_id = ? AND deleted_at IS NULL ${unread} ORDER BY id DESC LIMIT ?`)
            .all(userId, limit)
    ) as InboxRow[];
  }

  unreadCount(userId: string): number {
    return this.store
      .sql('SELECT count(*) FROM inbox_messages WHERE user_id = ? AND read_at IS NULL AND deleted_at IS NULL')
      .pluck()
      .get(userId) as number;
  }

  unreadIds(userId: string, ids: readonly string[] | null): string[] {
    return ids
      ? (this.store
          .sql(
            `SELECT id FROM inbox_messages WHERE user_id = ? AND read_at IS NULL AND deleted_at IS NULL
             AND id IN (SELECT value FROM json_each(?))`,
          )
          .pluck()
          .all(userId, JSON.stringify(ids)) as string[])
      : (this.store
          .sql('SELECT id FROM inbox_messages WHERE user_id = ? AND read_at IS NULL AND deleted_at IS NULL')
          .pluck()
          .all(userId) as string[]);
  }

  unreadIdsFor(userId: string, kind: string, id: string): string[] {
    return this.store
      .sql(
        `SELECT id FROM inbox_messages WHERE user_id = ? AND read_at IS NULL AND deleted_at IS NULL
         AND link_kind = ? AND link_id = ?`,
      )
      .pluck()
      .all(userId, kind, id) as string[];
  }
}
