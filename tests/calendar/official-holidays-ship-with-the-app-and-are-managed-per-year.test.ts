import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarService } from '../../main/calendar/service';
import { OccasionInput, OccasionUpdate } from '../../main/calendar/schema';
import { startBackend } from '../api/backend-fixture';
import { calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-occasions');
});
afterAll(() => f.close());

describe('the shipped occasions', () => {
  it('hold 1404 and 1405 with their days off (33 and 26 distinct dates, as the data’s README counts)', () => {
    const y1404 = f.svc.occasions(1404);
    const y1405 = f.svc.occasions(1405);
    expect(y1404).toHaveLength(72);
    expect(y1405).toHaveLength(63);
    expect(new Set(y1404.filter((o) => o.dayOff).map((o) => o.date)).size).toBe(33);
    expect(new Set(y1405.filter((o) => o.dayOff).map((o) => o.date)).size).toBe(26);
    expect(f.svc.occasions(1406)).toEqual([]);
    expect(y1404[0]).toMatchObject({ jalaliDate: '1404-01-01', date: '2025-03-21', dayOff: true, kind: 'solar', uncertain: false });
  });

  it('mark the rows the data flags as uncertain, with the reason', () => {
    const closure = f.svc.occasions(1404).filter((o) => o.kind === 'closure');
    expect(closure.map((o) => o.jalaliDate)).toEqual(['1404-12-10', '1404-12-11', '1404-12-12', '1404-12-13', '1404-12-14', '1404-12-15', '1404-12-16']);
    expect(closure.every((o) => o.uncertain && o.dayOff && o.note?.includes('single source'))).toBe(true);
    const late = f.svc.occasions(1405).filter((o) => o.uncertain);
    expect(late.every((o) => o.kind === 'lunar' && o.jalaliDate >= '1405-07-01')).toBe(true);
    expect(late.find((o) => o.jalaliDate === '1405-12-09' && o.dayOff)?.note).toContain('holidays package');
    expect(f.svc.occasions(1405).filter((o) => o.uncertain && o.dayOff).map((o) => o.jalaliDate)).toEqual([
      '1405-08-22',
      '1405-10-02',
      '1405-10-16',
      '1405-11-04',
      '1405-12-09',
      '1405-12-19',
      '1405-12-20',
    ]);
  });

  it('appear in the occasions calendar of a range, unless the list is filtered', () => {
    const r = f.svc.list({ from: '2025-03-21', to: '2025-03-24' }, f.staff);
    expect(r.occasions.filter((o) => o.dayOff).map((o) => o.jalaliDate)).toEqual(['1404-01-01', '1404-01-02', '1404-01-02', '1404-01-03', '1404-01-04']);
    expect(f.svc.list({ from: '2025-03-21', to: '2025-03-24', roomIds: [f.roomId] }, f.staff).occasions).toEqual([]);
  });
});

describe('holiday management', () => {
  it('adds a closure that free slots then skip, edits and removes it', () => {
    const busyAllDay = f.input({ calendarId: f.officeCalendarId, subject: 'تمام روز', start: '2025-04-26T08:00', end: '2025-04-26T16:00', location: { kind: 'room', roomId: f.roomId } });
    const svc = f.svc;
    svc.create(busyAllDay, f.manager);
    const ask = () =>
      svc.check(f.input({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-04-26T09:00', end: '2025-04-26T10:00', location: { kind: 'room', roomId: f.roomId } }), f.manager).proposals[0]!.start;
    // Saturday is full, Sunday 27 April is free.
    expect(ask()).toBe('2025-04-27T08:00');
    const closure = svc.createOccasion(OccasionInput.parse({ date: '2025-04-27', titleFa: 'تعطیلی به‌دلیل آلودگی هوا', dayOff: true, kind: 'closure' }), f.admin);
    expect(closure).toMatchObject({ year: 1404, jalaliDate: '1404-02-07', dayOff: true });
    expect(ask()).toBe('2025-04-28T08:00');
    svc.updateOccasion(OccasionUpdate.parse({ id: closure.id, date: '2025-04-27', titleFa: 'فقط مناسبت', dayOff: false, kind: 'closure' }), f.admin);
    expect(ask()).toBe('2025-04-27T08:00');
    svc.deleteOccasion(closure.id, f.admin);
    expect(svc.occasions(1404).some((o) => o.id === closure.id)).toBe(false);
  });
});

describe('calendar settings', () => {
  it('default to Friday off, 08:00–16:00 in Asia/Tehran, and refuse hours that end before they start', () => {
    expect(f.svc.settings()).toEqual({ weekendDays: [5], workStart: '08:00', workEnd: '16:00', zone: 'Asia/Tehran' });
    expect(() => f.svc.updateSettings({ workStart: '17:00' }, f.admin)).toThrow('calendar.settings.hours');
    expect(f.svc.updateSettings({ weekendDays: [5, 4, 5], workEnd: '17:30' }, f.admin)).toEqual({ weekendDays: [4, 5], workStart: '08:00', workEnd: '17:30', zone: 'Asia/Tehran' });
  });
});

// Last: it restarts the backend underneath the fixture's service.
describe('restarting', () => {
  it('are seeded once: a restart adds nothing and an occasion an administrator deleted stays deleted', async () => {
    const first = f.svc.occasions(1404)[0]!;
    f.svc.deleteOccasion(first.id, f.admin);
    const outbox = f.t.backend.db.prepare('SELECT count(*) FROM outbox').pluck().get();
    await f.t.backend.close();
    // The calendar's start seeds again, on the same folder.
    f.t = await startBackend('calendar-occasions-again', f.t.dataDir);
    const again = f.t.backend.service<CalendarService>('calendar');
    expect(f.t.backend.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(outbox);
    expect(again.occasions(1404)).toHaveLength(71);
    expect(again.calendars(f.t.backend.caller()).filter((c) => c.kind === 'occasions')).toHaveLength(1);
  });
});
