import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelinePage } from '../../main/history/schema';
import type { FollowUpEntryData } from '../../main/followups/schema';
import type { TaskEntryData } from '../../main/tasks/schema';
import { ok } from '../api/backend-fixture';
import { identity, startWork, type Work } from './work-fixture';

let w: Work;
let customer = '';

beforeAll(async () => {
  w = await startWork('identity-history');
  customer = identity(w, 'شرکت', 'آلفا');
});
afterAll(() => w.close());

describe('an identity’s history', () => {
  it('lists its tasks and the follow-ups on it and on its items, newest first, with the other kinds', async () => {
    const me = w.admin.userId!;
    await ok(w.backend, 'notes.create', { identityId: customer, body: 'تماس گرفت' });
    w.clock.advance(1000);
    const task = await ok(w.backend, 'tasks.create', { subject: 'ارسال پیش‌فاکتور', priority: 'high', deadline: '1404/01/05', identityId: customer, assignees: [{ userId: me }] });
    w.clock.advance(1000);
    await ok(w.backend, 'followups.create', { item: { kind: 'task', id: task.id }, note: 'پیگیری پرداخت', next: '1404/01/03' });
    w.clock.advance(1000);
    await ok(w.backend, 'followups.create', { item: { kind: 'identity', id: customer }, note: 'تمدید قرارداد' });
    // A task of another identity stays out.
    await ok(w.backend, 'tasks.create', { subject: 'نامربوط', priority: 'low', identityId: identity(w), assignees: [{ userId: me }] });

    const page = (await ok(w.backend, 'history.timeline', { identityId: customer })) as TimelinePage;
    const mine = page.items.filter((i) => i.kind !== 'change');
    expect(mine.map((i) => i.kind)).toEqual(['followup', 'followup', 'task', 'note']);
    expect(mine[2]!.data as TaskEntryData).toMatchObject({ taskId: task.id, subject: 'ارسال پیش‌فاکتور', priority: 'high', cancelled: false });
    // On the identity itself the item needs no name; on its task, the task's subject says where it belongs.
    expect(mine[0]!.data as FollowUpEntryData).toMatchObject({ note: 'تمدید قرارداد', itemTitle: null, done: false, next: null });
    expect(mine[1]!.data as FollowUpEntryData).toMatchObject({ note: 'پیگیری پرداخت', itemTitle: 'ارسال پیش‌فاکتور' });
    expect(mine.every((i) => i.actor?.id === me)).toBe(true);
    const onlyTasks = (await ok(w.backend, 'history.timeline', { identityId: customer, kinds: ['task'] })) as TimelinePage;
    expect(onlyTasks.items.map((i) => i.kind)).toEqual(['task']);
  });
});
