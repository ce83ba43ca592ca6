import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminId, fails, ok, snapshot, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
beforeAll(async () => {
  t = await startBackend('organisation');
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('organisation', () => {
  it('creates a position, a department with a sub-group, and a user in them with a role', async () => {
    const position = await ok(t.backend, 'organisation.createPosition', { title: '  کارشناس فروش ' });
    expect(position).toEqual({ id: expect.any(String), title: 'کارشناس فروش' });

    const sales = await ok(t.backend, 'organisation.createGroup', { name: 'فروش', kind: 'department' });
    expect(sales).toEqual({ id: expect.any(String), name: 'فروش', kind: 'department', parentId: null, memberIds: [] });
    const team = await ok(t.backend, 'organisation.createGroup', { name: 'تیم شمال', kind: 'group', parentId: sales.id });
    expect(team.parentId).toBe(sales.id);

    const roles = (await ok(t.backend, 'organisation.get', {})).roles;
    const receptionist = roles.find((r) => r.name === 'منشی')!;
    const user = await ok(t.backend, 'organisation.createUser', {
      username: 'Neda',
      displayName: 'ندا',
      email: 'Neda@Example.com',
      mobile: '09120001122',
      extension: '204',
      positionId: position.id,
      roleIds: [receptionist.id, receptionist.id],
      groupIds: [sales.id, team.id],
    });
    expect(user).toEqual({
      id: expect.any(String),
      username: 'neda',
      displayName: 'ندا',
      email: 'neda@example.com',
      mobile: '09120001122',
      extension: '204',
      position: { id: position.id, title: 'کارشناس فروش' },
      roleIds: [receptionist.id],
      groupIds: expect.arrayContaining([sales.id, team.id]),
      active: true,
    });

    const org = await ok(t.backend, 'organisation.get', {});
    expect(org.groups.find((g) => g.id === sales.id)?.memberIds).toEqual([user.id]);
    expect(org.positions).toEqual([position]);
    expect(org.users.map((u) => u.username).sort()).toEqual(['admin', 'neda']);

    // Created with a group's members.
    const board = await ok(t.backend, 'organisation.createGroup', { name: 'هیئت مدیره', kind: 'group', memberIds: [user.id, adminId(t.backend)] });
    expect(board.memberIds.sort()).toEqual([user.id, adminId(t.backend)].sort());
  });

  it('every creation is one outbox transaction authored by the signed-in user', async () => {
    const seq = t.backend.db.prepare('SELECT max(seq) FROM outbox').pluck().get() as number;
    const g = await ok(t.backend, 'organisation.createGroup', { name: 'پشتیبانی', kind: 'department', memberIds: [adminId(t.backend)] });
    const rows = t.backend.db.prepare('SELECT tx_id, table_name, author, root_id FROM outbox WHERE seq > ?').all(seq) as {
      tx_id: string;
      table_name: string;
      author: string;
      root_id: string;
    }[];
    expect(rows.map((r) => r.table_name)).toEqual(['groups', 'group_members']);
    expect(new Set(rows.map((r) => r.tx_id)).size).toBe(1);
    for (const r of rows) expect(r).toMatchObject({ author: adminId(t.backend), root_id: g.id });
  });

  it('a username is unique (case-insensitively) and the refusal writes nothing', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'organisation.createUser', { username: 'NEDA', displayName: 'ندای دیگر' });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.[0]?.path).toEqual(['username']);
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it.each([
    ['roleIds', { roleIds: ['0195b0a0-0000-7000-8000-00000000abcd'] }],
    ['groupIds', { groupIds: ['0195b0a0-0000-7000-8000-00000000abcd'] }],
    ['positionId', { positionId: '0195b0a0-0000-7000-8000-00000000abcd' }],
  ])('a user with an unknown %s is invalid-input and nothing is written', async (field, extra) => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'organisation.createUser', { username: `user-${field.toLowerCase()}`, displayName: 'کاربر', ...extra });
    expect(e.code).toBe('invalid-input');
    expect(e.issues?.[0]?.path).toEqual([field]);
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it('a group with an unknown parent or member is invalid-input and nothing is written', async () => {
    const before = snapshot(t.backend.db);
    const missing = '0195b0a0-0000-7000-8000-00000000abcd';
    expect((await fails(t.backend, 'organisation.createGroup', { name: 'x', kind: 'group', parentId: missing })).issues?.[0]?.path).toEqual([
      'parentId',
    ]);
    expect((await fails(t.backend, 'organisation.createGroup', { name: 'x', kind: 'group', memberIds: [missing] })).issues?.[0]?.path).toEqual([
      'memberIds',
    ]);
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it('creates roles and rooms', async () => {
    const role = await ok(t.backend, 'organisation.createRole', { name: 'حسابرس', permissions: ['history.read', 'identities.read'] });
    expect(role).toEqual({ id: expect.any(String), name: 'حسابرس', permissions: ['history.read', 'identities.read'] });
    const room = await ok(t.backend, 'organisation.createRoom', { name: 'اتاق جلسات', capacity: 12, location: 'طبقه دوم' });
    expect(room).toEqual({ id: expect.any(String), name: 'اتاق جلسات', capacity: 12, location: 'طبقه دوم', equipment: [] });
    const bare = await ok(t.backend, 'organisation.createRoom', { name: 'انباری' });
    expect(bare).toMatchObject({ capacity: null, location: null });
    const org = await ok(t.backend, 'organisation.get', {});
    expect(org.roles).toContainEqual(role);
    expect(org.rooms).toEqual(expect.arrayContaining([room, bare]));
  });

  it('refuses a role with a permission no capability declares, points at it, and writes nothing', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'organisation.createRole', {
      name: 'ناشناس',
      permissions: ['identities.read', 'identities.read', 'identities.drop', 'history.read', 'calls.listen'],
    });
    expect(e).toMatchObject({ code: 'invalid-input' });
    // The paths are those of the input as sent, duplicates included.
    expect(e.issues).toEqual([
      { path: ['permissions', 2], message: 'این مجوز شناخته‌شده نیست.' },
      { path: ['permissions', 4], message: 'این مجوز شناخته‌شده نیست.' },
    ]);
    expect(snapshot(t.backend.db)).toEqual(before);
  });

  it('app.info counts users and pending changes', async () => {
    const info = await ok(t.backend, 'app.info', {});
    expect(info.counts.users).toBe(2);
    expect(info.counts.pendingChanges).toBe(t.backend.db.prepare('SELECT count(*) FROM outbox').pluck().get());
    expect(info.dataDir).toBe(t.dataDir);
    expect(info.databaseFile.startsWith(t.dataDir)).toBe(true);
  });
});
