import type { Store } from '../../db/writer';
import type { ItemRef } from '../api/items';

export interface FollowUpRow {
  id: string;
  owner_id: string;
  item_kind: string;
  item_id: string;
  identity_id: string | null;
  note: string;
  next_at: number | null;
  next_time: number;
  done: number;
  done_at: number | null;
  created_at: number;
}

const COLUMNS = 'id, owner_id, item_kind, item_id, identity_id, note, next_at, next_time, done, done_at, created_at';
const OPEN_OF_OWNER = 'owner_id = ? AND done = 0 AND deleted_at IS NULL';

/** SQL of follow-ups; the widget's four lists each walk the index followups_open_by_owner. */
export class FollowUpStore {
  constructor(private readonly store: Store) {}

  get(id: string): FollowUpRow | undefined {
    return this.store.sql(`SELECT ${COLUMNS} FROM followups WHERE id = ? AND deleted_at IS NULL`).get(id) as FollowUpRow | undefined;
  }

  /** Open follow-ups of the owner due in [from, to), soonest first. */
  dueBetween(ownerId: string, from: number | null, to: number, limit: number): FollowUpRow[] {
    return (
      from === null
        ? this.store.sql(`SELECT ${COLUMNS} FROM followups WHERE ${OPEN_OF_OWNER} AND next_at < ? ORDER BY next_at, id LIMIT ?`).all(ownerId, to, limit)
        : this.store
            .sql(`SELECT ${COLUMNS} FROM followups WHERE ${OPEN_OF_OWNER} AND next_at >= ? AND next_at < ? ORDER BY next_at, id LIMIT ?`)
            .all(ownerId, from, to, limit)
    ) as FollowUpRow[];
  }

  undated(ownerId: string, limit: number): FollowUpRow[] {
    return this.store
      .sql(`SELECT ${COLUMNS} FROM followups WHERE ${OPEN_OF_OWNER} AND next_at IS NULL ORDER BY id DESC LIMIT ?`)
      .all(ownerId, limit) as FollowUpRow[];
  }

  forItem(item: ItemRef): FollowUpRow[] {
    return this.store
      .sql(`SELECT ${COLUMNS} FROM followups WHERE item_kind = ? AND item_id = ? AND deleted_at IS NULL ORDER BY id DESC LIMIT 200`)
      .all(item.kind, item.id) as FollowUpRow[];
  }

  /** Follow-ups on an identity or on its items, newest first, keyset-paged on (created_at, id). */
  forIdentity(identityId: string, before: { at: number; key: string } | null, limit: number): FollowUpRow[] {
    return (
      before
        ? this.store
            .sql(
              `SELECT ${COLUMNS} FROM followups WHERE identity_id = ? AND deleted_at IS NULL AND (created_at, id) < (?, ?)
               ORDER BY created_at DESC, id DESC LIMIT ?`,
            )
            .all(identityId, before.at, before.key, limit)
        : this.store
            .sql(`SELECT ${COLUMNS} FROM followups WHERE identity_id = ? AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`)
            .all(identityId, limit)
    ) as FollowUpRow[];
  }
}
