import type { Store, Writer } from '../../db/writer';
import type { UserRef } from '../organisation/schema';
import type { ItemRef, ItemRegistry } from '../api/items';
import type { InboxDelivery, InboxMessage, InboxPage } from './schema';
import { InboxStore, type InboxRow } from './store';

/**
 * The interface other capabilities deliver through (tasks; the calendar's invitations). Pass
 * your own writer to make the messages part of your action's transaction.
 */
export interface InAppMessages {
  deliver(userIds: readonly string[], message: InboxDelivery, w?: Writer): void;
  /** The user opened the item: its messages are read (the bell forgets them). */
  markReadFor(userId: string, item: ItemRef, w?: Writer): void;
}

/** In-app system messages: the bell's list and its unread count, per user. */
export class InboxService implements InAppMessages {
  private readonly rows: InboxStore;

  constructor(
    private readonly store: Store,
    private readonly items: ItemRegistry,
    private readonly userRef: (id: string | null) => UserRef | null,
  ) {
    this.rows = new InboxStore(store);
  }

  deliver(userIds: readonly string[], message: InboxDelivery, w?: Writer): void {
    const write = (writer: Writer) => {
      for (const userId of new Set(userIds)) {
        writer.insert('inbox_messages', {
          user_id: userId,
          kind: message.kind,
          params: JSON.stringify(message.params),
          link_kind: message.item?.kind ?? null,
          link_id: message.item?.id ?? null,
        });
      }
    };
    if (userIds.length === 0) return;
    if (w) write(w);
    else this.store.write(null, write);
  }

  page(userId: string, query: { before?: string | undefined; limit: number; unreadOnly: boolean }): InboxPage {
    const rows = this.rows.page(userId, query.before ?? null, query.limit + 1, query.unreadOnly);
    const messages = rows.slice(0, query.limit).map((r) => this.toMessage(r));
    const last = messages[messages.length - 1];
    return { messages, next: rows.length > query.limit && last ? last.id : null, unread: this.rows.unreadCount(userId) };
  }

  unread(userId: string): number {
    return this.rows.unreadCount(userId);
  }

  /** Marks the user's messages read (the given ones, or all); others' messages are untouched. */
  markRead(userId: string, ids: readonly string[] | null): { unread: number } {
    const unread = this.rows.unreadIds(userId, ids);
    if (unread.length > 0) this.markIds(userId, unread);
    return { unread: this.rows.unreadCount(userId) };
  }

  /** Opening an item reads the messages about it (the bell forgets a task once it is opened). */
  markReadFor(userId: string, item: ItemRef, w?: Writer): void {
    const unread = this.rows.unreadIdsFor(userId, item.kind, item.id);
    if (unread.length === 0) return;
    if (w) this.markWith(w, unread);
    else this.markIds(userId, unread);
  }

  private markIds(userId: string, ids: string[]): void {
    this.store.write(userId, (w) => this.markWith(w, ids));
  }

  private markWith(w: Writer, ids: string[]): void {
    const now = this.store.clock.now();
    for (const id of ids) w.update('inbox_messages', id, { read_at: now });
  }

  private toMessage(r: InboxRow): InboxMessage {
    const item = r.link_kind && r.link_id ? { kind: r.link_kind, id: r.link_id } : null;
    const described = item ? this.items.describe(item) : null;
    return {
      id: r.id,
      kind: r.kind,
      params: JSON.parse(r.params) as Record<string, string | number>,
      item,
      link: described?.link ?? null,
      at: r.created_at,
      readAt: r.read_at,
      from: this.userRef(r.created_by),
    };
  }
}
