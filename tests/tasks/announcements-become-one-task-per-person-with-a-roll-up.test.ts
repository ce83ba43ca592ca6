import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/api/router';
import { startWork, type Work } from './work-fixture';

let w: Work;
let manager: Caller;
let staff: Caller[] = [];
let groupId = '';

beforeAll(async () => {
  w = await startWork('announcements');
  manager = w.person('مسئول دفتر', 'office-manager');
  staff = ['آرش', 'بیتا', 'پرویز', 'ترانه'].map((n) => w.person(n));
  groupId = w.organisation.createGroup(
    { name: 'واحد فروش', kind: 'department', memberIds: [staff[0]!.userId!, staff[1]!.userId!, manager.userId!] },
    null,
  ).id;
});
afterAll(() => w.close());

describe('an announcement', () => {
  it('to a department becomes one task per member (not the sender), each with its own holding and message', () => {
    const a = w.tasks.announce({ subject: 'جلسهٔ فروش شنبه ساعت ۹', priority: 'normal', audience: { userIds: [], groupIds: [groupId] } }, manager);
    expect(a.people.map((p) => p.holder.id).sort()).toEqual([staff[0]!.userId, staff[1]!.userId].sort());
    expect(new Set(a.people.map((p) => p.taskId)).size).toBe(2);
    expect(a.rollup).toEqual({ total: 2, unseen: 2, seen: 0, inProgress: 0, done: 0 });
    for (const p of a.people) {
      expect(w.inbox.page(p.holder.id, { limit: 5, unreadOnly: true }).messages.map((m) => [m.kind, m.item?.id])).toEqual([
        ['task.announced', p.taskId],
      ]);
    }
  });

  it('to everyone reaches every active user but the sender, and each is tracked on its own in the roll-up', () => {
    const a = w.tasks.announce({ subject: 'تعطیلی دفتر در روز پنجشنبه', body: 'دفتر از ساعت ۱۲ بسته است', priority: 'high', audience: { everyone: true } }, manager);
    const everyoneElse = w.organisation
      .overview()
      .users.filter((u) => u.active && u.id !== manager.userId)
      .map((u) => u.id);
    expect(a.people.map((p) => p.holder.id).sort()).toEqual(everyoneElse.sort());

    const [first, second, third] = staff.map((s) => a.people.find((p) => p.holder.id === s.userId)!);
    w.tasks.open(first!.taskId, staff[0]!);
    w.tasks.open(second!.taskId, staff[1]!);
    w.tasks.setStatus(second!.assignmentId, 'in_progress', staff[1]!);
    w.tasks.setStatus(third!.assignmentId, 'done', staff[2]!);
    const detail = w.tasks.announcement(a.id, manager);
    expect(detail.rollup).toEqual({ total: everyoneElse.length, unseen: everyoneElse.length - 3, seen: 3, inProgress: 1, done: 1 });
    expect(detail.people.find((p) => p.holder.id === staff[2]!.userId)).toMatchObject({ status: 'done', doneAt: w.clock.now() });
    // Each person's task is their own: one person's referral does not touch the others'.
    w.tasks.refer({ taskId: first!.taskId, recipients: [{ userId: staff[3]!.userId!, mode: 'original' }] }, staff[0]!);
    expect(w.tasks.open(second!.taskId, staff[1]!).chain).toHaveLength(1);
    expect(w.tasks.announcement(a.id, manager).rollup.total).toBe(everyoneElse.length);
  });

  it('lists the sender’s announcements newest first, with their roll-ups; others cannot read them', () => {
    const page = w.tasks.announcements({ limit: 10 }, manager);
    expect(page.announcements.map((a) => a.subject)).toEqual(['تعطیلی دفتر در روز پنجشنبه', 'جلسهٔ فروش شنبه ساعت ۹']);
    expect(w.tasks.announcements({ limit: 10 }, staff[0]!).announcements).toEqual([]);
    expect(() => w.tasks.announcement(page.announcements[0]!.id, staff[0]!)).toThrow('announcement.notFound');
  });
});
