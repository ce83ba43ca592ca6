import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, FULL, startTestServer, type TestServer } from '../server/harness';
import { startDesk, type TestDesk } from './desk';

const FIRST = 'password-1234';

interface Answer {
  ok: boolean;
  error?: { code: string };
}

describe('after a password change on the server, signing in at the desk with the new password signs sync back in', () => {
  let server: TestServer;
  let desk: TestDesk;
  const ids: Record<string, string> = {};
  const logged: string[] = [];
  const log = (level: string) => (msg: string, data?: unknown) => void logged.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`);
  const signIn = (username: string, password: string) => desk.backend.call('session.signIn', { username, password }) as Promise<Answer>;
  const onServer = async (rowId: string) => (await server.db.get('SELECT 1 AS found FROM rows WHERE row_id = ?', [rowId])) !== undefined;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    for (const name of ['sara', 'reza']) ids[name] = await addUser(server.app, name, FULL, FIRST);
    desk = await startDesk('resign', { verifyTimeoutMs: 5000, logger: { info: log('info'), warn: log('warn'), error: log('error') } });
    await desk.sync.signIn({ server: server.url, username: 'sara', password: FIRST });
    await desk.sync.syncNow();
    expect(desk.userId()).toBe(ids.sara);
    expect(desk.sync.status()).toMatchObject({ state: 'upToDate', user: { id: ids.sara } });
  });
  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  it('when sync already failed with 401: the sign-in at the desk brings it back, and the desk’s work reaches the server', async () => {
    await server.app.organisation.setPassword('sara', 'sara-second-password'); // revokes her tokens
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'signedOut', problem: { kind: 'signedOut' } });

    expect(await signIn('sara', 'sara-second-password')).toMatchObject({ ok: true });
    const id = desk.createPerson('پس از', 'تغییر گذرواژه');
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'upToDate', problem: null, pending: 0, user: { id: ids.sara } });
    expect(await onServer(id)).toBe(true);
  });

  it('when sync has not noticed yet: the sign-in finds the token revoked and signs sync back in before its next run', async () => {
    await server.app.organisation.setPassword('sara', 'sara-third-password');
    expect(await signIn('sara', 'sara-third-password')).toMatchObject({ ok: true });
    const id = desk.createPerson('بی‌خبر', 'از تغییر');
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'upToDate', problem: null });
    expect(await onServer(id)).toBe(true);
  });

  it('unlocking with the new password signs sync back in too', async () => {
    await desk.backend.call('session.lock', {});
    await server.app.organisation.setPassword('sara', 'sara-fourth-password');
    await desk.sync.syncNow();
    expect(desk.sync.status().state).toBe('signedOut');
    expect(await desk.backend.call('session.unlock', { password: 'sara-fourth-password' })).toMatchObject({ ok: true });
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'upToDate', user: { id: ids.sara } });
  });

  it('another user signing in at the desk, with a password the server approves, does not take over sync', async () => {
    await server.app.organisation.setPassword('sara', 'sara-fifth-password');
    await desk.sync.syncNow();
    expect(desk.sync.status().state).toBe('signedOut');
    expect(await signIn('reza', FIRST)).toMatchObject({ ok: true });
    expect(desk.userId()).toBe(ids.reza);
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'signedOut', user: { id: ids.sara } });
    // sara's own sign-in then brings it back.
    expect(await signIn('sara', 'sara-fifth-password')).toMatchObject({ ok: true });
    await desk.sync.syncNow();
    expect(desk.sync.status()).toMatchObject({ state: 'upToDate', user: { id: ids.sara } });
  });

  it('no password typed at the desk is kept in its store or written to its log', () => {
    desk.backend.db.pragma('wal_checkpoint(TRUNCATE)');
    const store = readFileSync(desk.backend.dbFile);
    expect(logged.some((l) => l.includes('sync signed back in'))).toBe(true);
    for (const password of [FIRST, 'sara-second-password', 'sara-third-password', 'sara-fourth-password', 'sara-fifth-password']) {
      expect(store.includes(Buffer.from(password))).toBe(false);
      for (const line of logged) expect(line).not.toContain(password);
    }
  });
});
