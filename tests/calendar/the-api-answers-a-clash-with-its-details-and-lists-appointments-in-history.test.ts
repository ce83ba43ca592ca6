import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConflictReport } from '../../main/calendar/schema';
import { fails, ok, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
let calendarId = '';
let roomId = '';
beforeAll(async () => {
  t = await startBackend('calendar-api');
  calendarId = (await ok(t.backend, 'calendar.calendars.list', {})).find((c) => c.kind === 'regular')!.id;
  roomId = (await ok(t.backend, 'organisation.createRoom', { name: 'اتاق شیشه‌ای', capacity: 6, equipment: ['تلویزیون'] })).id;
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('through the router', () => {
  it('answers a clash with code conflict, a sentence naming the room, the clashes and three free slots', async () => {
    const booking = { calendarId, subject: 'جلسهٔ اول', start: '2025-04-19T10:00', end: '2025-04-19T11:00', location: { kind: 'room' as const, roomId } };
    await ok(t.backend, 'calendar.appointments.create', booking);
    const err = await fails(t.backend, 'calendar.appointments.create', { ...booking, subject: 'جلسهٔ دوم' });
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('«اتاق شیشه‌ای» در این زمان آزاد نیست. یکی از زمان‌های پیشنهادی را انتخاب کنید یا با تأیید صریح ذخیره کنید.');
    const details = err.details as ConflictReport;
    expect(details.conflicts.map((c) => c.subject)).toEqual(['جلسهٔ اول']);
    expect(details.proposals.map((p) => p.start)).toEqual(['2025-04-19T11:00', '2025-04-19T12:00', '2025-04-19T13:00']);
    await ok(t.backend, 'settings.update', { language: 'en' });
    try {
      const en = await fails(t.backend, 'calendar.appointments.create', { ...booking, subject: 'جلسهٔ دوم' });
      expect(en.message).toBe('“اتاق شیشه‌ای” is not free at this time. Choose a proposed time, or save anyway with an explicit override.');
      const bad = await fails(t.backend, 'calendar.appointments.create', { ...booking, recurrence: { freq: 'daily', count: 100_000 } });
      expect(bad.issues?.[0]?.message).toBe('A repeating appointment may have at most 1000 occurrences; this one has more. Choose fewer times or an earlier end date.');
    } finally {
      await ok(t.backend, 'settings.update', { language: 'fa' });
    }
  });

  it('lists the identity’s appointments in its history, cancelled ones too', async () => {
    const customer = (await ok(t.backend, 'identities.create', { kind: 'person', lastName: 'سعیدی' })).id;
    const a = await ok(t.backend, 'calendar.appointments.create', { calendarId, subject: 'دیدار با سعیدی', start: '2025-04-20T09:00', end: '2025-04-20T09:30', identityId: customer });
    await ok(t.backend, 'calendar.appointments.create', {
      calendarId,
      subject: 'جلسهٔ گروهی',
      start: '2025-04-21T09:00',
      end: '2025-04-21T09:30',
      attendees: [{ kind: 'identity', identityId: customer }],
    });
    await ok(t.backend, 'calendar.appointments.cancel', { id: a.id });
    const page = await ok(t.backend, 'history.timeline', { identityId: customer, kinds: ['appointment'] });
    expect(page.items.map((i) => [i.kind, (i.data as { subject: string }).subject, (i.data as { cancelled: boolean }).cancelled, (i.data as { status: string | null }).status])).toEqual([
      ['appointment', 'جلسهٔ گروهی', false, 'invited'],
      ['appointment', 'دیدار با سعیدی', true, null],
    ]);
    expect(page.items[0]!.actor?.displayName).toBe('مدیر سیستم');
  });

  it('edits a room’s capacity and equipment in Settings, and removes it', async () => {
    const room = await ok(t.backend, 'organisation.updateRoom', { id: roomId, name: 'اتاق شیشه‌ای', capacity: 10, equipment: ['تلویزیون', 'ویدئو پروژکتور', 'تلویزیون'] });
    expect(room).toMatchObject({ capacity: 10, equipment: ['تلویزیون', 'ویدئو پروژکتور'] });
    const spare = await ok(t.backend, 'organisation.createRoom', { name: 'انباری' });
    await ok(t.backend, 'organisation.deleteRoom', { id: spare.id });
    expect((await ok(t.backend, 'organisation.get', {})).rooms.map((r) => r.name)).toEqual(['اتاق شیشه‌ای']);
    expect((await fails(t.backend, 'organisation.deleteRoom', { id: spare.id })).code).toBe('not-found');
  });
});
