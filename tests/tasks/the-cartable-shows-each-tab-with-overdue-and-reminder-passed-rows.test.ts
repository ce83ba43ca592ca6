import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/api/router';
import { parseJalali } from '../../main/api/jalali-input';
import type { TaskCartableTab } from '../../main/tasks/schema';
import { identity, startWork, type Work } from './work-fixture';

let w: Work;
let me: Caller, boss: Caller, colleague: Caller;
const ids: Record<string, string> = {};
let customer = '';

const subjects = (tab: TaskCartableTab, who: Caller, extra: Record<string, unknown> = {}) =>
  w.tasks
    .cartable({ tab, limit: 100, ...extra }, who)
    .rows.map((r) => r.subject)
    .sort();

beforeAll(async () => {
  w = await startWork('cartable');
  me = w.person('من');
  boss = w.person('مدیر', 'office-manager');
  colleague = w.person('همکار');
  customer = identity(w, 'شرکت', 'پارس');
  // START is 1404/01/01 11:30 Tehran.
  ids.late = w.tasks.create({ subject: 'دیرکرد', priority: 'normal', deadline: parseJalali('1404/01/01 10:00')!, assignees: [{ userId: me.userId! }] }, boss).id;
  ids.today = w.tasks.create({ subject: 'امروز', priority: 'high', deadline: parseJalali('1404/01/01')!, assignees: [{ userId: me.userId! }], identityId: customer }, boss).id;
  ids.mineOwn = w.tasks.create({ subject: 'کار خودم', priority: 'low', assignees: [{ userId: me.userId! }] }, me).id;
  ids.forColleague = w.tasks.create({ subject: 'برای همکار', priority: 'normal', deadline: parseJalali('1403/12/29')!, assignees: [{ userId: colleague.userId! }] }, me).id;
  ids.referred = w.tasks.create({ subject: 'ارجاعی', priority: 'urgent', assignees: [{ userId: me.userId! }] }, boss).id;
  w.tasks.refer({ taskId: ids.referred, recipients: [{ userId: colleague.userId!, mode: 'original' }], deadline: parseJalali('1404/01/01 09:00')! }, me);
  ids.unrelated = w.tasks.create({ subject: 'نامربوط', priority: 'normal', assignees: [{ userId: colleague.userId! }] }, boss).id;
});
afterAll(() => w.close());

describe('the task cartable', () => {
  it('has a tab for each way a task is mine: held, referred by me, created by me, overdue, all I may see', () => {
    expect(subjects('mine', me)).toEqual(['ارجاعی', 'امروز', 'دیرکرد', 'کار خودم'].sort());
    expect(subjects('referredByMe', me)).toEqual(['ارجاعی']);
    expect(subjects('createdByMe', me)).toEqual(['برای همکار', 'کار خودم'].sort());
    // Overdue: my late task, the one I created for a colleague (its day is over), and the
    // one I referred whose new deadline passed; not my referred holding itself.
    expect(subjects('overdue', me)).toEqual(['ارجاعی', 'برای همکار', 'دیرکرد'].sort());
    expect(subjects('all', me)).toEqual(['ارجاعی', 'ارجاعی', 'امروز', 'برای همکار', 'دیرکرد', 'کار خودم'].sort());
    expect(subjects('all', me)).not.toContain('نامربوط');
  });

  it('marks overdue rows (red): an open row past its deadline; a whole-day deadline lasts until that day ends', () => {
    const rows = w.tasks.cartable({ tab: 'mine', limit: 100 }, me).rows;
    const overdue = Object.fromEntries(rows.map((r) => [r.subject, r.overdue]));
    expect(overdue).toEqual({ دیرکرد: true, امروز: false, 'کار خودم': false, ارجاعی: false });
    w.clock.set(Date.UTC(2025, 2, 21, 20, 31)); // 1404/01/02 00:01 in Tehran
    expect(w.tasks.cartable({ tab: 'mine', limit: 100 }, me).rows.find((r) => r.subject === 'امروز')!.overdue).toBe(true);
    // Done is never overdue.
    const late = w.tasks.cartable({ tab: 'mine', limit: 100 }, me).rows.find((r) => r.subject === 'دیرکرد')!;
    w.tasks.setStatus(late.assignmentId, 'done', me);
    expect(w.tasks.cartable({ tab: 'mine', limit: 100 }, me).rows.find((r) => r.subject === 'دیرکرد')!.overdue).toBe(false);
  });

  it('marks rows whose reminder has passed (yellow), for the reminder’s owner only', () => {
    const reminderPassed = () =>
      Object.fromEntries(w.tasks.cartable({ tab: 'mine', limit: 100 }, me).rows.map((r) => [r.subject, r.reminderPassed]));
    w.reminders.create({ item: { kind: 'task', id: ids.mineOwn! }, at: parseJalali('1404/01/02 09:00')! }, me.userId);
    expect(reminderPassed()['کار خودم']).toBe(false);
    w.clock.set(Date.UTC(2025, 2, 22, 5, 31)); // 09:01 Tehran
    expect(reminderPassed()['کار خودم']).toBe(true);
    expect(reminderPassed()['امروز']).toBe(false);
    expect(w.tasks.cartable({ tab: 'all', limit: 100 }, boss).rows.some((r) => r.reminderPassed)).toBe(false);
  });

  it('filters by status, person, deadline day and identity', () => {
    expect(subjects('mine', me, { statuses: ['done'] })).toEqual(['دیرکرد']);
    expect(subjects('all', me, { statuses: ['unseen', 'seen'], personId: colleague.userId })).toEqual(['ارجاعی', 'برای همکار'].sort());
    expect(subjects('all', me, { from: parseJalali('1404/01/01')!, to: parseJalali('1404/01/01')! })).toEqual(['ارجاعی', 'امروز', 'دیرکرد'].sort());
    expect(subjects('all', me, { identityId: customer })).toEqual(['امروز']);
    const row = w.tasks.cartable({ tab: 'all', limit: 100, identityId: customer }, me).rows[0]!;
    expect(row.identity).toEqual({ id: customer, displayName: 'شرکت پارس' });
  });

  it('pages by keyset, newest first, with nothing skipped or repeated', () => {
    const all = w.tasks.cartable({ tab: 'all', limit: 100 }, me).rows.map((r) => r.assignmentId);
    const paged: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = w.tasks.cartable({ tab: 'all', limit: 2, ...(before ? { before } : {}) }, me);
      paged.push(...page.rows.map((r) => r.assignmentId));
      if (!page.next) break;
      before = page.next;
    }
    expect(paged).toEqual(all);
    expect([...all].sort().reverse()).toEqual(all);
  });

  it('says which rows the viewer holds (may drag between statuses)', () => {
    const rows = w.tasks.cartable({ tab: 'all', limit: 100 }, me).rows;
    expect(rows.filter((r) => r.mine).every((r) => r.holder.id === me.userId)).toBe(true);
    expect(rows.filter((r) => !r.mine).every((r) => r.holder.id !== me.userId)).toBe(true);
  });
});
