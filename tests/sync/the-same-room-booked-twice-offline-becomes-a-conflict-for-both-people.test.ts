import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { startTestServer, type TestServer } from '../server/harness';
import { startDesk, type TestDesk } from './desk';

const BOOKER = ['calendar.read', 'calendar.book', 'history.read', 'organisation.read'];

describe('the same room booked twice offline', () => {
  let server: TestServer;
  let a: TestDesk;
  let b: TestDesk;
  const room = uuidv7();
  const calendar = uuidv7();

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    const org = server.app.organisation;
    await org.createRole('booker', BOOKER);
    for (const name of ['sara', 'reza']) await org.createUser({ username: name, displayName: name, password: 'password-1234', roles: ['booker'] });
    // The office's meeting room and a calendar everyone may book in, made on the server.
    await server.app.changes.transaction((tx) =>
      server.app.changes.write(tx, { userId: null }, [
        { table: 'rooms', rowId: room, op: 'insert', fields: { name: 'اتاق جلسات', capacity: 8 } },
        { table: 'calendars', rowId: calendar, op: 'insert', fields: { name: 'تقویم مشترک', colour: '#1e88e5', kind: 'regular', default_access: 'read-write' } },
      ]),
    );
    [a, b] = [await startDesk('room-a'), await startDesk('room-b')];
    await a.sync.signIn({ server: server.url, username: 'sara', password: 'password-1234' });
    await b.sync.signIn({ server: server.url, username: 'reza', password: 'password-1234' });
    await a.sync.syncNow();
    await b.sync.syncNow();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
  });

  const book = async (desk: TestDesk, subject: string) => {
    const r = await desk.backend.call('calendar.appointments.create', {
      calendarId: calendar,
      subject,
      start: '1404-01-20T10:00',
      end: '1404-01-20T11:00',
      zone: 'Asia/Tehran',
      location: { kind: 'room', roomId: room },
      notify: [],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return (r.value as { id: string }).id;
  };

  it('keeps both bookings everywhere and gives both people one conflict record to decide', async () => {
    // Neither desk can know of the other's booking: both are offline from each other.
    const first = await book(a, 'جلسهٔ فروش');
    const second = await book(b, 'جلسهٔ پشتیبانی');
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    await b.sync.syncNow();

    for (const desk of [a, b]) {
      const both = await desk.backend.call('calendar.appointments.get', { id: desk === a ? second : first });
      expect(both.ok).toBe(true); // the other's booking arrived (and is in the calendar's index)
      const conflicts = desk.sync.openConflicts();
      expect(conflicts).toHaveLength(1);
      expect(conflicts[0]).toMatchObject({ rule: 'calendar.conflict.roomBusy', details: { room: 'اتاق جلسات' } });
      expect(conflicts[0]!.parties.map((p) => p.id).sort()).toEqual([a.userId(), b.userId()].sort());
      expect([conflicts[0]!.subject.id, conflicts[0]!.other!.id].sort()).toEqual([first, second].sort());
    }
    expect(a.sync.openConflicts()[0]!.id).toBe(b.sync.openConflicts()[0]!.id);
    expect(await server.db.all("SELECT row_id FROM rows WHERE table_name = 'sync_conflicts'")).toHaveLength(1);
  });
});
