import { z } from 'zod';
import { JalaliDateInput } from '../api/jalali-input';
import type { UserRef } from '../organisation/schema';
import type { ItemRef } from '../api/items';
import { ItemRefInput } from '../api/items';

export const FollowUpCreate = z.object({
  item: ItemRefInput,
  note: z.string().trim().min(1).max(5_000),
  /** The next date to follow it up ("1404/02/15", optionally with a time). */
  next: JalaliDateInput.optional(),
});
export const FollowUpUpdate = z.object({
  id: z.uuid(),
  note: z.string().trim().min(1).max(5_000).optional(),
  next: JalaliDateInput.nullable().optional(),
  done: z.boolean().optional(),
});
export const FollowUpForItem = z.object({ item: ItemRefInput });

export interface FollowUp {
  id: string;
  item: ItemRef;
  /** The item's title now; null when it has been deleted since. */
  title: string | null;
  link: string | null;
  note: string;
  next: { at: number; hasTime: boolean } | null;
  done: boolean;
  doneAt: number | null;
  owner: UserRef;
  createdAt: number;
}

/** The dashboard widget: the caller's open follow-ups by when they are due. */
export interface FollowUpAgenda {
  overdue: FollowUp[];
  today: FollowUp[];
  tomorrow: FollowUp[];
  undated: FollowUp[];
}

/** The `data` of a follow-up in an identity's history. */
export interface FollowUpEntryData {
  followupId: string;
  item: ItemRef;
  /** The item's title when it is not the identity itself. */
  itemTitle: string | null;
  note: string;
  next: { at: number; hasTime: boolean } | null;
  done: boolean;
}
