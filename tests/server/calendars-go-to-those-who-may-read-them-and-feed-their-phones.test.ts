import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { ENGINES, RawDesk, rowId, startTestServer, type TestServer } from './harness';

const HOUR = 3600_000;
const start = Date.UTC(2025, 3, 5, 6, 30); // 1404/01/16 10:00 Tehran

const calendar = (name: string, defaultAccess: 'none' | 'read' | 'read-write') => ({ name, colour: '#1e88e5', kind: 'regular', default_access: defaultAccess });
const appointment = (calendarId: string, subject: string, extra: Record<string, string | number> = {}) => ({
  calendar_id: calendarId,
  subject,
  start_at: start,
  end_at: start + HOUR,
  zone: 'Asia/Tehran',
  series_end_at: start + HOUR,
  ...extra,
});

describe.each(ENGINES)('calendars on %s', (engine) => {
  let server: TestServer;
  const desks: Record<string, RawDesk> = {};
  const private1 = rowId();
  const office = rowId();

  beforeAll(async () => {
    server = await startTestServer(engine);
    const org = server.app.organisation;
    await org.createRole('manager', ['calendar.read', 'calendar.book', 'calendar.manage', 'organisation.read']);
    await org.createRole('booker', ['calendar.read', 'calendar.book', 'organisation.read']);
    await org.createRole('reader', ['calendar.read', 'organisation.read']);
    await org.createGroup('فروش', 'department');
    for (const [name, role] of [['mina', 'manager'], ['sara', 'booker'], ['reza', 'reader']] as const) {
      await org.createUser({ username: name, displayName: name, password: 'password-1234', roles: [role], groups: name === 'reza' ? ['فروش'] : [] });
      desks[name] = new RawDesk(server.url, `desk-${name}`);
      await desks[name]!.signIn(name);
    }
    // The manager makes a private calendar sara may write, and an office calendar all may read.
    const grant = rowId();
    const results = await desks.mina!.push([
      desks.mina!.change('calendars', private1, 'insert', calendar('تقویم مدیرعامل', 'none')),
      desks.mina!.change('calendar_access', grant, 'insert', { calendar_id: private1, user_id: desks.sara!.userId!, access: 'read-write' }),
      desks.mina!.change('calendars', office, 'insert', calendar('تقویم دفتر', 'read')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
  });
  afterAll(() => server?.close());

  it('lets a writer of the calendar book in it, and refuses one who may only read it', async () => {
    const booked = await desks.sara!.push([desks.sara!.change('appointments', rowId(), 'insert', appointment(private1, 'جلسهٔ هیئت‌مدیره'))]);
    expect(booked[0]!.status).toBe('accepted');
    const refused = await desks.reza!.push([desks.reza!.change('appointments', rowId(), 'insert', appointment(office, 'جلسهٔ من'))]);
    expect(refused[0]).toMatchObject({ status: 'rejected', reason: { code: 'forbidden' } });
  });

  it('sends a calendar and its appointments only to those who may read it, and more once they may', async () => {
    const seen = async (desk: RawDesk) => (await desk.pullAll()).filter((c) => c.table === 'calendars' || c.table === 'appointments');
    const cursor = (await desks.reza!.pull(0, 5000)).cursor;
    const reza = await seen(desks.reza!);
    expect(reza.map((c) => c.fields.name ?? c.fields.subject)).toEqual(['تقویم دفتر']);
    expect((await seen(desks.sara!)).map((c) => c.fields.name ?? c.fields.subject).sort()).toEqual(['جلسهٔ هیئت‌مدیره', 'تقویم دفتر', 'تقویم مدیرعامل'].sort());

    // Shared with reza's department: his next pull starts over and brings what was hidden.
    const groupId = (await server.app.organisation.groups()).find((g) => g.name === 'فروش')!.id;
    await desks.mina!.push([desks.mina!.change('calendar_access', rowId(), 'insert', { calendar_id: private1, group_id: groupId, access: 'read' })]);
    const again = await desks.reza!.pull(cursor, 100);
    expect(again).toMatchObject({ rescan: true, cursor: 0, changes: [] });
    const now = await seen(desks.reza!);
    expect(now.map((c) => c.fields.name ?? c.fields.subject).sort()).toEqual(['جلسهٔ هیئت‌مدیره', 'تقویم دفتر', 'تقویم مدیرعامل'].sort());
  });

  it('serves a calendar its owner may read as an iCalendar feed at a secret address, until revoked', async () => {
    const series = rowId();
    const cancelled = start + 7 * 24 * HOUR;
    await desks.sara!.push([
      desks.sara!.change('appointments', series, 'insert', appointment(private1, 'جلسهٔ هفتگی', { rrule: 'FREQ=WEEKLY;COUNT=4', series_end_at: start + 21 * 24 * HOUR + HOUR })),
      desks.sara!.change('appointment_exceptions', rowId(), 'insert', { appointment_id: series, occurrence_start: cancelled, cancelled: 1 }),
    ]);
    const made = await desks.sara!.request<{ id: string; path: string }>('POST', '/calendar/feeds', { calendarId: private1 });
    expect(made.status).toBe(200);
    expect(made.body.path).toMatch(/^\/feeds\/[\w-]{32}\.ics$/);
    const res = await fetch(`${server.url}${made.body.path}`);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('تقویم مدیرعامل');
    const events = cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.summary).sort()).toEqual(['جلسهٔ هفتگی', 'جلسهٔ هیئت‌مدیره'].sort());
    const weekly = events.find((e) => e.summary === 'جلسهٔ هفتگی')!;
    const it = weekly.iterator();
    const starts: number[] = [];
    for (let next = it.next(); next; next = it.next()) {
      const t = next.toJSDate().getTime();
      if (!weekly.component.getAllProperties('exdate').some((p) => (p.getFirstValue() as ICAL.Time).toJSDate().getTime() === t)) starts.push(t);
    }
    expect(starts).toEqual([start, start + 14 * 24 * HOUR, start + 21 * 24 * HOUR]);

    // Someone who may not read the calendar gets no feed of it; an unknown secret is 404.
    const other = rowId();
    await desks.mina!.push([desks.mina!.change('calendars', other, 'insert', calendar('خصوصی', 'none'))]);
    expect((await desks.reza!.request('POST', '/calendar/feeds', { calendarId: other })).status).toBe(403);
    expect((await fetch(`${server.url}/feeds/${'x'.repeat(32)}.ics`)).status).toBe(404);

    const list = await desks.sara!.request<{ feeds: { id: string; calendarId: string }[] }>('GET', '/calendar/feeds');
    expect(list.body.feeds).toEqual([expect.objectContaining({ id: made.body.id, calendarId: private1 })]);
    expect((await desks.sara!.request('POST', '/calendar/feeds/revoke', { id: made.body.id })).status).toBe(200);
    expect((await fetch(`${server.url}${made.body.path}`)).status).toBe(404);
  });

  it('stops a feed when its owner may no longer read the calendar', async () => {
    const made = await desks.reza!.request<{ path: string }>('POST', '/calendar/feeds', { calendarId: office });
    expect((await fetch(`${server.url}${made.body.path}`)).status).toBe(200);
    await desks.mina!.push([desks.mina!.change('calendar_access', rowId(), 'insert', { calendar_id: office, user_id: desks.reza!.userId!, access: 'none' })]);
    expect((await fetch(`${server.url}${made.body.path}`)).status).toBe(404);
  });
});
