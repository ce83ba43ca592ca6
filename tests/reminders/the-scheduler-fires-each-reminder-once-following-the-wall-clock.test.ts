/**
 * The reminder scheduler as the backend runs it (started by the reminders capability),
 * under a clock and timers the test moves: when it sleeps, when it fires, what a clock
 * change does, and what a restart does. "Fired" is what the windows hear: `reminder.due`.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFrame } from '../../main/api/rpc';
import { parseJalali } from '../../main/api/jalali-input';
import { ReminderScheduler } from '../../main/reminders/scheduler';
import type { Reminder } from '../../main/reminders/schema';
import { ADMIN_PASSWORD, START } from '../api/backend-fixture';
import type { SessionService } from '../../main/session/service';
import type { SettingsService } from '../../main/settings/service';
import { identity, startWork, tempWorkDir, type Work } from '../tasks/work-fixture';

const MIN = 60_000;
const at = (text: string) => parseJalali(text)!;
// START is 1404/01/01 11:30 in Tehran (08:00 UTC).

let open: Work[] = [];
async function setUp(options: { dataDir?: string; start?: number } = {}): Promise<Work> {
  const w = await startWork('scheduler', { ...options, keep: Boolean(options.dataDir) });
  open.push(w);
  return w;
}
async function shutdown(w: Work): Promise<void> {
  open = open.filter((x) => x !== w);
  await w.close();
}
afterEach(async () => {
  for (const w of [...open]) await shutdown(w);
});

const fired = (w: Work) => w.events.filter((e) => e.event === 'reminder.due').map((e) => e.payload as Reminder);

/** A reminder of the signed-in administrator on a fresh identity, due at the given Jalali time. */
function remindAt(w: Work, when: string, note?: string): Reminder {
  return w.reminders.create({ item: { kind: 'identity', id: identity(w) }, at: at(when), note }, w.admin.userId);
}

/**
 * What the scheduler fired, read from the store: at a start nobody is signed in yet (the
 * desk asks for a password), so no window hears `reminder.due`; the popups come from
 * `reminders.active` once the person signs in.
 */
function firedInStore(w: Work): [string, boolean][] {
  return (w.backend.db.prepare(`SELECT id, late FROM reminders WHERE state = 'fired' ORDER BY id`).all() as { id: string; late: number }[]).map((r) => [
    r.id,
    r.late === 1,
  ]);
}

function firedChanges(w: Work, id: string): number {
  return w.backend.db
    .prepare(`SELECT count(*) FROM outbox WHERE table_name = 'reminders' AND row_id = ? AND fields LIKE '%"state":"fired"%'`)
    .pluck()
    .get(id) as number;
}

describe('the reminder scheduler', () => {
  it('keeps no timer while nothing is pending, and one timer, for the earliest reminder, once there are some', async () => {
    const w = await setUp();
    expect(w.time.armed()).toEqual({ count: 0, nextIn: null });
    remindAt(w, '1404/01/01 11:50');
    remindAt(w, '1404/01/01 11:40');
    remindAt(w, '1404/01/01 12:00');
    // 10 minutes away, but a sleep is capped (30 s) so a wall-clock change is noticed.
    expect(w.time.armed()).toEqual({ count: 1, nextIn: 30_000 });
    w.time.advance(10 * MIN - 20_000);
    expect(w.time.armed()).toEqual({ count: 1, nextIn: 20_000 });
  });

  it('finds the next due reminder with one probe of its index, not a scan of all reminders', async () => {
    const w = await setUp();
    const plan = w.backend.db
      .prepare(`EXPLAIN QUERY PLAN SELECT due_at FROM reminders WHERE state = 'pending' AND deleted_at IS NULL ORDER BY due_at, id LIMIT 1`)
      .all() as { detail: string }[];
    const text = plan.map((p) => p.detail).join(' | ');
    expect(text).toMatch(/USING (COVERING )?INDEX reminders_next_due/);
    expect(text).not.toMatch(/TEMP B-TREE/);
    expect(w.reminders.rows.nextDueAt()).toBeNull();
  });

  it('fires only what is due: a millisecond before its time a reminder stays pending', async () => {
    const w = await setUp();
    const r = remindAt(w, '1404/01/01 12:00');
    expect(w.reminders.fireDue(r.dueAt - 1, START, 10)).toEqual([]);
    expect(w.reminders.fireDue(r.dueAt, START, 10).map((f) => f.id)).toEqual([r.id]);
    expect(w.reminders.fireDue(r.dueAt + 1, START, 10)).toEqual([]);
  });

  it('fires a reminder at its time, once, on time (not late), to every open window', async () => {
    const w = await setUp();
    const windows: ServerFrame[][] = [[], []];
    const peers = windows.map((frames) => w.peers.connect((f) => frames.push(f)));
    const r = remindAt(w, '1404/01/01 12:00', 'تماس با بانک');
    w.time.advance(30 * MIN - 1);
    expect(fired(w)).toEqual([]);
    w.time.advance(1);
    expect(fired(w).map((f) => [f.id, f.state, f.late, f.note, f.firedAt])).toEqual([[r.id, 'fired', false, 'تماس با بانک', r.dueAt]]);
    w.time.advance(3 * 60 * MIN);
    expect(fired(w)).toHaveLength(1);
    expect(firedChanges(w, r.id)).toBe(1);
    // Two windows: each shows the one popup, the store recorded one firing.
    for (const frames of windows) expect(frames.filter((f) => f.t === 'event' && f.event === 'reminder.due')).toHaveLength(1);
    for (const p of peers) p.close();
    expect(w.reminders.active(w.admin.userId).map((a) => a.id)).toEqual([r.id]);
  });

  it('a clock moved forward fires what fell due at the next wake, marked late', async () => {
    const w = await setUp();
    const r = remindAt(w, '1404/01/01 14:00'); // 2.5 h ahead
    w.time.jumpWall(3 * 60 * MIN); // someone sets the clock 3 h forward; no real time passed
    expect(fired(w)).toEqual([]);
    w.time.advance(30_000); // the capped sleep ends
    expect(fired(w).map((f) => [f.id, f.late])).toEqual([[r.id, true]]);
  });

  it('a clock moved back fires nothing twice, and still fires what is pending when its time comes', async () => {
    const w = await setUp();
    const first = remindAt(w, '1404/01/01 12:00');
    const second = remindAt(w, '1404/01/01 12:30');
    w.time.advance(31 * MIN);
    expect(fired(w).map((f) => f.id)).toEqual([first.id]);
    w.time.jumpWall(-2 * 60 * MIN); // back before both reminders
    w.time.advance(2 * 60 * MIN + 30 * MIN);
    expect(fired(w).map((f) => f.id)).toEqual([first.id, second.id]);
    expect(firedChanges(w, first.id)).toBe(1);
    expect(firedChanges(w, second.id)).toBe(1);
  });

  it('a second scheduler on the same store (two wakes racing) fires nothing a second time', async () => {
    const w = await setUp();
    const byOther: Reminder[] = [];
    const other = new ReminderScheduler(w.reminders, w.clock, w.time.timers, (f) => byOther.push(...f));
    other.start();
    const r = remindAt(w, '1404/01/01 12:00');
    other.reschedule();
    w.time.advance(31 * MIN);
    other.stop();
    expect(fired(w).length + byOther.length).toBe(1);
    expect(firedChanges(w, r.id)).toBe(1);
  });

  it('a snoozed reminder comes back after the snooze; a dismissed one never again', async () => {
    const w = await setUp();
    const r = remindAt(w, '1404/01/01 12:00');
    w.time.advance(30 * MIN);
    w.reminders.snooze({ id: r.id, minutes: 5 }, w.admin.userId);
    expect(w.reminders.active(w.admin.userId)).toEqual([]);
    w.time.advance(5 * MIN - 1);
    expect(fired(w)).toHaveLength(1);
    w.time.advance(1);
    expect(fired(w).map((f) => f.id)).toEqual([r.id, r.id]);
    w.reminders.dismiss(r.id, w.admin.userId);
    expect(w.reminders.active(w.admin.userId)).toEqual([]);
    w.time.advance(24 * 60 * MIN);
    expect(fired(w)).toHaveLength(2);
  });

  it('pops up only the signed-in person’s reminders; another person’s fires and waits for them', async () => {
    const w = await setUp();
    const other = w.person('دیگری');
    const theirs = w.reminders.create({ item: { kind: 'identity', id: identity(w) }, at: at('1404/01/01 12:00') }, other.userId);
    w.time.advance(31 * MIN);
    expect(fired(w)).toEqual([]);
    expect(w.reminders.active(other.userId).map((r) => r.id)).toEqual([theirs.id]);
  });

  it('asks the desktop for a native notification only while no window is visible and focused', async () => {
    const w = await setUp();
    w.reminders.presence.report('window-aaaa-1', { visible: true, focused: true });
    remindAt(w, '1404/01/01 11:31', 'اول');
    w.time.advance(MIN);
    expect(w.notifications).toEqual([]);
    w.reminders.presence.report('window-aaaa-1', { visible: true, focused: false });
    remindAt(w, '1404/01/01 11:40', 'دوم');
    w.time.advance(10 * MIN);
    expect(w.notifications).toEqual([{ title: 'مشتری نمونه', body: 'دوم' }]);
  });
});

describe('while nobody is signed in', () => {
  it('a reminder falls due once, says only whose it is (sound and native notification), and pops up in full when its owner signs in', async () => {
    const w = await setUp();
    const session = w.backend.service<SessionService>('session');
    const r = remindAt(w, '1404/01/01 12:00', 'قرارداد محرمانهٔ بانک');
    session.signOut();
    w.time.advance(30 * MIN);
    const waiting = () => w.events.filter((e) => e.event === 'reminder.waiting');
    expect(fired(w)).toEqual([]);
    expect(waiting()).toEqual([{ event: 'reminder.waiting', payload: {} }]);
    expect(w.notifications).toEqual([{ title: 'یادآوری دفتر', body: 'یک یادآوری برای مدیر سیستم رسیده است؛ برای دیدن آن وارد شوید.' }]);

    // Time goes on, signed out: it is not announced a second time.
    w.time.advance(60 * MIN);
    expect(waiting()).toHaveLength(1);
    expect(w.notifications).toHaveLength(1);

    // Its owner signs in: the popup, in full, marked late; it never fired twice.
    session.signIn('admin', ADMIN_PASSWORD);
    expect(w.reminders.active(w.admin.userId).map((a) => [a.id, a.note, a.title, a.late])).toEqual([[r.id, 'قرارداد محرمانهٔ بانک', 'مشتری نمونه', false]]);
    expect(firedChanges(w, r.id)).toBe(1);
    expect(fired(w)).toEqual([]);
  });

  it('a locked desk counts as nobody signed in, and the notification speaks the desk’s language', async () => {
    const w = await setUp();
    w.backend.service<SettingsService>('settings').update({ language: 'en' });
    remindAt(w, '1404/01/01 12:00');
    w.backend.service<SessionService>('session').lock();
    w.time.advance(30 * MIN);
    expect(fired(w)).toEqual([]);
    expect(w.notifications).toEqual([{ title: 'Daftar reminder', body: 'A reminder is due for مدیر سیستم — sign in to see it.' }]);
  });
});

describe('many at once', () => {
  it('fires overdue reminders in batches, yielding between them, each once', async () => {
    const dataDir = tempWorkDir('batches');
    try {
      const a = await setUp({ dataDir });
      const ids = Array.from({ length: 1200 }, () => remindAt(a, '1404/01/01 12:00').id);
      await shutdown(a);
      // Opened again an hour later: 1200 fell due while closed; batches of 500 with a yield between.
      const b = await setUp({ dataDir, start: START + 60 * MIN });
      expect(firedInStore(b)).toHaveLength(500);
      expect(b.time.armed()).toEqual({ count: 1, nextIn: 0 });
      b.time.advance(0);
      expect(firedInStore(b).map(([id]) => id)).toEqual([...ids].sort());
      expect(firedInStore(b).every(([, late]) => late)).toBe(true);
      const changes = b.backend.db
        .prepare(`SELECT count(*) FROM outbox WHERE table_name = 'reminders' AND fields LIKE '%"state":"fired"%'`)
        .pluck()
        .get() as number;
      expect(changes).toBe(1200);
      // Signed in, the administrator's popups hold all of them, each once.
      expect(b.reminders.active(b.admin.userId)).toHaveLength(1200);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('across a restart', () => {
  it('reminders that fell due while the app was closed fire at the next start, marked late, exactly once', async () => {
    const dataDir = tempWorkDir('restart');
    try {
      const a = await setUp({ dataDir });
      const early = remindAt(a, '1404/01/01 12:00');
      const later = remindAt(a, '1404/01/01 12:10');
      const future = remindAt(a, '1404/01/01 18:00');
      a.time.advance(5 * MIN);
      expect(fired(a)).toEqual([]);
      await shutdown(a);

      // Closed until 30 s after the later one fell due: the next start (same data folder)
      // catches up, and both are late — they fell due while the app was closed.
      const b = await setUp({ dataDir, start: START + 40 * MIN + 30_000 });
      expect(firedInStore(b)).toEqual(
        [
          [early.id, true],
          [later.id, true],
        ].sort(),
      );
      // They fired before anyone signed in; the administrator, signed in, has both popups, marked late.
      expect(fired(b)).toEqual([]);
      expect(b.reminders.active(b.admin.userId).map((r) => [r.id, r.late]).sort()).toEqual(
        [
          [early.id, true],
          [later.id, true],
        ].sort(),
      );
      await shutdown(b);

      // Started again: nothing fires twice, and the popups are still there until handled.
      const c = await setUp({ dataDir, start: START + 70 * MIN });
      expect(fired(c)).toEqual([]);
      expect(c.reminders.active(c.admin.userId).map((r) => r.id).sort()).toEqual([early.id, later.id].sort());
      expect(firedChanges(c, early.id)).toBe(1);
      expect(firedChanges(c, later.id)).toBe(1);
      // The one still ahead fires at its time, on time.
      c.time.advance(6 * 60 * MIN);
      expect(fired(c).map((f) => [f.id, f.late])).toEqual([[future.id, false]]);
      await shutdown(c);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
