import { z } from 'zod';
import type { UserRef } from '../organisation/schema';
import type { ItemRef } from '../api/items';

export const InboxQuery = z.object({
  /** Keyset cursor: the id of the last message of the previous page. */
  before: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(30),
  unreadOnly: z.boolean().default(false),
});
export const InboxMarkRead = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(500) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);

/** What another capability hands to `deliver`: the sentence's kind, its parameters, what it opens. */
export interface InboxDelivery {
  /** Names the sentence, e.g. `task.assigned`; the renderer's translations have `inbox.kind.<kind>`. */
  kind: string;
  params: Record<string, string | number>;
  item?: ItemRef | null;
}

export interface InboxMessage {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  /** The item it opens and the route to it; null when it opens nothing or the item is gone. */
  item: ItemRef | null;
  link: string | null;
  at: number;
  readAt: number | null;
  from: UserRef | null;
}
export interface InboxPage {
  messages: InboxMessage[];
  next: string | null;
  unread: number;
}
export interface InboxCount {
  unread: number;
}
