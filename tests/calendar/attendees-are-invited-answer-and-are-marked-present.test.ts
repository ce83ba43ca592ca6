import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxService } from '../../main/inbox/service';
import { apiError, calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-invitations');
});
afterAll(() => f.close());

interface MessageRow {
  event: string;
  channel: string;
  user_id: string | null;
  address: string | null;
  subject: string | null;
  body: string;
  status: string;
}
/** SMS and email invitations waiting for the correspondence channels. */
const queued = (appointmentId: string) =>
  f.t.backend.db.prepare('SELECT event, channel, user_id, address, subject, body, status FROM calendar_messages WHERE appointment_id = ? ORDER BY created_at, id').all(appointmentId) as MessageRow[];
interface BellRow {
  kind: string;
  user_id: string;
  params: { title: string; text: string };
}
/** In-app invitations: messages of the inbox (the bell) that open the appointment. */
const bell = (appointmentId: string) =>
  (
    f.t.backend.db
      .prepare("SELECT kind, user_id, params FROM inbox_messages WHERE link_kind = 'appointment' AND link_id = ? ORDER BY id")
      .all(appointmentId) as { kind: string; user_id: string; params: string }[]
  ).map((r): BellRow => ({ ...r, params: JSON.parse(r.params) as BellRow['params'] }));
const inbox = () => f.t.backend.service<InboxService>('inbox');

describe('invitations', () => {
  it('go to each attendee on every channel they can be reached on: in-app to the user’s bell, SMS and email queued for the rest', () => {
    const ceo = f.user('مهندس احمدی', 'staff');
    const customer = f.identity('کریمی', '09121234567');
    const a = f.svc.create(
      f.input({
        calendarId: f.officeCalendarId,
        subject: 'بررسی قرارداد',
        start: '2025-04-19T10:00',
        end: '2025-04-19T11:30',
        location: { kind: 'room', roomId: f.roomId },
        attendees: [
          { kind: 'user', userId: ceo.userId!, mandatory: true },
          { kind: 'identity', identityId: customer },
          { kind: 'adhoc', name: 'خانم صالحی', email: 'salehi@example.com' },
          { kind: 'user', userId: f.manager.userId! },
        ],
      }),
      f.manager,
    );
    const sent = queued(a.id);
    expect(sent.map((m) => [m.channel, m.status, m.user_id ?? m.address])).toEqual([
      ['sms', 'queued', '09120000003'],
      ['email', 'queued', 'user3@daftar.example.ir'],
      ['sms', 'queued', '+989121234567'],
      ['email', 'queued', 'salehi@example.com'],
    ]);
    expect(sent[2]!.body).toContain('کریمی گرامی');
    // In-app: one message in the invited user's bell, none for the person booking.
    expect(bell(a.id).map((m) => [m.kind, m.user_id])).toEqual([['calendar.invitation.created', ceo.userId]]);
    // Smart parameters: the Jalali date in Persian digits, the time, the room, the coordinator, the attendee.
    expect(bell(a.id)[0]!.params).toEqual({
      title: 'دعوت به جلسه: بررسی قرارداد',
      text: 'مهندس احمدی گرامی، شما به جلسهٔ «بررسی قرارداد» در شنبه ۳۰ فروردین ۱۴۰۴ ساعت ۱۰:۰۰–۱۱:۳۰ در اتاق جلسات ۱ دعوت شده‌اید. هماهنگ‌کننده: مسئول دفتر',
    });
    // The person booking who also attends is not invited, and counts as having accepted.
    expect(a.attendees.find((x) => x.userId === f.manager.userId)?.status).toBe('accepted');
  });

  it('land in the invitee’s bell (unread count up, opening the appointment) and in nobody else’s', () => {
    const invitee = f.user('مدعو', 'staff');
    const bystander = f.user('ناظر', 'staff');
    const before = { invitee: inbox().unread(invitee.userId!), bystander: inbox().unread(bystander.userId!), manager: inbox().unread(f.manager.userId!) };
    const a = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'جلسهٔ بودجه', start: '2025-04-26T09:00', end: '2025-04-26T10:00', attendees: [{ kind: 'user', userId: invitee.userId! }, { kind: 'user', userId: f.manager.userId! }], notify: ['inapp'] }),
      f.manager,
    );
    expect(inbox().unread(invitee.userId!)).toBe(before.invitee + 1);
    expect(inbox().unread(bystander.userId!)).toBe(before.bystander);
    expect(inbox().unread(f.manager.userId!)).toBe(before.manager);
    const [m] = inbox().page(invitee.userId!, { limit: 1, unreadOnly: true }).messages;
    expect(m).toMatchObject({ kind: 'calendar.invitation.created', item: { kind: 'appointment', id: a.id }, link: `/calendar?open=${a.id}&date=2025-04-26` });
    expect(m!.params.text).toContain('جلسهٔ بودجه');
    // Once cancelled, the message stays but opens nothing.
    f.svc.cancel({ id: a.id, scope: 'series', notify: ['inapp'] }, f.manager);
    const [cancelled, created] = inbox().page(invitee.userId!, { limit: 2, unreadOnly: false }).messages;
    expect([cancelled!.kind, cancelled!.link, created!.link]).toEqual(['calendar.invitation.cancelled', null, null]);
  });

  it('follow a change (changed to those who stay, invited to new ones, cancelled to those removed) and a cancellation', () => {
    const u1 = f.user('یکم', 'staff');
    const u2 = f.user('دوم', 'staff');
    const a = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-04-20T09:00', end: '2025-04-20T10:00', attendees: [{ kind: 'user', userId: u1.userId! }], notify: ['inapp'] }),
      f.manager,
    );
    f.svc.update(
      {
        ...f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-04-20T13:00', end: '2025-04-20T14:00', attendees: [{ kind: 'user', userId: u2.userId! }], notify: ['inapp'] }),
        id: a.id,
        scope: 'series',
      },
      f.manager,
    );
    f.svc.update(
      {
        ...f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-04-20T15:00', end: '2025-04-20T16:00', attendees: [{ kind: 'user', userId: u2.userId! }], notify: ['inapp'] }),
        id: a.id,
        scope: 'series',
      },
      f.manager,
    );
    f.svc.cancel({ id: a.id, scope: 'series', notify: ['inapp'] }, f.manager);
    expect(bell(a.id).map((m) => [m.kind.replace('calendar.invitation.', ''), m.user_id])).toEqual([
      ['created', u1.userId],
      ['created', u2.userId],
      ['cancelled', u1.userId],
      ['changed', u2.userId],
      ['cancelled', u2.userId],
    ]);
    expect(bell(a.id)[3]!.params.text).toContain('۱۵:۰۰–۱۶:۰۰');
    expect(() => f.svc.get(a.id, f.manager)).toThrow();
  });

  it('are built from the edited template, in the words the office chose', () => {
    f.svc.updateTemplate({ event: 'created', channel: 'inapp', subject: 'جلسهٔ {subject}', body: '{attendee}: {date}، {time}، {room}، {calendar}' }, f.admin);
    const u = f.user('سوم', 'staff');
    const a = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'آموزش', allDay: true, startDate: '2025-04-21', endDate: '2025-04-21', attendees: [{ kind: 'user', userId: u.userId! }], notify: ['inapp'] }),
      f.manager,
    );
    expect(bell(a.id)[0]!.params).toEqual({ title: 'جلسهٔ آموزش', text: 'سوم: دوشنبه ۱ اردیبهشت ۱۴۰۴، تمام روز، محل تعیین نشده، تقویم دفتر' });
    const preview = f.svc.previewTemplate({ event: 'created', channel: 'sms', body: '{attendee} عزیز، {subject} {date}' });
    expect(preview.body).toMatch(/^آقای رضایی عزیز، جلسهٔ بررسی قرارداد .+ ۱۴۰۴$/);
    expect(f.svc.templates().filter((t) => t.custom).map((t) => `${t.event}/${t.channel}`)).toEqual(['created/inapp']);
    f.svc.resetTemplate({ event: 'created', channel: 'inapp' }, f.admin);
    expect(f.svc.templates().filter((t) => t.custom)).toEqual([]);
  });
});

describe('answers and attendance', () => {
  it('a user answers their own invitation; the office manager records an identity’s answer and who came', () => {
    const guest = f.user('مهمان', 'staff');
    const customer = f.identity('رحیمی');
    const a = f.svc.create(
      f.input({
        calendarId: f.officeCalendarId,
        subject: 'دیدار',
        start: '2025-04-23T10:00',
        end: '2025-04-23T11:00',
        attendees: [{ kind: 'user', userId: guest.userId! }, { kind: 'identity', identityId: customer }],
      }),
      f.manager,
    );
    // The guest may not read the office calendar's bookings beyond reading, yet answers: it is their own invitation.
    const answered = f.svc.respond({ appointmentId: a.id, status: 'maybe' }, guest);
    expect(answered.attendees.find((x) => x.userId === guest.userId)?.status).toBe('maybe');
    const identityRow = answered.attendees.find((x) => x.identityId === customer)!;
    // Answering for someone else is booking work.
    expect(apiError(() => f.svc.respond({ appointmentId: a.id, attendeeId: identityRow.id, status: 'accepted' }, guest)).code).toBe('forbidden');
    f.svc.respond({ appointmentId: a.id, attendeeId: identityRow.id, status: 'accepted' }, f.manager);
    const after = f.svc.attendance({ appointmentId: a.id, attendeeId: identityRow.id, status: 'attended' }, f.manager);
    expect(after.attendees.map((x) => [x.name, x.status])).toEqual([
      ['مهمان', 'maybe'],
      ['رحیمی', 'attended'],
    ]);
    expect(apiError(() => f.svc.respond({ appointmentId: a.id, status: 'accepted' }, f.staff)).key).toBe('calendar.attendee.notInvited');
  });
});
