import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictReport } from '../../main/calendar/schema';
import { weekdayOf } from '../../main/api/zoned-time';
import { apiError, calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-conflicts');
});
afterAll(() => f.close());

const room = () => ({ kind: 'room' as const, roomId: f.roomId });

describe('a booked room', () => {
  it('answers a second booking with conflict: the clash, and three free slots of the same length that really are free', () => {
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'جلسهٔ هیئت‌مدیره', start: '2025-04-19T10:00', end: '2025-04-19T11:00', location: room() }), f.manager);
    const err = apiError(() =>
      f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'جلسهٔ فروش', start: '2025-04-19T10:30', end: '2025-04-19T11:30', location: room() }), f.manager),
    );
    expect(err.code).toBe('conflict');
    expect(err.key).toBe('calendar.conflict');
    const report = err.details as ConflictReport;
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ resource: { kind: 'room', id: f.roomId, name: 'اتاق جلسات ۱' }, subject: 'جلسهٔ هیئت‌مدیره', startLocal: '2025-04-19T10:00', endLocal: '2025-04-19T11:00' });
    expect(report.proposals.map((p) => [p.start, p.end])).toEqual([
      ['2025-04-19T11:00', '2025-04-19T12:00'],
      ['2025-04-19T12:00', '2025-04-19T13:00'],
      ['2025-04-19T13:00', '2025-04-19T14:00'],
    ]);
    // The first proposal books without a conflict.
    const booked = f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'جلسهٔ فروش', start: report.proposals[0]!.start, end: report.proposals[0]!.end, location: room() }), f.manager);
    expect(booked.startLocal).toBe('2025-04-19T11:00');
  });

  it('lets back-to-back meetings share the room (11:00 end, 11:00 start)', () => {
    const r = f.svc.check(f.input({ calendarId: f.officeCalendarId, subject: 'بعدی', start: '2025-04-19T09:00', end: '2025-04-19T10:00', location: room() }), f.manager);
    expect(r.conflicts).toEqual([]);
  });

  it('saves over a conflict only with an explicit override, and records what was overridden', () => {
    const created = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'اضطراری', start: '2025-04-19T10:15', end: '2025-04-19T10:45', location: room(), override: true }),
      f.manager,
    );
    expect(created.overrides).toBe(1);
    const recorded = f.t.backend.db.prepare('SELECT conflicts, created_by FROM calendar_conflict_overrides WHERE appointment_id = ?').get(created.id) as {
      conflicts: string;
      created_by: string;
    };
    expect(recorded.created_by).toBe(f.manager.userId);
    expect((JSON.parse(recorded.conflicts) as unknown[]).length).toBe(1);
  });
});

describe('repeating appointments', () => {
  it('finds the clash with the third occurrence of a weekly series, and none after that occurrence is cancelled', () => {
    const series = f.svc.create(
      f.input({
        calendarId: f.officeCalendarId,
        subject: 'جلسهٔ هفتگی',
        start: '2025-04-20T14:00',
        end: '2025-04-20T15:00',
        location: { kind: 'room', roomId: f.room2Id },
        recurrence: { freq: 'weekly', weekdays: ['SU'], count: 6 },
      }),
      f.manager,
    );
    const single = f.input({ calendarId: f.officeCalendarId, subject: 'مصاحبه', start: '2025-05-04T14:30', end: '2025-05-04T15:30', location: { kind: 'room', roomId: f.room2Id } });
    const report = f.svc.check(single, f.manager);
    expect(report.conflicts.map((c) => [c.appointmentId, c.startLocal])).toEqual([[series.id, '2025-05-04T14:00']]);
    const third = report.conflicts[0]!.occurrence;
    f.svc.cancel({ id: series.id, scope: 'occurrence', occurrence: third, notify: [] }, f.manager);
    expect(f.svc.check(single, f.manager).conflicts).toEqual([]);
  });

  it('checks every occurrence of a new series against single bookings', () => {
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'بازدید', start: '2025-06-03T09:00', end: '2025-06-03T12:00', location: { kind: 'room', roomId: f.room2Id } }), f.manager);
    const report = f.svc.check(
      f.input({
        calendarId: f.officeCalendarId,
        subject: 'آموزش روزانه',
        start: '2025-06-01T09:30',
        end: '2025-06-01T10:00',
        location: { kind: 'room', roomId: f.room2Id },
        recurrence: { freq: 'daily', count: 5 },
      }),
      f.manager,
    );
    expect(report.conflicts.map((c) => c.startLocal)).toEqual(['2025-06-03T09:00']);
    // Proposals keep the series whole: each one moves every occurrence by the same amount.
    expect(report.proposals.length).toBeGreaterThan(0);
    expect(report.proposals[0]!.start >= '2025-06-01T10:00').toBe(true);
  });

  it('moves one occurrence of a series and checks only that occurrence', () => {
    const s = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'گزارش', start: '2025-07-05T08:00', end: '2025-07-05T08:30', location: room(), recurrence: { freq: 'daily', count: 3 } }),
      f.manager,
    );
    const second = f.svc.list({ from: '2025-07-06', to: '2025-07-06' }, f.manager).occurrences.find((o) => o.appointmentId === s.id)!;
    const moved = f.svc.move({ id: s.id, scope: 'occurrence', occurrence: second.occurrence!, allDay: false, start: '2025-07-06T09:00', end: '2025-07-06T09:45', override: false, notify: [] }, f.manager);
    expect(moved.exceptions).toHaveLength(1);
    const days = f.svc.list({ from: '2025-07-05', to: '2025-07-07' }, f.manager).occurrences.filter((o) => o.appointmentId === s.id);
    expect(days.map((o) => [o.startLocal, o.endLocal, o.changed])).toEqual([
      ['2025-07-05T08:00', '2025-07-05T08:30', false],
      ['2025-07-06T09:00', '2025-07-06T09:45', true],
      ['2025-07-07T08:00', '2025-07-07T08:30', false],
    ]);
  });
});

describe('mandatory attendees', () => {
  it('blocks a person who must attend and is busy in another calendar; optional or declined invitations do not', () => {
    const ceo = f.user('مدیرعامل', 'staff');
    const other = f.svc.createCalendar({ name: 'تقویم مدیرعامل', colour: '#e53935', ownerId: ceo.userId, defaultAccess: 'none', access: [] }, f.admin);
    const first = f.svc.create(
      f.input({ calendarId: other.id, subject: 'جلسهٔ خصوصی', start: '2025-08-02T10:00', end: '2025-08-02T12:00', attendees: [{ kind: 'user', userId: ceo.userId!, mandatory: true }] }),
      f.admin,
    );
    const next = (mandatory: boolean) =>
      f.input({ calendarId: f.officeCalendarId, subject: 'بازدید مشتری', start: '2025-08-02T11:00', end: '2025-08-02T11:30', attendees: [{ kind: 'user', userId: ceo.userId!, mandatory }] });
    const report = f.svc.check(next(true), f.staff);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]!.resource).toMatchObject({ kind: 'user', id: ceo.userId, name: 'مدیرعامل' });
    // The staff member may not read the CEO's calendar: they learn "busy", not the subject.
    expect(report.conflicts[0]!.subject).toBeNull();
    expect(f.svc.check(next(true), f.admin).conflicts[0]!.subject).toBe('جلسهٔ خصوصی');
    expect(f.svc.check(next(false), f.manager).conflicts).toEqual([]);
    f.svc.respond({ appointmentId: first.id, status: 'declined' }, ceo);
    expect(f.svc.check(next(true), f.manager).conflicts).toEqual([]);
  });

  it('blocks an identity who must attend an all-day visit that day', () => {
    const customer = f.identity('کریمی', '09121234567');
    f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'سفر کاری', allDay: true, startDate: '2025-08-09', endDate: '2025-08-10', attendees: [{ kind: 'identity', identityId: customer, mandatory: true }] }),
      f.manager,
    );
    const meeting = (date: string) =>
      f.input({ calendarId: f.officeCalendarId, subject: 'تماس', start: `${date}T16:00`, end: `${date}T16:30`, attendees: [{ kind: 'identity', identityId: customer, mandatory: true }] });
    expect(f.svc.check(meeting('2025-08-10'), f.manager).conflicts.map((c) => c.resource.kind)).toEqual(['identity']);
    expect(f.svc.check(meeting('2025-08-11'), f.manager).conflicts).toEqual([]);
  });
});

describe('free slots', () => {
  it('skip Friday (the weekend day) and official days off: Tasua and Ashura 1404 fall on 14–15 Tir', () => {
    // A room busy all Thursday 1404/04/12 (3 July 2025) from 08:00 to 16:00.
    f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'کارگاه', start: '2025-07-03T08:00', end: '2025-07-03T16:00', location: { kind: 'room', roomId: f.room2Id } }), f.manager);
    const report = f.svc.check(
      f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-07-03T09:00', end: '2025-07-03T11:00', location: { kind: 'room', roomId: f.room2Id } }),
      f.manager,
    );
    const days = [...new Set(report.proposals.map((p) => p.start.slice(0, 10)))];
    // 4 July is a Friday, 5–6 July are Tasua and Ashura: the next working day is Monday 7 July.
    expect(weekdayOf('2025-07-04')).toBe(5);
    expect(days).toEqual(['2025-07-07']);
    expect(report.proposals.map((p) => p.start)).toEqual(['2025-07-07T08:00', '2025-07-07T10:00', '2025-07-07T12:00']);
  });

  it('follow the weekend setting: with Thursday and Friday off, Wednesday’s full room moves to Saturday', () => {
    f.svc.updateSettings({ weekendDays: [4, 5] }, f.admin);
    try {
      f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'کارگاه', start: '2025-09-03T08:00', end: '2025-09-03T16:00', location: room() }), f.manager);
      const report = f.svc.check(f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-09-03T10:00', end: '2025-09-03T11:00', location: room() }), f.manager);
      expect(report.proposals[0]!.start).toBe('2025-09-06T08:00');
    } finally {
      f.svc.updateSettings({ weekendDays: [5] }, f.admin);
    }
  });
});
