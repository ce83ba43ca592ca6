import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Capability } from '../../main/api/capability';
import { CAPABILITIES } from '../../main/capabilities';
import type { Events } from '../../main/contract';
import { BUILT_IN_ROLES } from '../../main/organisation/roles';
import type { ServerFrame } from '../../main/api/rpc';
import { ADMIN_PASSWORD, adminId, fails, ok, snapshot, startBackend, type TestBackend } from '../api/backend-fixture';

const STAFF_PASSWORD = 'staff-password-1';

/** Every permission the manifests declare: the administrator has them all. */
const PERMISSIONS = (CAPABILITIES as readonly Capability<string, unknown>[]).flatMap((c) => Object.keys(c.permissions ?? {}));
/** What the manifests grant the staff role: read access (and what later capabilities give staff). */
const STAFF = (CAPABILITIES as readonly Capability<string, unknown>[])
  .flatMap((c) => Object.entries(c.permissions ?? {}))
  .filter(([, roles]) => roles.includes('staff'))
  .map(([p]) => p)
  .sort();
/** What staff must never hold. */
const WRITES = ['identities.write', 'identities.delete', 'organisation.manage', 'settings.manage', 'notes.write'];

let t: TestBackend;
let staffId = '';
let existingIdentity = '';

beforeAll(async () => {
  t = await startBackend('permissions');
  existingIdentity = (await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'مشتری', lastName: 'قدیمی' })).id;
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('built-in roles', () => {
  it('a new store has the built-in roles and an administrator who is signed in with every permission', async () => {
    const org = await ok(t.backend, 'organisation.get', {});
    expect(org.roles.map((r) => r.name).sort()).toEqual(BUILT_IN_ROLES.map((r) => r.name).sort());
    expect(org.users.map((u) => u.username)).toEqual(['admin']);
    const session = await ok(t.backend, 'session.get', {});
    expect(session.user?.id).toBe(adminId(t.backend));
    expect(session.user?.displayName).toBe('مدیر سیستم');
    expect(PERMISSIONS).toEqual(expect.arrayContaining(['identities.delete', 'organisation.manage', 'settings.manage', 'notes.write', 'history.read']));
    expect([...session.permissions].sort()).toEqual([...PERMISSIONS].sort());
  });
});

describe('a staff member (کارمند)', () => {
  it('is created by the administrator with the built-in staff role', async () => {
    const org = await ok(t.backend, 'organisation.get', {});
    const staffRole = org.roles.find((r) => r.name === 'کارمند');
    expect(staffRole?.permissions.sort()).toEqual(STAFF);
    expect(STAFF).toEqual(expect.arrayContaining(['history.read', 'identities.read', 'organisation.read']));
    expect(STAFF.filter((p) => WRITES.includes(p))).toEqual([]);
    const user = await ok(t.backend, 'organisation.createUser', {
      username: 'Staff.One',
      displayName: 'کارمند یکم',
      roleIds: [staffRole!.id],
    });
    await ok(t.backend, 'session.setPassword', { userId: user.id, password: STAFF_PASSWORD });
    expect(user).toMatchObject({ username: 'staff.one', displayName: 'کارمند یکم', roleIds: [staffRole!.id], active: true });
    staffId = user.id;
  });

  it('signs in, and the session (and a session.changed event) says who and what they may do', async () => {
    const frames: ServerFrame[] = [];
    const peer = t.peers.connect((f) => frames.push(f));
    const session = await ok(t.backend, 'session.signIn', { username: 'staff.one', password: STAFF_PASSWORD });
    peer.close();
    expect(session.user?.id).toBe(staffId);
    expect(session.permissions.sort()).toEqual(STAFF);
    expect((await ok(t.backend, 'session.get', {})).user?.username).toBe('staff.one');
    const changed = frames.find((f) => f.t === 'event' && f.event === 'session.changed');
    expect(changed).toEqual({ t: 'event', event: 'session.changed', payload: { state: 'signed-in', userId: staffId } satisfies Events['session.changed'] });
  });

  it.each([
    ['identities.create', () => ({ kind: 'person', firstName: 'ممنوع' })],
    ['identities.update', () => ({ id: existingIdentity, kind: 'person', firstName: 'ممنوع' })],
    ['identities.delete', () => ({ id: existingIdentity })],
    ['organisation.createUser', () => ({ username: 'sneaky', displayName: 'نفوذی' })],
    ['organisation.createRole', () => ({ name: 'همه‌کاره', permissions: [...PERMISSIONS] })],
    ['organisation.createGroup', () => ({ name: 'گروه', kind: 'group' })],
    ['organisation.createPosition', () => ({ title: 'سمت' })],
    ['organisation.createRoom', () => ({ name: 'اتاق' })],
    ['notes.create', () => ({ identityId: existingIdentity, body: 'یادداشت' })],
  ])('%s is forbidden and writes nothing', async (method, input) => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, method, input());
    expect(e).toEqual({ code: 'forbidden', message: 'شما اجازهٔ انجام این کار را ندارید.' });
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it('may read: list, get, lookup, timeline, organisation, dashboard', async () => {
    const list = await ok(t.backend, 'identities.list', {});
    expect(list.items.map((i) => i.id)).toContain(existingIdentity);
    expect((await ok(t.backend, 'identities.get', { id: existingIdentity })).displayName).toBe('مشتری قدیمی');
    expect((await ok(t.backend, 'identities.lookupPhone', { number: '09121234567' })).matches).toEqual([]);
    expect((await ok(t.backend, 'history.timeline', { identityId: existingIdentity })).items.length).toBeGreaterThan(0);
    expect((await ok(t.backend, 'organisation.get', {})).users).toHaveLength(2);
    expect((await ok(t.backend, 'dashboard.summary', {})).counts.persons).toBe(1);
  });

  it('an unknown user cannot be signed in, and the answer does not tell an unknown name from a wrong password', async () => {
    const before = snapshot(t.backend.db);
    const unknown = await fails(t.backend, 'session.signIn', { username: 'nobody', password: STAFF_PASSWORD });
    expect(unknown).toEqual({ code: 'forbidden', message: 'نام کاربری یا گذرواژه درست نیست.' });
    expect(snapshot(t.backend.db)).toEqual(before);
    expect((await ok(t.backend, 'session.get', {})).user?.id).toBe(staffId);
  });

  it('signing back in as the administrator restores every permission', async () => {
    const session = await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    expect(session.permissions.sort()).toEqual([...PERMISSIONS].sort());
    const created = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'مجاز' });
    expect(created.createdBy?.id).toBe(adminId(t.backend));
  });

  it('a role granted later takes effect for the signed-in user without restarting', async () => {
    const role = await ok(t.backend, 'organisation.createRole', { name: 'نویسنده', permissions: ['identities.write', 'identities.write'] });
    expect(role.permissions).toEqual(['identities.write']);
    const writer = await ok(t.backend, 'organisation.createUser', { username: 'writer', displayName: 'نویسنده', roleIds: [role.id] });
    await ok(t.backend, 'session.setPassword', { userId: writer.id, password: 'writer-password' });
    await ok(t.backend, 'session.signIn', { username: 'writer', password: 'writer-password' });
    try {
      expect((await ok(t.backend, 'session.get', {})).permissions).toEqual(['identities.write']);
      expect((await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'نوشته' })).createdBy?.id).toBe(writer.id);
      expect((await fails(t.backend, 'identities.list', {})).code).toBe('forbidden');
    } finally {
      await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    }
  });

  it('a restart of the backend asks for a password again; the store keeps its users and roles', async () => {
    await ok(t.backend, 'session.signIn', { username: 'staff.one', password: STAFF_PASSWORD });
    const dataDir = t.dataDir;
    await t.backend.close();
    t = await startBackend('permissions', dataDir); // signs the administrator in again, with the password
    await ok(t.backend, 'session.signOut', {});
    expect(await ok(t.backend, 'session.get', {})).toMatchObject({ state: 'signed-out', user: null, permissions: [] });
    expect((await fails(t.backend, 'identities.list', {})).code).toBe('forbidden');
    await ok(t.backend, 'session.signIn', { username: 'staff.one', password: STAFF_PASSWORD });
    expect((await ok(t.backend, 'session.get', {})).user?.id).toBe(staffId);
    expect((await fails(t.backend, 'identities.create', { kind: 'person', firstName: 'x' })).code).toBe('forbidden');
    // The bootstrap did not run twice.
    const org = await ok(t.backend, 'organisation.get', {});
    expect(org.roles.filter((r) => r.name === 'کارمند')).toHaveLength(1);
    expect(org.users.filter((u) => u.username === 'admin')).toHaveLength(1);
    await ok(t.backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
  });
});
