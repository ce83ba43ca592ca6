import type { Store } from '../../db/writer';
import type { ItemRef } from '../api/items';

export interface ReminderRow {
  id: string;
  owner_id: string;
  item_kind: string;
  item_id: string;
  note: string | null;
  due_at: number;
  state: 'pending' | 'fired' | 'dismissed';
  fired_at: number | null;
  late: number;
}

const COLUMNS = 'id, owner_id, item_kind, item_id, note, due_at, state, fired_at, late';
const PENDING = "state = 'pending' AND deleted_at IS NULL";

/** SQL of reminders. The scheduler's queries walk the partial index reminders_next_due. */
export class ReminderStore {
  constructor(private readonly store: Store) {}

  /** The earliest pending reminder: one index probe, whatever the number of reminders. */
  nextDueAt(): number | null {
    const at = this.store.sql(`SELECT due_at FROM reminders WHERE ${PENDING} ORDER BY due_at, id LIMIT 1`).pluck().get() as
      | number
      | undefined;
    return at ?? null;
  }

  due(now: number, limit: number): ReminderRow[] {
    return this.store
      .sql(`SELECT ${COLUMNS} FROM reminders WHERE ${PENDING} AND due_at <= ? ORDER BY due_at, id LIMIT ?`)
      .all(now, limit) as ReminderRow[];
  }

  get(id: string): ReminderRow | undefined {
    return this.store.sql(`SELECT ${COLUMNS} FROM reminders WHERE id = ? AND deleted_at IS NULL`).get(id) as ReminderRow | undefined;
  }

  /** Fired and not yet handled: the popups that stay until the person acts. */
  fired(ownerId: string): ReminderRow[] {
    return this.store
      .sql(`SELECT ${COLUMNS} FROM reminders WHERE owner_id = ? AND state = 'fired' AND deleted_at IS NULL ORDER BY fired_at, id`)
      .all(ownerId) as ReminderRow[];
  }

  /** The owner's reminders not yet dismissed, soonest first; optionally on one item. */
  open(ownerId: string, item: ItemRef | null): ReminderRow[] {
    return (
      item
        ? this.store
            .sql(
              `SELECT ${COLUMNS} FROM reminders WHERE item_kind = ? AND item_id = ? AND owner_id = ?
               AND state <> 'dismissed' AND deleted_at IS NULL ORDER BY due_at, id`,
            )
            .all(item.kind, item.id, ownerId)
        : this.store
            .sql(`SELECT ${COLUMNS} FROM reminders WHERE owner_id = ? AND state <> 'dismissed' AND deleted_at IS NULL ORDER BY due_at, id LIMIT 500`)
            .all(ownerId)
    ) as ReminderRow[];
  }

  /** Which of these items have a reminder of the owner whose time has come. */
  passed(ownerId: string, kind: string, ids: readonly string[], now: number): string[] {
    return this.store
      .sql(
        `SELECT DISTINCT item_id FROM reminders WHERE item_kind = ? AND item_id IN (SELECT value FROM json_each(?))
         AND owner_id = ? AND due_at <= ? AND deleted_at IS NULL`,
      )
      .pluck()
      .all(kind, JSON.stringify(ids), ownerId, now) as string[];
  }
}
