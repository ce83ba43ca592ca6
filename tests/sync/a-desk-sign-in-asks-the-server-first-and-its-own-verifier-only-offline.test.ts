import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, RawDesk, startTestServer, type TestServer } from '../server/harness';
import { ADMIN_PASSWORD } from '../api/backend-fixture';
import { startDesk, type TestDesk } from './desk';
import { DEFAULT_BACKOFF } from '../../server/accounts/attempts';

const STAFF = ['organisation.read', 'identities.read', 'history.read'];
const PASSWORD = 'password-1234';

interface Answer {
  ok: boolean;
  value?: { state: string; user: { id: string } | null };
  error?: { code: string; message: string };
}

describe('a desk’s own sign-in, unlock and switch of user ask the sync server first', () => {
  let server: TestServer;
  let desk: TestDesk;
  // The server's clock, held still while a test needs a wait not to run out on a slow machine.
  let heldAt: number | null = null;
  const ids: Record<string, string> = {};
  const signIn = (username: string, password: string) => desk.backend.call('session.signIn', { username, password }) as Promise<Answer>;
  const unlock = (password: string) => desk.backend.call('session.unlock', { password }) as Promise<Answer>;
  const lock = () => desk.backend.call('session.lock', {});
  const signOut = () => desk.backend.call('session.signOut', {});
  const verifier = (userId: string) =>
    desk.backend.db.prepare('SELECT password_hash FROM user_credentials WHERE user_id = ?').pluck().get(userId) as string | undefined;

  beforeAll(async () => {
    server = await startTestServer('sqlite', { now: () => heldAt ?? Date.now() });
    for (const name of ['sara', 'reza', 'nima', 'leila']) ids[name] = await addUser(server.app, name, STAFF, PASSWORD);
    // Long enough for the server's scrypt on a busy test machine; the silent server below waits it out once.
    desk = await startDesk('verify', { verifyTimeoutMs: 5000 });
    await desk.sync.signIn({ server: server.url, username: 'sara', password: PASSWORD });
    await desk.sync.syncNow();
    expect(desk.userId()).toBe(ids.sara);
  });
  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  it('switching to a user this desk has never seen signed in works with the password the server knows, and keeps it for offline', async () => {
    expect(verifier(ids.reza!)).toBeUndefined();
    expect(await signIn('reza', PASSWORD)).toMatchObject({ ok: true, value: { state: 'signed-in', user: { id: ids.reza } } });
    expect(verifier(ids.reza!)).toMatch(/^\$scrypt\$/);
  });

  it('a password changed on the server is the only one that opens the desk while online, and then offline too', async () => {
    await server.app.organisation.setPassword('reza', 'rezas-new-password');
    const old = await signIn('reza', PASSWORD);
    expect(old).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The desk still held the old password: it says why it no longer works.
    expect(old.error!.message).toContain('روی سرور عوض شده است');
    expect(await signIn('reza', 'rezas-new-password')).toMatchObject({ ok: true, value: { user: { id: ids.reza } } });
    // The server's password replaced the desk's verifier: offline, the old one fails and the new one works.
    await server.down();
    try {
      expect(await signIn('reza', PASSWORD)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await signIn('reza', 'rezas-new-password')).toMatchObject({ ok: true, value: { user: { id: ids.reza } } });
    } finally {
      await server.up();
    }
  });

  it('a sign-in the server approves with the password this desk already knows keeps the desk’s verifier as it is', async () => {
    expect(await signIn('sara', PASSWORD)).toMatchObject({ ok: true });
    const before = verifier(ids.sara!);
    expect(before).toBeTruthy();
    expect(await signIn('sara', PASSWORD)).toMatchObject({ ok: true });
    // Not hashed and written again on every online sign-in (a salted hash would differ).
    expect(verifier(ids.sara!)).toBe(before);
  });

  it('with the server down, the cached verifier opens the desk, and a wrong password is still refused', async () => {
    await server.down();
    try {
      expect(await signIn('sara', 'not-her-password')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await signIn('sara', PASSWORD)).toMatchObject({ ok: true, value: { user: { id: ids.sara } } });
    } finally {
      await server.up();
    }
  });

  it('a server that takes the connection but never answers is given up after the timeout, and the desk decides alone', async () => {
    await server.down();
    const port = Number(new URL(server.url).port);
    const held: Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      expect(await signIn('sara', PASSWORD)).toMatchObject({ ok: true, value: { user: { id: ids.sara } } });
      expect(held.length).toBeGreaterThan(0); // the desk did ask
    } finally {
      for (const s of held) s.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await server.up();
    }
  });

  it('a user disabled on the server is refused online, by sign-in and by unlock, even with the password this desk knows', async () => {
    expect(await signIn('nima', PASSWORD)).toMatchObject({ ok: true });
    await lock();
    await server.app.organisation.disableUser('nima');
    const unlocked = await unlock(PASSWORD);
    expect(unlocked).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(unlocked.error!.message).toContain('روی سرور غیرفعال');
    expect(await signIn('nima', PASSWORD)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(desk.userId()).toBeNull();
  });

  it('unlock asks the server too: after a change there the old password no longer unlocks', async () => {
    expect(await signIn('sara', PASSWORD)).toMatchObject({ ok: true });
    await lock();
    await server.app.organisation.setPassword('sara', 'saras-new-password');
    expect(await unlock(PASSWORD)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await unlock('saras-new-password')).toMatchObject({ ok: true, value: { state: 'signed-in', user: { id: ids.sara } } });
  });

  it('a server that asks a username to wait after wrong guesses refuses it at the desk too, with the wait, and the cached verifier is not asked', async () => {
    expect(await signIn('leila', PASSWORD)).toMatchObject({ ok: true });
    expect(verifier(ids.leila!)).toMatch(/^\$scrypt\$/); // the desk could open for her offline
    // Someone guesses her password at the server directly, not through this desk. The server's
    // clock stands still from here, so its first 1 s wait cannot run out before the desk asks.
    heldAt = Date.now();
    for (let i = 0; i < DEFAULT_BACKOFF.free; i++) {
      const res = await fetch(`${server.url}/auth/verify`, { method: 'POST', headers: new RawDesk(server.url, 'guesser').headers(), body: JSON.stringify({ username: 'leila', password: `guess-${i}` }) });
      expect(res.status).toBe(401);
    }
    await signOut();
    const refused = await signIn('leila', PASSWORD);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(refused.error!.message).toMatch(/به سرور داده شد\. [۰-۹]+ ثانیهٔ دیگر دوباره امتحان کنید/);
    expect(desk.userId()).toBeNull();
    heldAt = null;
  });

  it('the desk’s own administrator from before it joined the server is judged by the desk alone', async () => {
    expect(await signIn('admin', ADMIN_PASSWORD)).toMatchObject({ ok: true, value: { state: 'signed-in' } });
  });
});
