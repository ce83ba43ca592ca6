import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiError, calendarFixture, type CalendarFixture } from './fixture';
import type { CalendarCaller } from '../../main/calendar/service';

let f: CalendarFixture;
let ceo: CalendarCaller;
let assistant: CalendarCaller;
let ceoCalendar = '';
let groupId = '';
beforeAll(async () => {
  f = await calendarFixture('calendar-access');
  ceo = f.user('مدیرعامل', 'staff');
  assistant = f.user('دستیار', 'receptionist');
  groupId = f.organisation.createGroup({ name: 'مدیران', kind: 'group', memberIds: [f.staff.userId!, assistant.userId!] }, f.admin.userId).id;
  ceoCalendar = f.svc.createCalendar(
    {
      name: 'تقویم مدیرعامل',
      colour: '#E53935',
      ownerId: ceo.userId,
      defaultAccess: 'none',
      access: [
        { groupId, access: 'read' },
        { userId: assistant.userId!, access: 'read-write' },
      ],
    },
    f.admin,
  ).id;
});
afterAll(() => f.close());

describe('access per calendar', () => {
  it('follows the owner, the user’s own entry over their groups, and the default', () => {
    const other = f.user('دیگری', 'staff');
    const access = (c: CalendarCaller) => f.svc.calendars(c).find((x) => x.id === ceoCalendar)?.access ?? 'none';
    expect(access(ceo)).toBe('read-write');
    expect(access(assistant)).toBe('read-write');
    expect(access(f.staff)).toBe('read');
    expect(access(other)).toBe('none');
    expect(access(f.admin)).toBe('read-write');
    // A user's own 'none' shuts them out even though their group may read.
    f.svc.updateCalendar({ id: ceoCalendar, name: 'تقویم مدیرعامل', colour: '#e53935', ownerId: ceo.userId, defaultAccess: 'none', access: [{ groupId, access: 'read' }, { userId: assistant.userId!, access: 'read-write' }, { userId: f.staff.userId!, access: 'none' }] }, f.admin);
    expect(access(f.staff)).toBe('none');
    f.svc.updateCalendar({ id: ceoCalendar, name: 'تقویم مدیرعامل', colour: '#e53935', ownerId: ceo.userId, defaultAccess: 'none', access: [{ groupId, access: 'read' }, { userId: assistant.userId!, access: 'read-write' }] }, f.admin);
    expect(access(f.staff)).toBe('read');
  });

  it('lets read-write book for others and keeps read-only readers to reading', () => {
    const a = f.svc.create(f.input({ calendarId: ceoCalendar, subject: 'دیدار با سفیر', start: '2025-04-19T10:00', end: '2025-04-19T11:00', attendees: [{ kind: 'user', userId: ceo.userId!, mandatory: true }] }), assistant);
    expect(a.canEdit).toBe(true);
    expect(f.svc.get(a.id, f.staff).canEdit).toBe(false);
    expect(apiError(() => f.svc.cancel({ id: a.id, scope: 'series', notify: [] }, f.staff)).key).toBe('calendar.readOnly');
    const listed = f.svc.list({ from: '2025-04-19', to: '2025-04-19', people: true }, f.staff).occurrences.find((o) => o.appointmentId === a.id);
    expect(listed).toMatchObject({ subject: 'دیدار با سفیر', canEdit: false, userIds: [ceo.userId] });
  });

  it('hides a calendar from those without access, except its appointments they are invited to', () => {
    const other = f.user('کارشناس', 'staff');
    const a = f.svc.create(f.input({ calendarId: ceoCalendar, subject: 'جلسهٔ فنی', start: '2025-04-20T10:00', end: '2025-04-20T11:00', attendees: [{ kind: 'user', userId: other.userId! }] }), assistant);
    const b = f.svc.create(f.input({ calendarId: ceoCalendar, subject: 'محرمانه', start: '2025-04-20T12:00', end: '2025-04-20T13:00' }), assistant);
    expect(f.svc.list({ from: '2025-04-20', to: '2025-04-20' }, other).occurrences.map((o) => o.subject)).toEqual([]);
    expect(f.svc.get(a.id, other).subject).toBe('جلسهٔ فنی');
    expect(apiError(() => f.svc.get(b.id, other)).code).toBe('not-found');
  });

  it('remembers which calendars each user shows', () => {
    expect(f.svc.calendars(f.staff).every((c) => c.shown)).toBe(true);
    f.svc.setPreferences({ shownCalendarIds: [ceoCalendar], view: 'month', hours: 'all' }, f.staff);
    expect(f.svc.calendars(f.staff).filter((c) => c.shown).map((c) => c.id)).toEqual([ceoCalendar]);
    expect(f.svc.preferences(f.staff)).toEqual({ shownCalendarIds: [ceoCalendar], view: 'month', hours: 'all' });
    expect(f.svc.preferences(assistant).view).toBe('week');
  });
});

describe('filters and one-step questions', () => {
  it('ORs filters of one type and ANDs different types', () => {
    const u1 = f.user('الف', 'staff');
    const u2 = f.user('ب', 'staff');
    const mk = (subject: string, userId: string, roomId: string | null) =>
      f.svc.create(
        f.input({ calendarId: f.officeCalendarId, subject, start: '2025-05-03T09:00', end: '2025-05-03T09:30', attendees: [{ kind: 'user', userId }], location: roomId ? { kind: 'room', roomId } : { kind: 'none' } }),
        f.manager,
      );
    mk('الف-اتاق۱', u1.userId!, f.roomId);
    mk('ب-اتاق۲', u2.userId!, f.room2Id);
    mk('الف-بی‌اتاق', u1.userId!, null);
    const subjects = (q: object) => f.svc.list({ from: '2025-05-03', to: '2025-05-03', ...q }, f.manager).occurrences.map((o) => o.subject).sort();
    expect(subjects({ userIds: [u1.userId!, u2.userId!] })).toEqual(['الف-اتاق۱', 'الف-بی‌اتاق', 'ب-اتاق۲']);
    expect(subjects({ userIds: [u1.userId!, u2.userId!], roomIds: [f.roomId] })).toEqual(['الف-اتاق۱']);
    expect(subjects({ userIds: [u2.userId!], roomIds: [f.roomId] })).toEqual([]);
    expect(subjects({ roomIds: [f.roomId, f.room2Id] })).toEqual(['الف-اتاق۱', 'ب-اتاق۲']);
    expect(subjects({ location: 'جلسات ۲' })).toEqual(['ب-اتاق۲']);
  });

  it('answers "is room 1 free on Tuesday 10:00–11:00?" and "which rooms are free then?" in one call', () => {
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'رزرو سه‌شنبه', start: '2025-05-06T10:30', end: '2025-05-06T12:00', location: { kind: 'room', roomId: f.roomId } }), f.manager);
    const one = f.svc.availability({ start: '2025-05-06T10:00', end: '2025-05-06T11:00', roomIds: [f.roomId], allRooms: false }, f.manager);
    expect(one.rooms.map((r) => [r.name, r.free, r.busy.map((b) => b.subject)])).toEqual([['اتاق جلسات ۱', false, ['رزرو سه‌شنبه']]]);
    const all = f.svc.availability({ start: '2025-05-06T10:00', end: '2025-05-06T11:00', allRooms: true }, f.manager);
    expect(all.rooms.filter((r) => r.free).map((r) => r.name)).toEqual(['اتاق جلسات ۲']);
    expect(all.rooms.find((r) => r.free)?.capacity).toBe(4);
  });

  it('answers "is the CEO invited to anything tomorrow?" in one call, without telling subjects to those who may not read them', () => {
    f.svc.create(f.input({ calendarId: ceoCalendar, subject: 'سفر به اصفهان', allDay: true, startDate: '2025-05-08', endDate: '2025-05-08', attendees: [{ kind: 'user', userId: ceo.userId! }] }), assistant);
    const ask = (c: CalendarCaller, date: string, next: string) => f.svc.availability({ start: `${date}T00:00`, end: `${next}T00:00`, userIds: [ceo.userId!], allRooms: false }, c).people[0]!;
    expect(ask(assistant, '2025-05-08', '2025-05-09')).toMatchObject({ name: 'مدیرعامل', free: false, busy: [{ subject: 'سفر به اصفهان' }] });
    const other = f.user('بیرونی', 'staff');
    expect(ask(other, '2025-05-08', '2025-05-09').busy[0]!.subject).toBeNull();
    expect(ask(assistant, '2025-05-09', '2025-05-10').free).toBe(true);
  });
});

describe('the cartable and today', () => {
  it('lists what I coordinate or am invited to with everyone’s answers, filtered by status and date', () => {
    const me = f.user('من', 'receptionist');
    const guest = f.user('میهمان', 'staff');
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'هماهنگی', start: '2025-06-01T09:00', end: '2025-06-01T10:00', attendees: [{ kind: 'user', userId: guest.userId! }] }), me);
    const invited = f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'دعوتی', start: '2025-06-02T09:00', end: '2025-06-02T10:00', attendees: [{ kind: 'user', userId: me.userId! }, { kind: 'user', userId: guest.userId! }] }), f.manager);
    f.svc.respond({ appointmentId: invited.id, status: 'declined' }, guest);
    const all = f.svc.cartable({ role: 'all', limit: 50 }, me);
    expect(all.items.map((i) => [i.subject, i.coordinating, i.myStatus])).toEqual([
      ['دعوتی', false, 'invited'],
      ['هماهنگی', true, null],
    ]);
    expect(all.items[0]!.attendees.map((a) => [a.name, a.status])).toEqual([
      ['من', 'invited'],
      ['میهمان', 'declined'],
    ]);
    expect(f.svc.cartable({ role: 'coordinating', limit: 50 }, me).items.map((i) => i.subject)).toEqual(['هماهنگی']);
    expect(f.svc.cartable({ role: 'all', status: 'declined', limit: 50 }, me).items.map((i) => i.subject)).toEqual(['دعوتی']);
    expect(f.svc.cartable({ role: 'all', from: '2025-06-02', to: '2025-06-30', limit: 50 }, me).items.map((i) => i.subject)).toEqual(['دعوتی']);
    const page1 = f.svc.cartable({ role: 'all', limit: 1 }, me);
    const page2 = f.svc.cartable({ role: 'all', limit: 1, after: page1.next! }, me);
    expect([...page1.items, ...page2.items].map((i) => i.subject)).toEqual(['دعوتی', 'هماهنگی']);
    expect(page2.next).toBeNull();
  });

  it('shows today’s appointments I attend or coordinate, earliest first, gone once ended', () => {
    const me = f.user('امروز', 'receptionist');
    const customer = f.identity('مشتری امروز');
    // The test clock stands at 1404/01/01 11:30 Tehran (08:00 UTC).
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'صبح', start: '2025-03-21T09:00', end: '2025-03-21T10:00' }), me);
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'عصر', start: '2025-03-21T17:00', end: '2025-03-21T18:00', identityId: customer }), me);
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'ظهر', start: '2025-03-21T12:00', end: '2025-03-21T13:00', attendees: [{ kind: 'user', userId: me.userId! }] }), f.manager);
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'فردا', start: '2025-03-22T09:00', end: '2025-03-22T10:00' }), me);
    expect(f.svc.today(me).map((i) => [i.subject, i.startLocal, i.identity?.name ?? null])).toEqual([
      ['ظهر', '2025-03-21T12:00', null],
      ['عصر', '2025-03-21T17:00', 'مشتری امروز'],
    ]);
    f.t.clock.set(Date.UTC(2025, 2, 21, 9, 31));
    expect(f.svc.today(me).map((i) => i.subject)).toEqual(['عصر']);
  });
});
