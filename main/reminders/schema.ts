import { z } from 'zod';
import { JalaliDateTimeInput } from '../api/jalali-input';
import { ItemRefInput } from '../api/items';
import type { ItemRef } from '../api/items';

export const ReminderCreate = z.object({
  item: ItemRefInput,
  /** Day and time, Jalali, on the office's clock: "1404/02/15 09:30". */
  at: JalaliDateTimeInput,
  note: z.string().trim().max(500).optional(),
});
export const ReminderRef = z.object({ id: z.uuid() });
/** Snooze for some minutes (5, 10, 30 in the popup) or until a chosen time. */
export const ReminderSnooze = z
  .object({
    id: z.uuid(),
    minutes: z.number().int().min(1).max(7 * 24 * 60).optional(),
    until: JalaliDateTimeInput.optional(),
  })
  .refine((s) => (s.minutes === undefined) !== (s.until === undefined), { message: 'reminder.snoozeOne', path: ['minutes'] });
export const ReminderList = z.object({ item: ItemRefInput.optional() });
/** A window says whether a person can see it; the backend decides about native notifications. */
export const WindowPresenceReport = z.object({
  windowId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'field.id'),
  visible: z.boolean(),
  focused: z.boolean(),
});

export const ReminderPreferences = z.object({ sound: z.boolean() }).strict();

export type ReminderState = 'pending' | 'fired' | 'dismissed';

export interface Reminder {
  id: string;
  ownerId: string;
  item: ItemRef;
  /** The item's title now; null when the item has been deleted since. */
  title: string | null;
  link: string | null;
  note: string | null;
  dueAt: number;
  state: ReminderState;
  firedAt: number | null;
  /** Fired well after its time: it fell due while the app was closed, or the clock jumped. */
  late: boolean;
}
