import { z } from 'zod';
import { JalaliDateInput } from '../api/jalali-input';
import type { UserRef } from '../identities/schema';
import type { ItemRef } from '../items/registry';
import { ItemRefInput } from '../items/schema';

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
