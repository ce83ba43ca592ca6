import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../main/api/messages';
import { AppointmentCreate } from '../../main/calendar/schema';
import { snapshot } from '../api/backend-fixture';
import { apiError, calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-bad-input');
});
afterAll(() => f.close());

function refusedByTheSchema(input: unknown): string[] {
  const r = AppointmentCreate.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

const base = () => ({ calendarId: f.officeCalendarId, subject: 'جلسه', start: '2025-04-19T10:00', end: '2025-04-19T11:00' });

describe('the schema', () => {
  it('refuses an end before the start, naming the end field', () => {
    expect(refusedByTheSchema({ ...base(), end: '2025-04-19T09:00' })).toEqual(['calendar.time.endBeforeStart']);
    expect(refusedByTheSchema({ ...base(), allDay: true, startDate: '2025-04-20', endDate: '2025-04-19' })).toEqual(['calendar.time.endBeforeStart']);
  });

  it('refuses 100,000 occurrences, and a repetition without an end', () => {
    expect(refusedByTheSchema({ ...base(), recurrence: { freq: 'daily', count: 100_000 } })).toEqual(['calendar.recurrence.tooMany']);
    expect(refusedByTheSchema({ ...base(), recurrence: { freq: 'weekly', weekdays: ['SA'] } })).toEqual(['calendar.recurrence.unbounded']);
  });

  it('refuses dates that do not exist and times that are not times', () => {
    expect(refusedByTheSchema({ ...base(), start: '2025-02-30T10:00' })).toContain('calendar.time.format');
    expect(refusedByTheSchema({ ...base(), start: '2025-04-19T25:00' })).toContain('calendar.time.format');
    expect(refusedByTheSchema({ ...base(), zone: 'Mars/Olympus' })).toEqual(['calendar.zone.unknown']);
  });

  it('explains each refusal in Persian and in English', () => {
    expect(text('calendar.recurrence.tooMany', 'fa', { limit: 1000 })).toContain('۱۰۰۰');
    expect(text('calendar.recurrence.tooMany', 'en', { limit: 1000 })).toContain('at most 1000 occurrences');
    expect(text('calendar.time.endBeforeStart', 'en')).toBe('The end must be after the start.');
  });
});

describe('the service, after the schema', () => {
  const unchanged = (action: () => unknown) => {
    const before = snapshot(f.t.backend.db);
    const err = apiError(action);
    expect(snapshot(f.t.backend.db)).toEqual(before);
    return err;
  };

  it('refuses an unknown room', () => {
    const err = unchanged(() => f.svc.create(f.input({ ...base(), location: { kind: 'room', roomId: '01900000-0000-7000-8000-000000000000' } }), f.manager));
    expect(err.code).toBe('invalid-input');
    expect(err.issues).toEqual([{ path: ['location', 'roomId'], key: 'calendar.roomNotFound' }]);
  });

  it('refuses an end date that makes more occurrences than the limit, without expanding them all', () => {
    const err = unchanged(() => f.svc.create(f.input({ ...base(), recurrence: { freq: 'daily', until: '2031-01-01' } }), f.manager));
    expect(err.key).toBe('calendar.recurrence.tooMany');
    expect(err.params).toEqual({ limit: 1000 });
  });

  it('refuses unknown attendees and a time that a spring-forward night skips', () => {
    const err = unchanged(() =>
      f.svc.create(
        f.input({ ...base(), attendees: [{ kind: 'user', userId: '01900000-0000-7000-8000-000000000001' }, { kind: 'identity', identityId: '01900000-0000-7000-8000-000000000002' }] }),
        f.manager,
      ),
    );
    expect(err.issues?.map((i) => i.key)).toEqual(['calendar.userNotFound', 'calendar.identityNotFound']);
    const gap = unchanged(() => f.svc.create(f.input({ ...base(), zone: 'Europe/Berlin', start: '2025-03-30T02:50', end: '2025-03-30T03:00' }), f.manager));
    expect(gap.key).toBe('calendar.time.endBeforeStart');
  });

  it('refuses booking into the occasions calendar and into a calendar the caller may only read', () => {
    const occasions = f.svc.calendars(f.manager).find((c) => c.kind === 'occasions')!.id;
    expect(unchanged(() => f.svc.create(f.input({ ...base(), calendarId: occasions }), f.manager)).key).toBe('calendar.occasionsReadOnly');
    const err = unchanged(() => f.svc.create(f.input(base()), f.staff));
    expect(err.code).toBe('forbidden');
  });

  it('refuses a malformed .ics file, and a file with one bad event among good ones, importing nothing', () => {
    const malformed = unchanged(() => f.svc.importIcs({ calendarId: f.officeCalendarId, text: 'BEGIN:VCALENDAR\nthis is not a line\nEND:VCALENDAR' }, f.manager));
    expect(malformed.key).toBe('calendar.ics.malformed');
    const good = (uid: string) => `BEGIN:VEVENT\r\nUID:${uid}\r\nDTSTAMP:20250401T000000Z\r\nDTSTART:20250420T063000Z\r\nDTEND:20250420T073000Z\r\nSUMMARY:${uid}\r\nEND:VEVENT\r\n`;
    const bad = 'BEGIN:VEVENT\r\nUID:bad\r\nDTSTAMP:20250401T000000Z\r\nDTSTART:20250420T063000Z\r\nRRULE:FREQ=DAILY;COUNT=100000\r\nSUMMARY:bad\r\nEND:VEVENT\r\n';
    const file = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n${good('a')}${bad}${good('b')}END:VCALENDAR\r\n`;
    const err = unchanged(() => f.svc.importIcs({ calendarId: f.officeCalendarId, text: file }, f.manager));
    expect(err.key).toBe('calendar.ics.event');
    expect(err.params).toMatchObject({ n: 2 });
    expect(String(err.params.detail)).toContain('۱۰۰۰');
    expect(unchanged(() => f.svc.importIcs({ calendarId: f.officeCalendarId, text: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n' }, f.manager)).key).toBe('calendar.ics.empty');
  });

  it('refuses a template with a parameter that does not exist', () => {
    const err = unchanged(() => f.svc.updateTemplate({ event: 'created', channel: 'sms', body: 'جلسه {sbject} در {date}' }, f.admin));
    expect(err.key).toBe('calendar.template.unknownParameter');
    expect(err.params.names).toBe('{sbject}');
  });
});
