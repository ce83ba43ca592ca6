import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileLogger } from '../../main/api/log';
import type { OrganisationService } from '../../main/organisation/service';
import type { SessionService } from '../../main/session/service';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { hashPassword, needsRehash, parseHash, TEST_COST, verifyPassword } from '../../main/session/passwords';
import { waitAfterFailures } from '../../main/session/service';
import type { ServerFrame } from '../../main/api/rpc';
import { ADMIN_PASSWORD, START, TEST_CAPABILITY_OPTIONS, fails, ok, startBackend, tempDir, type TestBackend } from '../api/backend-fixture';
import { fixedClock } from '../../db/ids';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A backend with the administrator and a receptionist, both with passwords. */
async function desk(label: string): Promise<TestBackend & { receptionistId: string }> {
  const t = await startBackend(label);
  dirs.push(t.dataDir);
  const org = await ok(t.backend, 'organisation.get', {});
  const role = org.roles.find((r) => r.name === 'منشی')!;
  const user = await ok(t.backend, 'organisation.createUser', { username: 'reception', displayName: 'مریم', roleIds: [role.id] });
  await ok(t.backend, 'session.setPassword', { userId: user.id, password: 'reception-pass' });
  return { ...t, receptionistId: user.id };
}

describe('passwords', () => {
  it('are salted scrypt hashes with their cost written in; the same password hashes differently every time', () => {
    const a = hashPassword('گذرواژهٔ من', TEST_COST);
    const b = hashPassword('گذرواژهٔ من', TEST_COST);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(a).not.toBe(b);
    expect(verifyPassword('گذرواژهٔ من', a)).toBe(true);
    expect(verifyPassword('گذرواژهٔ من', b)).toBe(true);
    expect(verifyPassword('گذرواژه من', a)).toBe(false);
    expect(verifyPassword('', a)).toBe(false);
  });

  it('compare as NFC text, keep spaces, and refuse unreadable or tampered hashes', () => {
    const h = hashPassword('caf\u00e9 1234', TEST_COST);
    expect(verifyPassword('cafe\u0301 1234', h)).toBe(true);
    expect(verifyPassword('café 1234 ', h)).toBe(false);
    for (const bad of ['', 'plain', h.replace('ln=10', 'ln=30'), h.replace('$scrypt$', '$argon2$'), h.slice(0, -10)]) {
      expect(verifyPassword('café 1234', bad), bad).toBe(false);
    }
    expect(parseHash(h.replace('ln=10', 'ln=30'))).toBeNull();
  });

  it('a hash cheaper than today’s cost is marked for re-hashing', () => {
    expect(needsRehash(hashPassword('x', TEST_COST), { ln: 15, r: 8, p: 1 })).toBe(true);
    expect(needsRehash(hashPassword('x', TEST_COST), TEST_COST)).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });

  it('wrong attempts wait 0, 0, 1 s, 2 s, 4 s … up to 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(waitAfterFailures)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(waitAfterFailures(30)).toBe(300_000);
  });
});

describe('the first start', () => {
  it('asks the administrator to choose a password; until then nothing can be read or written', async () => {
    const dir = tempDir('first-start');
    dirs.push(dir);
    const logFile = join(dir, 'logs', 'backend.log');
    const backend = await createBackend({ dataDir: dir, clock: fixedClock(START), capabilityOptions: TEST_CAPABILITY_OPTIONS, logger: fileLogger(logFile) });
    try {
      expect(await ok(backend, 'session.get', {})).toEqual({ state: 'setup', user: null, permissions: [], lastUsername: null });
      expect((await fails(backend, 'identities.list', {})).code).toBe('forbidden');
      expect((await fails(backend, 'organisation.get', {})).code).toBe('forbidden');
      // Nobody can sign in yet, not even the administrator without a password.
      expect((await fails(backend, 'session.signIn', { username: 'admin', password: 'anything-1' })).code).toBe('forbidden');
      const short = await fails(backend, 'session.setUp', { password: 'short' });
      expect(short.code).toBe('invalid-input');
      expect(short.issues?.[0]?.message).toBe('گذرواژه باید دست‌کم ۸ نویسه باشد.');
      const session = await ok(backend, 'session.setUp', { password: 'admin-password-1' });
      expect(session).toMatchObject({ state: 'signed-in', user: { username: 'admin' }, lastUsername: 'admin' });
      expect(session.permissions).toContain('organisation.manage');
      expect((await fails(backend, 'session.setUp', { password: 'another-password' })).code).toBe('conflict');
      // The hash is in the device-local table, never in the outbox or the log.
      const stored = backend.db.prepare('SELECT password_hash FROM user_credentials').pluck().get() as string;
      expect(stored).toMatch(/^\$scrypt\$/);
      expect(backend.db.prepare("SELECT count(*) FROM outbox WHERE fields LIKE '%scrypt%' OR fields LIKE '%admin-password-1%'").pluck().get()).toBe(0);
      expect(readFileSync(logFile, 'utf8')).not.toMatch(/admin-password-1|\$scrypt\$/);
    } finally {
      await backend.close();
    }
  });
});

describe('signing in', () => {
  it('switching user needs the target’s password; a wrong one leaves the session as it was and is logged without the password', async () => {
    const t = await desk('switch');
    try {
      const wrong = await fails(t.backend, 'session.signIn', { username: 'reception', password: 'not-her-password' });
      expect(wrong).toEqual({ code: 'forbidden', message: 'نام کاربری یا گذرواژه درست نیست.' });
      expect((await ok(t.backend, 'session.get', {})).user?.username).toBe('admin');
      const log = readFileSync(join(t.dataDir, 'logs', 'backend.log'), 'utf8');
      expect(log).toMatch(/"message":"sign-in with a wrong password","username":"reception","failures":1/);
      expect(log).not.toContain('not-her-password');
      const frames: ServerFrame[] = [];
      const peer = t.peers.connect((f) => frames.push(f));
      const s = await ok(t.backend, 'session.signIn', { username: 'Reception', password: 'reception-pass' });
      peer.close();
      expect(s).toMatchObject({ state: 'signed-in', user: { id: t.receptionistId }, lastUsername: 'reception' });
      expect(frames).toContainEqual({ t: 'event', event: 'session.changed', payload: { state: 'signed-in', userId: t.receptionistId } });
    } finally {
      await t.backend.close();
    }
  });

  it('wrong passwords slow down: the third in a row makes the next attempt wait, even with the right password; waiting ends it', async () => {
    const t = await desk('backoff');
    try {
      for (let i = 0; i < 3; i++) expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: `wrong-${i}` })).code).toBe('forbidden');
      const refused = await fails(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      expect(refused).toEqual({ code: 'forbidden', message: 'چند بار پشت سر هم گذرواژهٔ نادرست وارد شد. ۱ ثانیهٔ دیگر دوباره امتحان کنید.' });
      t.clock.advance(1000);
      expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: 'wrong-3' })).code).toBe('forbidden');
      const longer = await fails(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      expect(longer.message).toContain('۲ ثانیه');
      t.clock.advance(2000);
      expect((await ok(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).user?.username).toBe('reception');
      // Success forgets the count.
      await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
      expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: 'wrong-again' })).message).not.toMatch(/ثانیه/);
      // Waiting is per user: the administrator was never slowed down.
      expect(t.backend.service<SessionService>('session').session().user?.username).toBe('admin');
    } finally {
      await t.backend.close();
    }
  });

  it('the wait survives a restart, and unknown names are slowed down the same way', async () => {
    const t = await desk('backoff-restart');
    for (let i = 0; i < 4; i++) await fails(t.backend, 'session.signIn', { username: 'reception', password: `wrong-${i}` });
    for (let i = 0; i < 3; i++) await fails(t.backend, 'session.signIn', { username: 'ghost', password: `wrong-${i}` });
    expect((await fails(t.backend, 'session.signIn', { username: 'ghost', password: 'wrong-x' })).message).toMatch(/ثانیه/);
    await t.backend.close();
    const again = await startBackend('backoff-restart', t.dataDir);
    try {
      // Three counted (the fourth came during the wait and was refused unchecked): one second to wait, after the restart too.
      expect((await fails(again.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).message).toContain('۱ ثانیه');
      again.clock.advance(1000);
      expect((await ok(again.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).state).toBe('signed-in');
    } finally {
      await again.backend.close();
    }
  });

  it('a user without a password, or an inactive one, cannot sign in', async () => {
    const t = await desk('nopass');
    try {
      await ok(t.backend, 'organisation.createUser', { username: 'nopass', displayName: 'بی‌گذرواژه' });
      expect((await fails(t.backend, 'session.signIn', { username: 'nopass', password: 'whatever-1' })).message).toMatch(/هنوز گذرواژه‌ای تعیین نشده/);
      t.backend.store.write(null, (w) => w.update('users', t.receptionistId, { active: 0 }));
      expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).message).toBe('نام کاربری یا گذرواژه درست نیست.');
    } finally {
      await t.backend.close();
    }
  });
});

describe('locking the desk', () => {
  it('locks every window: nothing can be read until the same user unlocks with their password; someone else may sign in instead', async () => {
    const t = await desk('lock');
    try {
      expect(await ok(t.backend, 'session.lock', {})).toMatchObject({ state: 'locked', user: { username: 'admin' }, permissions: [] });
      expect((await fails(t.backend, 'identities.list', {})).code).toBe('forbidden');
      expect((await fails(t.backend, 'identities.create', { kind: 'person', firstName: 'قفل' })).code).toBe('forbidden');
      expect((await fails(t.backend, 'session.unlock', { password: 'reception-pass' })).code).toBe('forbidden');
      expect((await ok(t.backend, 'session.get', {})).state).toBe('locked');
      expect((await ok(t.backend, 'session.unlock', { password: ADMIN_PASSWORD })).state).toBe('signed-in');
      expect((await ok(t.backend, 'identities.list', {})).items).toBeDefined();

      await ok(t.backend, 'session.lock', {});
      const other = await ok(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      expect(other).toMatchObject({ state: 'signed-in', user: { username: 'reception' } });
      expect((await fails(t.backend, 'session.unlock', { password: 'reception-pass' })).code).toBe('conflict');
    } finally {
      await t.backend.close();
    }
  });

  it('signing out leaves nobody; signing in again needs a password', async () => {
    const t = await desk('signout');
    try {
      expect(await ok(t.backend, 'session.signOut', {})).toMatchObject({ state: 'signed-out', user: null, permissions: [], lastUsername: 'admin' });
      expect((await fails(t.backend, 'identities.list', {})).code).toBe('forbidden');
      expect((await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD })).state).toBe('signed-in');
    } finally {
      await t.backend.close();
    }
  });
});

describe('passwords are managed', () => {
  it('an administrator resets a user’s password (and their wait); a receptionist may not', async () => {
    const t = await desk('reset');
    try {
      for (let i = 0; i < 5; i++) await fails(t.backend, 'session.signIn', { username: 'reception', password: `forgot-${i}` });
      expect(await ok(t.backend, 'session.setPassword', { userId: t.receptionistId, password: 'new-reception-1' })).toEqual({ userId: t.receptionistId });
      expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).code).toBe('forbidden');
      await ok(t.backend, 'session.signIn', { username: 'reception', password: 'new-reception-1' });
      const e = await fails(t.backend, 'session.setPassword', { userId: t.receptionistId, password: 'self-chosen-1' });
      expect(e.code).toBe('forbidden');
      expect((await fails(t.backend, 'session.setPassword', { userId: t.clock.newId(), password: 'x'.repeat(8) })).code).toBe('forbidden');
    } finally {
      await t.backend.close();
    }
  });

  it('a user changes their own password after giving the current one', async () => {
    const t = await desk('change');
    try {
      await ok(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      const wrong = await fails(t.backend, 'session.changePassword', { current: 'not-it', next: 'brand-new-pass' });
      expect(wrong.code).toBe('invalid-input');
      expect(wrong.issues).toEqual([{ path: ['current'], message: 'گذرواژهٔ فعلی درست نیست.' }]);
      await ok(t.backend, 'session.changePassword', { current: 'reception-pass', next: 'brand-new-pass' });
      await ok(t.backend, 'session.signOut', {});
      expect((await fails(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' })).code).toBe('forbidden');
      expect((await ok(t.backend, 'session.signIn', { username: 'reception', password: 'brand-new-pass' })).state).toBe('signed-in');
      await ok(t.backend, 'session.signOut', {});
      expect((await fails(t.backend, 'session.changePassword', { current: 'brand-new-pass', next: 'another-one-1' })).code).toBe('forbidden');
    } finally {
      await t.backend.close();
    }
  });

  it('a cheaper (older) hash is upgraded at the next successful sign-in', async () => {
    const t = await desk('rehash');
    try {
      // Written as a version with a lower cost would have.
      t.backend.db.prepare('UPDATE user_credentials SET password_hash = ? WHERE user_id = ?').run(hashPassword('reception-pass', { ln: 4, r: 8, p: 1 }), t.receptionistId);
      await ok(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      const now = t.backend.db.prepare('SELECT password_hash FROM user_credentials WHERE user_id = ?').pluck().get(t.receptionistId) as string;
      expect(parseHash(now)?.cost).toEqual(TEST_COST);
    } finally {
      await t.backend.close();
    }
  });
});

describe('the outbox author', () => {
  it('is always the user signed in when the change was made', async () => {
    const t = await desk('author');
    try {
      const start = t.backend.db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
      await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'از', lastName: 'مدیر' });
      await ok(t.backend, 'session.signIn', { username: 'reception', password: 'reception-pass' });
      const made = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'از', lastName: 'منشی', phones: [{ kind: 'mobile', number: '09121112233' }] });
      await ok(t.backend, 'notes.create', { identityId: made.id, body: 'تماس گرفت' });
      await ok(t.backend, 'session.lock', {});
      await fails(t.backend, 'identities.create', { kind: 'person', firstName: 'قفل' });
      await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
      await ok(t.backend, 'identities.delete', { id: made.id });
      const authors = t.backend.db
        .prepare('SELECT table_name, op, author FROM outbox WHERE seq > ? ORDER BY seq')
        .all(start) as { table_name: string; op: string; author: string | null }[];
      const admin = t.backend.service<OrganisationService>('organisation').accountByUsername('admin')!.id;
      expect(authors.map((a) => a.author)).toEqual([
        admin, // identity
        t.receptionistId, // identity
        t.receptionistId, // its phone
        t.receptionistId, // note
        admin, // delete
      ]);
      expect(authors.every((a) => a.author !== null)).toBe(true);
    } finally {
      await t.backend.close();
    }
  });
});
