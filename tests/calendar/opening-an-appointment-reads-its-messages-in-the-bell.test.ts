import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxService } from '../../main/inbox/service';
import { AppointmentUpdate } from '../../main/calendar/schema';
import { calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-opened-in-the-bell');
});
afterAll(() => f.close());

const inbox = () => f.t.backend.service<InboxService>('inbox');
/** The user's unread bell messages about one appointment. */
const unreadAbout = (userId: string, appointmentId: string) =>
  inbox()
    .page(userId, { limit: 50, unreadOnly: true })
    .messages.filter((m) => m.item?.kind === 'appointment' && m.item.id === appointmentId);

describe('opening an appointment', () => {
  it("reads the opener's bell messages about it (as opening a task does), and only those", () => {
    const invitee = f.user('مدعو بودجه', 'staff');
    const other = f.user('مدعو دیگر', 'staff');
    const fields = (subject: string, start: string, end: string) => ({
      calendarId: f.officeCalendarId,
      subject,
      start,
      end,
      attendees: [{ kind: 'user' as const, userId: invitee.userId! }, { kind: 'user' as const, userId: other.userId! }],
      notify: ['inapp' as const],
    });
    const budget = f.svc.create(f.input(fields('جلسهٔ بودجه', '2025-05-03T09:00', '2025-05-03T10:00')), f.manager);
    const review = f.svc.create(f.input(fields('بازبینی قرارداد', '2025-05-03T11:00', '2025-05-03T12:00')), f.manager);
    // Changed once: a second message about it in each invitee's bell.
    f.svc.update(AppointmentUpdate.parse({ ...fields('جلسهٔ بودجهٔ ۱۴۰۴', '2025-05-03T09:00', '2025-05-03T10:00'), id: budget.id, scope: 'series' }), f.manager);
    expect(unreadAbout(invitee.userId!, budget.id)).toHaveLength(2);

    // Looking it up is not opening it: the bell still counts it.
    f.svc.get(budget.id, invitee);
    expect(unreadAbout(invitee.userId!, budget.id)).toHaveLength(2);

    const before = inbox().unread(invitee.userId!);
    expect(f.svc.open(budget.id, invitee).subject).toBe('جلسهٔ بودجهٔ ۱۴۰۴');
    expect(unreadAbout(invitee.userId!, budget.id)).toEqual([]);
    expect(inbox().unread(invitee.userId!)).toBe(before - 2);
    // The other appointment's message, and the other invitee's messages, stay unread.
    expect(unreadAbout(invitee.userId!, review.id)).toHaveLength(1);
    expect(unreadAbout(other.userId!, budget.id)).toHaveLength(2);
  });
});
