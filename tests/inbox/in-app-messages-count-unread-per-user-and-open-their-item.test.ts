import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../main/api/router';
import { snapshot } from '../api/backend-fixture';
import { identity, startWork, type Work } from '../tasks/work-fixture';

let w: Work;
let a: Caller, b: Caller;
let customer = '';

beforeAll(async () => {
  w = await startWork('inbox');
  a = w.person('الف');
  b = w.person('ب');
  customer = identity(w);
});
afterAll(() => w.close());

describe('in-app messages (the bell)', () => {
  it('another capability delivers through deliver(userIds, {kind, params, item}); each user gets their own copy', () => {
    w.inbox.deliver([a.userId!, b.userId!, a.userId!], {
      kind: 'appointment.invitation',
      params: { subject: 'جلسهٔ هیئت مدیره', when: '۱۴۰۴/۰۱/۰۵ ۱۰:۰۰' },
      item: { kind: 'identity', id: customer },
    });
    for (const u of [a, b]) {
      const page = w.inbox.page(u.userId!, { limit: 10, unreadOnly: false });
      expect(page.unread).toBe(1);
      expect(page.messages.map((m) => [m.kind, m.params, m.link])).toEqual([
        ['appointment.invitation', { subject: 'جلسهٔ هیئت مدیره', when: '۱۴۰۴/۰۱/۰۵ ۱۰:۰۰' }, `/identities/${customer}`],
      ]);
    }
  });

  it('marking read touches only the reader’s own messages', () => {
    const theirs = w.inbox.page(b.userId!, { limit: 10, unreadOnly: false }).messages[0]!;
    const before = snapshot(w.backend.db);
    expect(w.inbox.markRead(a.userId!, [theirs.id])).toEqual({ unread: 1 });
    expect(snapshot(w.backend.db)).toEqual(before);
    expect(w.inbox.markRead(b.userId!, [theirs.id])).toEqual({ unread: 0 });
    expect(w.inbox.unread(a.userId!)).toBe(1);
  });

  it('pages newest first and can list only the unread', () => {
    for (let i = 1; i <= 5; i++) {
      w.clock.advance(1000);
      w.inbox.deliver([a.userId!], { kind: 'task.assigned', params: { subject: `کار ${i}`, from: 'ب' } });
    }
    const first = w.inbox.page(a.userId!, { limit: 4, unreadOnly: false });
    expect(first.messages.map((m) => m.params.subject)).toEqual(['کار 5', 'کار 4', 'کار 3', 'کار 2']);
    const second = w.inbox.page(a.userId!, { limit: 4, unreadOnly: false, before: first.next! });
    expect(second.messages.map((m) => m.params.subject)).toEqual(['کار 1', 'جلسهٔ هیئت مدیره']);
    expect(second.next).toBeNull();
    w.inbox.markRead(a.userId!, null);
    expect(w.inbox.page(a.userId!, { limit: 10, unreadOnly: true }).messages).toEqual([]);
  });

  it('tells the signed-in user’s windows the new unread count whenever their messages change', async () => {
    const me = w.admin.userId!;
    const counts = () => w.events.filter((e) => e.event === 'inbox.changed').map((e) => e.payload);
    const before = counts().length;
    w.inbox.deliver([me], { kind: 'task.assigned', params: { subject: 'یک', from: 'الف' } });
    w.inbox.deliver([me], { kind: 'task.assigned', params: { subject: 'دو', from: 'الف' } });
    w.inbox.markRead(me, null);
    expect(counts().slice(before)).toEqual([{ unread: 1 }, { unread: 2 }, { unread: 0 }]);
  });

  it('a message whose item was deleted keeps its words but opens nothing', () => {
    w.identities.delete(customer, null);
    expect(w.inbox.page(b.userId!, { limit: 10, unreadOnly: false }).messages[0]!.link).toBeNull();
  });
});
