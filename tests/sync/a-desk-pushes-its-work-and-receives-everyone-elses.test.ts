import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, FULL, READER, startTestServer, type TestServer } from '../server/harness';
import type { ChangeData, TimelinePage } from '../../main/history/schema';
import type { IdentityService } from '../../main/identities/service';
import { startDesk, type TestDesk } from './desk';

describe('a desk and the sync server', () => {
  let server: TestServer;
  let a: TestDesk;
  let b: TestDesk;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await addUser(server.app, 'sara', FULL);
    await addUser(server.app, 'reza', FULL);
    await addUser(server.app, 'nima', READER);
    a = await startDesk('a');
    b = await startDesk('b');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await server?.close();
  });

  it('works alone with no server: nothing is sent, the status says off', async () => {
    a.createPerson('تنها', 'روی میز');
    expect(a.sync.status()).toMatchObject({ configured: false, state: 'off', pending: 0 });
    await a.sync.syncNow();
    expect(a.backend.db.prepare('SELECT count(*) FROM outbox WHERE pushed_at IS NOT NULL').pluck().get()).toBe(0);
  });

  it('signs in, keeps its own setup local, pushes what was made offline and becomes the server user', async () => {
    const localAdmin = a.userId();
    await a.sync.signIn({ server: server.url, username: 'sara', password: 'password-1234' });
    await a.sync.syncNow();
    const status = a.sync.status();
    expect(status).toMatchObject({ configured: true, state: 'upToDate', pending: 0, refused: 0, user: { username: 'sara' } });
    expect(a.userId()).not.toBe(localAdmin);
    expect(a.userId()).toBe(status.user!.id);
    // The built-in roles and first administrator of the lone desk never reach the server…
    const serverUsers = await server.db.all<{ row_id: string }>("SELECT row_id FROM rows WHERE table_name = 'users'");
    expect(serverUsers.map((u) => u.row_id)).not.toContain(localAdmin);
    // …but the person made offline did.
    const people = await server.db.all<{ fields: string }>("SELECT fields FROM rows WHERE table_name = 'identities'");
    expect(people.map((p) => JSON.parse(p.fields).display_name)).toContain('تنها روی میز');
    // Pushed changes are marked sent, never deleted.
    const log = a.backend.db.prepare('SELECT count(*) AS n, count(pushed_at) AS sent FROM outbox').get() as { n: number; sent: number };
    expect(log.sent).toBe(log.n);
    expect(a.statuses.some((s) => s.state === 'syncing')).toBe(true);
  });

  it('a second desk receives it all: rows, the search index, and the change log with who made it', async () => {
    await b.sync.signIn({ server: server.url, username: 'reza', password: 'password-1234' });
    await b.sync.syncNow();
    expect(b.statuses.some((s) => s.progress !== null)).toBe(true); // the first sync showed progress
    const found = await b.backend.call('identities.list', { query: 'روی میز' });
    if (!found.ok) throw new Error(JSON.stringify(found.error));
    const items = (found.value as { items: { id: string; displayName: string }[] }).items;
    expect(items.map((i) => i.displayName)).toEqual(['تنها روی میز']);
    const timeline = await b.backend.call('history.timeline', { identityId: items[0]!.id });
    if (!timeline.ok) throw new Error(JSON.stringify(timeline.error));
    const first = (timeline.value as TimelinePage).items.at(-1)!;
    expect(first).toMatchObject({ kind: 'change', actor: { id: a.userId() }, data: { action: 'created' } });
    expect((first.data as ChangeData).changes[0]!.fields).toContainEqual({
      label: 'identities.field.firstName',
      kind: 'text',
      from: null,
      to: 'تنها',
    });
  });

  it('edits on two desks merge field by field, and both end the same', async () => {
    const id = a.createPerson('مهدی', 'کریمی', { jobTitle: 'کارشناس' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    const edit = async (desk: TestDesk, patch: Record<string, unknown>) => {
      const current = await desk.backend.call('identities.get', { id });
      if (!current.ok) throw new Error(JSON.stringify(current.error));
      const v = current.value as { firstName: string; lastName: string; jobTitle: string | null; phones: unknown[]; emails: unknown[]; addresses: unknown[]; tags: string[] };
      const r = await desk.backend.call('identities.update', { id, kind: 'person', firstName: v.firstName, lastName: v.lastName, jobTitle: v.jobTitle ?? undefined, ...patch });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    };
    await edit(a, { jobTitle: 'مدیر فروش' });
    await edit(b, { lastName: 'کریمی‌نژاد' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await a.sync.syncNow();
    for (const desk of [a, b]) {
      const r = await desk.backend.call('identities.get', { id });
      expect(r.ok && r.value).toMatchObject({ firstName: 'مهدی', lastName: 'کریمی‌نژاد', jobTitle: 'مدیر فروش', displayName: 'مهدی کریمی‌نژاد' });
    }
  });

  it('a change the server refuses is kept with its reason, shown in the status, and not sent again', async () => {
    const c = await startDesk('c');
    try {
      await c.sync.signIn({ server: server.url, username: 'nima', password: 'password-1234' });
      await c.sync.syncNow();
      // nima may only read: this local edit is refused by the server.
      c.backend.service<IdentityService>('identities').create({ kind: 'person', firstName: 'غیرمجاز', tags: [], phones: [], emails: [], addresses: [] } as never, c.userId());
      await c.sync.syncNow();
      const status = c.sync.status();
      expect(status).toMatchObject({ pending: 0, state: 'upToDate' });
      expect(status.refused).toBeGreaterThan(0);
      const [refusal] = c.sync.refusals();
      expect(refusal).toMatchObject({ table: 'identities', code: 'forbidden' });
      expect(refusal!.message!.fa).toMatch(/اجازه/);
      const before = await server.db.get<{ n: number }>('SELECT count(*) AS n FROM changes');
      await c.sync.syncNow();
      expect(await server.db.get<{ n: number }>('SELECT count(*) AS n FROM changes')).toEqual(before);
    } finally {
      await c.close();
    }
  });

  it('offline, the desk keeps working and says so; back online, it catches up', async () => {
    await server.down();
    const id = a.createPerson('آفلاین', 'نبود');
    await a.sync.syncNow();
    expect(a.sync.status()).toMatchObject({ state: 'offline', pending: 1, problem: null });
    await server.up(); // same port, same data
    await a.sync.syncNow();
    expect(a.sync.status()).toMatchObject({ state: 'upToDate', pending: 0 });
    await b.sync.syncNow();
    const r = await b.backend.call('identities.get', { id });
    expect(r.ok).toBe(true);
  });
});
