import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const messages = (appointmentId: string) =>
  f.t.backend.db.prepare('SELECT event, channel, user_id, address, subject, body, status FROM calendar_messages WHERE appointment_id = ? ORDER BY created_at, id').all(appointmentId) as MessageRow[];

describe('invitations', () => {
  it('go to each attendee on every channel they can be reached on: in-app for users, SMS and email queued for the rest', () => {
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
    const sent = messages(a.id);
    expect(sent.map((m) => [m.channel, m.status, m.user_id ?? m.address])).toEqual([
      ['inapp', 'delivered', ceo.userId],
      ['sms', 'queued', '09120000003'],
      ['email', 'queued', 'user3@daftar.example.ir'],
      ['sms', 'queued', '+989121234567'],
      ['email', 'queued', 'salehi@example.com'],
    ]);
    // Smart parameters: the Jalali date in Persian digits, the time, the room, the coordinator, the attendee.
    expect(sent[0]!.subject).toBe('دعوت به جلسه: بررسی قرارداد');
    expect(sent[0]!.body).toBe(
      'مهندس احمدی گرامی، شما به جلسهٔ «بررسی قرارداد» در شنبه ۳۰ فروردین ۱۴۰۴ ساعت ۱۰:۰۰–۱۱:۳۰ در اتاق جلسات ۱ دعوت شده‌اید. هماهنگ‌کننده: مسئول دفتر',
    );
    expect(sent[3]!.body).toContain('کریمی گرامی');
    // The person booking who also attends is not invited, and counts as having accepted.
    expect(a.attendees.find((x) => x.userId === f.manager.userId)?.status).toBe('accepted');
    // The bell of the invited user lists it.
    expect(f.svc.inbox(ceo, { unreadOnly: true, limit: 10 }).map((m) => m.subject)).toEqual(['دعوت به جلسه: بررسی قرارداد']);
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
    expect(messages(a.id).map((m) => [m.event, m.user_id])).toEqual([
      ['created', u1.userId],
      ['created', u2.userId],
      ['cancelled', u1.userId],
      ['changed', u2.userId],
      ['cancelled', u2.userId],
    ]);
    expect(messages(a.id)[3]!.body).toContain('۱۵:۰۰–۱۶:۰۰');
    expect(() => f.svc.get(a.id, f.manager)).toThrow();
  });

  it('are built from the edited template, in the words the office chose', () => {
    f.svc.updateTemplate({ event: 'created', channel: 'inapp', subject: 'جلسهٔ {subject}', body: '{attendee}: {date}، {time}، {room}، {calendar}' }, f.admin);
    const u = f.user('سوم', 'staff');
    const a = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'آموزش', allDay: true, startDate: '2025-04-21', endDate: '2025-04-21', attendees: [{ kind: 'user', userId: u.userId! }], notify: ['inapp'] }),
      f.manager,
    );
    expect(messages(a.id)[0]).toMatchObject({ subject: 'جلسهٔ آموزش', body: 'سوم: دوشنبه ۱ اردیبهشت ۱۴۰۴، تمام روز، محل تعیین نشده، تقویم دفتر' });
    const preview = f.svc.previewTemplate({ event: 'created', channel: 'sms', body: '{attendee} عزیز، {subject} {date}' });
    expect(preview.body).toMatch(/^آقای رضایی عزیز، جلسهٔ بررسی قرارداد .+ ۱۴۰۴$/);
    expect(f.svc.templates().filter((t) => t.custom).map((t) => `${t.event}/${t.channel}`)).toEqual(['created/inapp']);
    f.svc.resetTemplate({ event: 'created', channel: 'inapp' }, f.admin);
    expect(f.svc.templates().filter((t) => t.custom)).toEqual([]);
  });

  it('are marked read only by their own recipient', () => {
    const u = f.user('چهارم', 'staff');
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'الف', start: '2025-04-22T09:00', end: '2025-04-22T09:30', attendees: [{ kind: 'user', userId: u.userId! }], notify: ['inapp'] }), f.manager);
    const [m] = f.svc.inbox(u, { unreadOnly: true, limit: 10 });
    expect(f.svc.markRead([m!.id], f.staff)).toEqual({ read: 0 });
    expect(f.svc.markRead([m!.id], u)).toEqual({ read: 1 });
    expect(f.svc.inbox(u, { unreadOnly: true, limit: 10 })).toEqual([]);
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
