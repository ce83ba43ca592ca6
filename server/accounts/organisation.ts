import { v7 as uuidv7 } from 'uuid';
import type { Value } from '../../db/sync/protocol';
import type { Sql } from '../database/database';
import type { ChangeLog } from '../sync/change-log';
import { tableRows, type RowState } from '../sync/rows';
import { SignInAttempts } from './attempts';
import { hashPassword } from './passwords';
import type { Tokens } from './tokens';

export class AdminError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminError';
  }
}

const USERNAME = /^[a-z0-9._-]{2,40}$/i;
const PERMISSION = /^[a-z][a-zA-Z]*(\.[a-zA-Z]+)+$/;

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  roles: string[];
  groups: string[];
}

/**
 * Users, groups and roles on the server: what the admin command manages. Accounts (the
 * password side) live in the server's own table; everything a desk shows (the user's name,
 * roles, groups) is written as ordinary synced rows through the change log, so every desk
 * receives it with its next pull.
 */
export class Organisation {
  constructor(
    private readonly log: ChangeLog,
    private readonly tokens: (sql: Sql) => Tokens,
    private readonly now: () => number,
  ) {}

  async createUser(input: {
    username: string;
    displayName: string;
    password: string;
    email?: string | undefined;
    roles?: string[] | undefined;
    groups?: string[] | undefined;
  }): Promise<UserSummary> {
    if (!USERNAME.test(input.username)) {
      throw new AdminError('نام کاربری ۲ تا ۴۰ حرف لاتین، رقم، نقطه، خط تیره یا زیرخط است. / A username has 2–40 Latin letters, digits, dots, dashes or underscores.');
    }
    if (input.password.length < 8) throw new AdminError('گذرواژه دست‌کم ۸ نویسه است. / A password has at least 8 characters.');
    if (!input.displayName.trim()) throw new AdminError('نام نمایشی لازم است. / A display name is needed.');
    const hash = await hashPassword(input.password);
    return this.log.transaction(async (tx) => {
      if (await tx.get('SELECT 1 FROM accounts WHERE username = ?', [input.username])) {
        throw new AdminError(`نام کاربری «${input.username}» قبلاً ثبت شده است. / The username “${input.username}” is taken.`);
      }
      const userId = uuidv7();
      const roles = await this.named(tx, 'roles', 'name', input.roles ?? []);
      const groups = await this.named(tx, 'groups', 'name', input.groups ?? []);
      await tx.run('INSERT INTO accounts (user_id, username, password_hash, created_at) VALUES (?, ?, ?, ?)', [
        userId,
        input.username,
        hash,
        this.now(),
      ]);
      await this.write(tx, [
        { table: 'users', rowId: userId, op: 'insert', fields: { username: input.username, display_name: input.displayName.trim(), active: 1, ...(input.email ? { email: input.email } : {}) } },
        ...roles.map((r) => ({ table: 'user_roles', rowId: uuidv7(), op: 'insert' as const, fields: { user_id: userId, role_id: r.rowId } })),
        ...groups.map((g) => ({ table: 'group_members', rowId: uuidv7(), op: 'insert' as const, fields: { group_id: g.rowId, user_id: userId } })),
      ]);
      return this.summary(tx, userId);
    });
  }

  async setPassword(username: string, password: string): Promise<void> {
    if (password.length < 8) throw new AdminError('گذرواژه دست‌کم ۸ نویسه است. / A password has at least 8 characters.');
    const hash = await hashPassword(password);
    await this.log.transaction(async (tx) => {
      const userId = await this.userId(tx, username);
      await tx.run('UPDATE accounts SET password_hash = ? WHERE user_id = ?', [hash, userId]);
      // A reset password is a fresh start: the wrong guesses at the old one no longer count.
      await new SignInAttempts(tx, Date.now).clear(username);
      await this.tokens(tx).revokeAllOf(userId);
    });
  }

  /** Disables sign-in, ends every session and marks the user inactive on every desk. */
  async disableUser(username: string): Promise<void> {
    await this.log.transaction(async (tx) => {
      const userId = await this.userId(tx, username);
      await tx.run('UPDATE accounts SET disabled_at = ? WHERE user_id = ?', [this.now(), userId]);
      await this.tokens(tx).revokeAllOf(userId);
      await this.write(tx, [{ table: 'users', rowId: userId, op: 'update', fields: { active: 0 } }]);
    });
  }

  async createRole(name: string, permissions: string[]): Promise<{ id: string; name: string; permissions: string[] }> {
    const bad = permissions.filter((p) => !PERMISSION.test(p));
    if (bad.length > 0) throw new AdminError(`نام مجوز درست نیست: ${bad.join(', ')} / Not a permission name: ${bad.join(', ')}`);
    if (!name.trim()) throw new AdminError('نام نقش لازم است. / A role name is needed.');
    return this.log.transaction(async (tx) => {
      if ((await tableRows(tx, 'roles')).some((r) => r.fields.name === name.trim())) {
        throw new AdminError(`نقش «${name}» وجود دارد. / The role “${name}” exists.`);
      }
      const id = uuidv7();
      const list = [...new Set(permissions)];
      await this.write(tx, [{ table: 'roles', rowId: id, op: 'insert', fields: { name: name.trim(), permissions: JSON.stringify(list) } }]);
      return { id, name: name.trim(), permissions: list };
    });
  }

  async grantRole(username: string, roleName: string): Promise<void> {
    await this.log.transaction(async (tx) => {
      const userId = await this.userId(tx, username);
      const [role] = await this.named(tx, 'roles', 'name', [roleName]);
      const has = (await tableRows(tx, 'user_roles')).some((r) => r.fields.user_id === userId && r.fields.role_id === role!.rowId);
      if (!has) await this.write(tx, [{ table: 'user_roles', rowId: uuidv7(), op: 'insert', fields: { user_id: userId, role_id: role!.rowId } }]);
    });
  }

  async revokeRole(username: string, roleName: string): Promise<void> {
    await this.log.transaction(async (tx) => {
      const userId = await this.userId(tx, username);
      const [role] = await this.named(tx, 'roles', 'name', [roleName]);
      const grants = (await tableRows(tx, 'user_roles')).filter((r) => r.fields.user_id === userId && r.fields.role_id === role!.rowId);
      await this.write(tx, grants.map((g) => ({ table: 'user_roles', rowId: g.rowId, op: 'delete' as const, fields: { deleted_at: this.now() } })));
    });
  }

  async createGroup(name: string, kind: 'group' | 'department', parent?: string): Promise<{ id: string; name: string }> {
    if (!name.trim()) throw new AdminError('نام گروه لازم است. / A group name is needed.');
    return this.log.transaction(async (tx) => {
      if ((await tableRows(tx, 'groups')).some((g) => g.fields.name === name.trim())) {
        throw new AdminError(`گروه «${name}» وجود دارد. / The group “${name}” exists.`);
      }
      const parentRow = parent ? (await this.named(tx, 'groups', 'name', [parent]))[0] : undefined;
      const id = uuidv7();
      await this.write(tx, [
        { table: 'groups', rowId: id, op: 'insert', fields: { name: name.trim(), kind, ...(parentRow ? { parent_id: parentRow.rowId } : {}) } },
      ]);
      return { id, name: name.trim() };
    });
  }

  async addMember(groupName: string, username: string): Promise<void> {
    await this.log.transaction(async (tx) => {
      const userId = await this.userId(tx, username);
      const [group] = await this.named(tx, 'groups', 'name', [groupName]);
      const has = (await tableRows(tx, 'group_members')).some((m) => m.fields.group_id === group!.rowId && m.fields.user_id === userId);
      if (!has) await this.write(tx, [{ table: 'group_members', rowId: uuidv7(), op: 'insert', fields: { group_id: group!.rowId, user_id: userId } }]);
    });
  }

  async users(): Promise<UserSummary[]> {
    return this.log.transaction(async (tx) => {
      const ids = await tx.all<{ user_id: string }>('SELECT user_id FROM accounts ORDER BY username');
      return Promise.all(ids.map((r) => this.summary(tx, r.user_id)));
    });
  }

  async roles(): Promise<{ id: string; name: string; permissions: string[] }[]> {
    return this.log.transaction(async (tx) =>
      (await tableRows(tx, 'roles')).map((r) => ({ id: r.rowId, name: String(r.fields.name), permissions: JSON.parse(String(r.fields.permissions)) as string[] })),
    );
  }

  async groups(): Promise<{ id: string; name: string; kind: string; members: string[] }[]> {
    return this.log.transaction(async (tx) => {
      const members = await tableRows(tx, 'group_members');
      return (await tableRows(tx, 'groups')).map((g) => ({
        id: g.rowId,
        name: String(g.fields.name),
        kind: String(g.fields.kind),
        members: members.filter((m) => m.fields.group_id === g.rowId).map((m) => String(m.fields.user_id)),
      }));
    });
  }

  async revokeSessions(username: string): Promise<number> {
    return this.log.transaction(async (tx) => this.tokens(tx).revokeAllOf(await this.userId(tx, username)));
  }

  private async write(
    tx: Sql,
    changes: { table: string; rowId: string; op: 'insert' | 'update' | 'delete'; fields: Record<string, Value> }[],
  ): Promise<void> {
    if (changes.length === 0) return;
    const results = await this.log.write(tx, { userId: null }, changes);
    const refused = results.find((r) => r.status === 'rejected');
    if (refused && refused.status === 'rejected') throw new AdminError(`${refused.reason.message.fa} / ${refused.reason.message.en}`);
  }

  private async userId(tx: Sql, username: string): Promise<string> {
    const row = await tx.get<{ user_id: string }>('SELECT user_id FROM accounts WHERE username = ?', [username]);
    if (!row) throw new AdminError(`کاربر «${username}» پیدا نشد. / No user “${username}”.`);
    return row.user_id;
  }

  private async named(tx: Sql, table: string, column: string, names: string[]): Promise<RowState[]> {
    const rows = await tableRows(tx, table);
    return names.map((n) => {
      const row = rows.find((r) => r.fields[column] === n);
      if (!row) throw new AdminError(`«${n}» در ${table} پیدا نشد. / “${n}” not found in ${table}.`);
      return row;
    });
  }

  private async summary(tx: Sql, userId: string): Promise<UserSummary> {
    const account = await tx.get<{ username: string; disabled_at: number | null }>('SELECT username, disabled_at FROM accounts WHERE user_id = ?', [userId]);
    const user = (await tx.get<{ fields: string }>("SELECT fields FROM rows WHERE table_name = 'users' AND row_id = ?", [userId]))!;
    const fields = JSON.parse(user.fields) as Record<string, Value>;
    const roles = await tableRows(tx, 'roles');
    const groups = await tableRows(tx, 'groups');
    return {
      id: userId,
      username: account!.username,
      displayName: String(fields.display_name),
      active: account!.disabled_at === null && fields.active !== 0,
      roles: (await tableRows(tx, 'user_roles'))
        .filter((r) => r.fields.user_id === userId)
        .map((r) => String(roles.find((x) => x.rowId === r.fields.role_id)?.fields.name ?? r.fields.role_id)),
      groups: (await tableRows(tx, 'group_members'))
        .filter((m) => m.fields.user_id === userId)
        .map((m) => String(groups.find((g) => g.rowId === m.fields.group_id)?.fields.name ?? m.fields.group_id)),
    };
  }
}

