import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/api/router';
import { parseJalali } from '../../main/api/jalali-input';
import { identity, startWork, type Work } from '../tasks/work-fixture';

let w: Work;
let me: Caller, other: Caller;
let customer = '';
let taskId = '';

beforeAll(async () => {
  w = await startWork('followups');
  me = w.person('من');
  other = w.person('دیگری');
  customer = identity(w, 'مریم', 'کاظمی');
  taskId = w.tasks.create({ subject: 'ارسال پیش‌فاکتور', priority: 'normal', assignees: [{ userId: me.userId! }], identityId: customer }, me).id;
});
afterAll(() => w.close());

const titles = (list: { note: string }[]) => list.map((f) => f.note);

describe('follow-ups', () => {
  it('attach to any registered item and carry the item’s title, link and identity', () => {
    const onTask = w.followups.create({ item: { kind: 'task', id: taskId }, note: 'تماس برای تأیید' }, me.userId);
    expect(onTask).toMatchObject({ item: { kind: 'task', id: taskId }, title: 'ارسال پیش‌فاکتور', link: `/tasks/${taskId}`, done: false, next: null });
    const onIdentity = w.followups.create({ item: { kind: 'identity', id: customer }, note: 'پیگیری تمدید' }, me.userId);
    expect(onIdentity).toMatchObject({ title: 'مریم کاظمی', link: `/identities/${customer}` });
    // Both belong to the customer: the task through its related identity.
    expect(w.followups.rows.forIdentity(customer, null, 10).map((r) => r.id).sort()).toEqual([onTask.id, onIdentity.id].sort());
    expect(titles(w.followups.forItem({ kind: 'task', id: taskId }, me.userId))).toEqual(['تماس برای تأیید']);
  });

  it('the widget groups my open follow-ups into overdue, today, tomorrow and undated, by the office’s days', () => {
    // START is 1404/01/01 11:30 in Tehran.
    const make = (note: string, next?: string) =>
      w.followups.create({ item: { kind: 'identity', id: customer }, note, ...(next ? { next: parseJalali(next)! } : {}) }, me.userId);
    make('دیروز', '1403/12/29');
    make('امروز صبح', '1404/01/01 09:00');
    make('امروز', '1404/01/01');
    make('امروز عصر', '1404/01/01 17:00');
    make('فردا', '1404/01/02');
    make('فردا اول وقت', '1404/01/02 00:00');
    make('پس‌فردا', '1404/01/03');
    w.followups.create({ item: { kind: 'identity', id: customer }, note: 'مال دیگری', next: parseJalali('1404/01/01')! }, other.userId);
    const agenda = w.followups.agenda(me.userId);
    expect(titles(agenda.overdue)).toEqual(['دیروز', 'امروز صبح']);
    expect(titles(agenda.today)).toEqual(['امروز عصر', 'امروز']);
    expect(titles(agenda.tomorrow)).toEqual(['فردا اول وقت', 'فردا']);
    expect(titles(agenda.undated)).toEqual(['پیگیری تمدید', 'تماس برای تأیید']);
  });

  it('done follow-ups leave the widget; a new next date moves one between groups', () => {
    const agenda = w.followups.agenda(me.userId);
    const yesterday = agenda.overdue[0]!;
    w.followups.update({ id: yesterday.id, done: true }, me.userId);
    const tomorrow = agenda.tomorrow[1]!;
    w.followups.update({ id: tomorrow.id, next: null }, me.userId);
    const after = w.followups.agenda(me.userId);
    expect(titles(after.overdue)).toEqual(['امروز صبح']);
    expect(titles(after.tomorrow)).toEqual(['فردا اول وقت']);
    expect(titles(after.undated)).toContain('فردا');
    expect(w.followups.get(yesterday.id)).toMatchObject({ done: true, doneAt: w.clock.now() });
  });

  it('a day later, the groups move with the calendar', () => {
    w.clock.advance(24 * 60 * 60_000); // 1404/01/02 11:30
    const agenda = w.followups.agenda(me.userId);
    expect(titles(agenda.tomorrow)).toEqual(['پس‌فردا']);
    expect(titles(agenda.overdue)).toEqual(['امروز صبح', 'امروز عصر', 'امروز', 'فردا اول وقت']);
    expect(agenda.today).toEqual([]);
  });

  it('only its writer may change a follow-up', () => {
    const mine = w.followups.agenda(me.userId).undated[0]!;
    expect(() => w.followups.update({ id: mine.id, done: true }, other.userId)).toThrow('followup.notFound');
    expect(w.followups.get(mine.id).done).toBe(false);
  });
});
