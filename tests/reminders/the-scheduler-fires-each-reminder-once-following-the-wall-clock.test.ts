import { afterEach, describe, expect, it } from 'vitest';
import { parseJalali } from '../../main/api/jalali-input';
import { ReminderScheduler } from '../../main/reminders/scheduler';
import { scheduleReminders, type RunningScheduler } from '../../main/reminders/scheduling';
import type { Reminder } from '../../main/reminders/schema';
import { START } from '../api/backend-fixture';
import { rmSync } from 'node:fs';
import { fakeTimers, identity, startWork, tempWorkDir, type Work } from '../tasks/work-fixture';

const MIN = 60_000;
const at = (text: string) => parseJalali(text)!;
// START is 1404/01/01 11:30 in Tehran (08:00 UTC).

interface Running {
  w: Work;
  run?: RunningScheduler;
}
let open: Running[] = [];
function shutdown(o: Running): void {
  o.run?.stop();
  o.w.close();
  open = open.filter((x) => x !== o);
}
afterEach(() => {
  for (const o of [...open]) shutdown(o);
});

function setUp(options: { maxSleepMs?: number; batch?: number } = {}, dataDir?: string) {
  const w = dataDir ? startWork('scheduler', dataDir, false) : startWork('scheduler');
  const time = fakeTimers(w.clock);
  const fired: Reminder[] = [];
  const entry: Running = { w };
  open.push(entry);
  const start = () => {
    entry.run = scheduleReminders(w.backend.store, w.reminders, time.timers, (f) => fired.push(...f), options);
    return entry.run;
  };
  return { w, time, fired, start, entry };
}

/** A reminder on a fresh identity, due at the given Jalali time. */
function remindAt(w: Work, when: string, note?: string): Reminder {
  return w.reminders.create({ item: { kind: 'identity', id: identity(w) }, at: at(when), note }, w.admin.userId);
}

function firedChanges(w: Work, id: string): number {
  return w.backend.db
    .prepare(`SELECT count(*) FROM outbox WHERE table_name = 'reminders' AND row_id = ? AND fields LIKE '%"state":"fired"%'`)
    .pluck()
    .get(id) as number;
}

describe('the reminder scheduler', () => {
  it('keeps no timer while nothing is pending, and one timer set for the earliest reminder once there is', () => {
    const { w, time, start } = setUp({ maxSleepMs: 24 * 60 * MIN });
    start();
    expect(time.armed()).toEqual({ count: 0, nextIn: null });
    remindAt(w, '1404/01/01 13:00');
    remindAt(w, '1404/01/01 12:00');
    remindAt(w, '1404/01/01 14:00');
    expect(time.armed()).toEqual({ count: 1, nextIn: 30 * MIN });
  });

  it('fires only what is due: a millisecond before its time a reminder stays pending', () => {
    const { w } = setUp();
    const r = remindAt(w, '1404/01/01 12:00');
    expect(w.reminders.fireDue(r.dueAt - 1, START, 10)).toEqual([]);
    expect(w.reminders.fireDue(r.dueAt, START, 10).map((f) => f.id)).toEqual([r.id]);
    expect(w.reminders.fireDue(r.dueAt + 1, START, 10)).toEqual([]);
  });

  it('finds the next due reminder with one probe of its index, not a scan of all reminders', () => {
    const { w } = setUp();
    const plan = w.backend.db
      .prepare(`EXPLAIN QUERY PLAN SELECT due_at FROM reminders WHERE state = 'pending' AND deleted_at IS NULL ORDER BY due_at, id LIMIT 1`)
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/USING (COVERING )?INDEX reminders_next_due/);
    expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    // The query the store really runs is that one.
    expect(w.reminders.rows.nextDueAt()).toBeNull();
  });

  it('fires a reminder at its time, not a millisecond before, once, on time (not late)', () => {
    const { w, time, fired, start } = setUp();
    start();
    const r = remindAt(w, '1404/01/01 12:00', 'تماس با بانک');
    time.advance(30 * MIN - 1);
    expect(fired).toEqual([]);
    time.advance(1);
    expect(fired.map((f) => [f.id, f.state, f.late, f.note])).toEqual([[r.id, 'fired', false, 'تماس با بانک']]);
    time.advance(3 * 60 * MIN);
    expect(fired).toHaveLength(1);
    expect(firedChanges(w, r.id)).toBe(1);
    expect(w.reminders.active(w.admin.userId).map((a) => a.id)).toEqual([r.id]);
  });

  it('a clock moved forward fires what fell due at the next wake, marked late', () => {
    const { w, time, fired, start } = setUp({ maxSleepMs: 30_000 });
    start();
    const r = remindAt(w, '1404/01/01 14:00'); // 2.5 h ahead
    time.jumpWall(3 * 60 * MIN); // someone sets the clock 3 h forward; no real time passed
    expect(fired).toEqual([]);
    time.advance(30_000); // the capped sleep ends
    expect(fired.map((f) => [f.id, f.late])).toEqual([[r.id, true]]);
  });

  it('a clock moved back fires nothing twice, and still fires what is pending when its time comes', () => {
    const { w, time, fired, start } = setUp();
    start();
    const first = remindAt(w, '1404/01/01 12:00');
    const second = remindAt(w, '1404/01/01 12:30');
    time.advance(31 * MIN);
    expect(fired.map((f) => f.id)).toEqual([first.id]);
    time.jumpWall(-2 * 60 * MIN); // back to 09:31 UTC-ish: before both reminders again
    time.advance(2 * 60 * MIN + 30 * MIN);
    expect(fired.map((f) => f.id)).toEqual([first.id, second.id]);
    expect(firedChanges(w, first.id)).toBe(1);
    expect(firedChanges(w, second.id)).toBe(1);
  });

  it('two schedulers on one store (two wakes racing) fire each reminder once', () => {
    const { w, time, start } = setUp();
    const run = start();
    const firedByOther: Reminder[] = [];
    const other = new ReminderScheduler(w.reminders, w.clock, time.timers, (f) => firedByOther.push(...f));
    other.start();
    const r = remindAt(w, '1404/01/01 12:00');
    other.reschedule();
    time.advance(31 * MIN);
    other.stop();
    run.stop();
    expect(firedChanges(w, r.id)).toBe(1);
  });

  it('a snoozed reminder comes back after the snooze; a dismissed one never again', () => {
    const { w, time, fired, start } = setUp();
    start();
    const r = remindAt(w, '1404/01/01 12:00');
    time.advance(30 * MIN);
    w.reminders.snooze({ id: r.id, minutes: 5 }, w.admin.userId);
    expect(w.reminders.active(w.admin.userId)).toEqual([]);
    time.advance(5 * MIN - 1);
    expect(fired).toHaveLength(1);
    time.advance(1);
    expect(fired.map((f) => f.id)).toEqual([r.id, r.id]);
    w.reminders.dismiss(r.id, w.admin.userId);
    expect(w.reminders.active(w.admin.userId)).toEqual([]);
    time.advance(24 * 60 * MIN);
    expect(fired).toHaveLength(2);
  });

  it('fires many overdue reminders in batches, yielding between them, each once', () => {
    const { w, time, fired, start } = setUp({ batch: 100 });
    const ids = Array.from({ length: 250 }, () => remindAt(w, '1404/01/01 12:00').id);
    time.jumpWall(60 * MIN);
    start();
    expect(fired).toHaveLength(100); // the first batch, then the scheduler yields
    expect(time.armed()).toEqual({ count: 1, nextIn: 0 });
    time.advance(0);
    expect(fired.map((f) => f.id).sort()).toEqual([...ids].sort());
    expect(new Set(fired.map((f) => f.id)).size).toBe(250);
  });
});

describe('across a restart', () => {
  it('reminders that fell due while the app was closed fire at the next start, marked late, exactly once', () => {
    const dataDir = tempWorkDir('restart');
    try {
      const a = setUp({}, dataDir);
      a.start();
      const early = remindAt(a.w, '1404/01/01 12:00');
      const later = remindAt(a.w, '1404/01/01 12:10');
      const future = remindAt(a.w, '1404/01/01 18:00');
      a.time.advance(5 * MIN);
      expect(a.fired).toEqual([]);
      shutdown(a.entry);

      // Closed until 30 s after the later one fell due; the next start (same data folder)
      // catches up, and both are late: they fell due while the app was closed.
      const b = setUp({}, dataDir);
      b.w.clock.set(START + 40 * MIN + 30_000);
      b.start();
      expect(b.fired.map((f) => [f.id, f.late]).sort()).toEqual(
        [
          [early.id, true],
          [later.id, true],
        ].sort(),
      );
      shutdown(b.entry);

      // Started again: nothing fires twice, and the popups are still there until handled.
      const c = setUp({}, dataDir);
      c.w.clock.set(START + 70 * MIN);
      c.start();
      expect(c.fired).toEqual([]);
      expect(c.w.reminders.active(c.w.admin.userId).map((r) => r.id).sort()).toEqual([early.id, later.id].sort());
      expect(firedChanges(c.w, early.id)).toBe(1);
      expect(firedChanges(c.w, later.id)).toBe(1);
      // The one still ahead fires at its time, on time.
      c.time.advance(6 * 60 * MIN);
      expect(c.fired.map((f) => [f.id, f.late])).toEqual([[future.id, false]]);
      shutdown(c.entry);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
