import type { BuiltInRole } from '../api/capability';
import { invalid, notFound, type KeyedIssue } from '../api/errors';
import type { MessageKey } from '../api/messages';
import type { Caller } from '../api/router';
import type { Store } from '../../db/writer';
import { BUILT_IN_ROLES } from './roles';
import { OrganisationStore, type ReferencedTable, type RoomRow, type UserRow } from './store';
import type { Group, Organisation, Position, Role, Room, User, UserRef } from './schema';
import type { z } from 'zod';
import type { GroupCreate, RoleCreate, RoomCreate, RoomUpdate, UserCreate } from './schema';

/** A user as sign-in sees one. */
export interface Account {
  id: string;
  username: string;
  active: boolean;
}

/**
 * Users, groups/departments, positions, roles and rooms. With no server this device's store
 * is the whole organisation; a first start creates the built-in roles and one administrator
 * (who then chooses a password: main/session).
 */
export class OrganisationService {
  /** The administrator made by this start's bootstrap (a new store), else null. */
  readonly createdAdminId: string | null;
  private readonly rows: OrganisationStore;

  constructor(
    private readonly store: Store,
    private readonly permissions: { all: readonly string[]; grants: Readonly<Record<BuiltInRole, readonly string[]>> },
  ) {
    this.rows = new OrganisationStore(store);
    this.createdAdminId = this.bootstrap();
  }

  /** First start: built-in roles (granted what every capability's manifest grants them) and an administrator. */
  private bootstrap(): string | null {
    if (this.rows.hasUsers()) return null;
    return this.store.write(null, (w) => {
      const roleIds = BUILT_IN_ROLES.map((r) =>
        w.insert('roles', { name: r.name, permissions: JSON.stringify(r.key === 'admin' ? this.permissions.all : this.permissions.grants[r.key]) }),
      );
      const admin = w.insert('users', { username: 'admin', display_name: 'مدیر سیستم', active: 1 });
      w.insert('user_roles', { user_id: admin, role_id: roleIds[0]! });
      return admin;
    });
  }

  /** An active user's id and permissions, or null for an unknown, deleted or inactive user. */
  activeUser(id: string): { id: string; permissions: string[] } | null {
    const user = this.userRow(id);
    return user && user.active ? { id: user.id, permissions: this.permissionsOf(user.id) } : null;
  }

  /**
   * Who a request acts as when it is made for this user (the session's signed-in user, a
   * reminder's owner, a call's answerer): their id and permissions; an unknown, deleted or
   * inactive user may do nothing.
   */
  callerOf(id: string | null): Caller {
    const user = id ? this.activeUser(id) : null;
    return { userId: user?.id ?? null, permissions: new Set(user?.permissions) };
  }

  /** A user as sign-in sees one (the session capability): id, username, active. */
  account(id: string): Account | undefined {
    const row = this.userRow(id);
    return row && { id: row.id, username: row.username, active: row.active === 1 };
  }

  accountByUsername(username: string): Account | undefined {
    const row = this.rows.userByUsername(username);
    return row && { id: row.id, username: row.username, active: row.active === 1 };
  }

  /** Resolves user ids to names for "created by …" lines; cheap enough to call per row. */
  userRef(userId: string | null): UserRef | null {
    if (!userId) return null;
    return { id: userId, displayName: this.rows.userName(userId) ?? '—' };
  }

  countUsers(): number {
    return this.rows.countUsers();
  }

  overview(): Organisation {
    return {
      users: this.rows.users().map((r) => this.toUser(r)),
      groups: this.rows.groups().map((g) => ({ id: g.id, name: g.name, kind: g.kind, parentId: g.parent_id, memberIds: this.rows.membersOf(g.id) })),
      positions: this.rows.positions(),
      roles: this.rows.roles().map((r) => ({ id: r.id, name: r.name, permissions: this.parsePermissions(r.permissions) })),
      rooms: this.rooms(),
    };
  }

  createUser(input: z.infer<typeof UserCreate>, author: string | null): User {
    if (this.rows.usernameTaken(input.username)) {
      throw invalid('username.taken', [{ path: ['username'], key: 'username.taken' }]);
    }
    const id = this.store.write(author, (w) => {
      if (input.positionId) this.mustExist('positions', input.positionId, ['positionId'], 'position.notFound');
      const userId = w.insert('users', {
        username: input.username,
        display_name: input.displayName,
        email: input.email ?? null,
        mobile: input.mobile ?? null,
        extension: input.extension ?? null,
        position_id: input.positionId ?? null,
        active: 1,
      });
      for (const roleId of new Set(input.roleIds)) {
        this.mustExist('roles', roleId, ['roleIds'], 'role.notFound');
        w.insert('user_roles', { user_id: userId, role_id: roleId });
      }
      for (const groupId of new Set(input.groupIds)) {
        this.mustExist('groups', groupId, ['groupIds'], 'group.notFound');
        w.insert('group_members', { group_id: groupId, user_id: userId });
      }
      return userId;
    });
    return this.user(id);
  }

  createGroup(input: z.infer<typeof GroupCreate>, author: string | null): Group {
    const id = this.store.write(author, (w) => {
      if (input.parentId) this.mustExist('groups', input.parentId, ['parentId'], 'parentGroup.notFound');
      const groupId = w.insert('groups', { name: input.name, kind: input.kind, parent_id: input.parentId ?? null });
      for (const userId of new Set(input.memberIds)) {
        this.mustExist('users', userId, ['memberIds'], 'user.notFound');
        w.insert('group_members', { group_id: groupId, user_id: userId });
      }
      return groupId;
    });
    const group = this.overview().groups.find((g) => g.id === id);
    if (!group) throw notFound('group.notFound');
    return group;
  }

  createPosition(title: string, author: string | null): Position {
    const id = this.store.write(author, (w) => w.insert('positions', { title }));
    return { id, title };
  }

  createRole(input: z.infer<typeof RoleCreate>, author: string | null): Role {
    const permissions = [...new Set(input.permissions)];
    // Paths point into the input as sent (duplicates included), where the form shows them.
    const unknown: KeyedIssue[] = input.permissions
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => !this.permissions.all.includes(p))
      .map(({ i }) => ({ path: ['permissions', i], key: 'permission.unknown' }));
    if (unknown.length > 0) throw invalid('permission.unknown', unknown);
    const id = this.store.write(author, (w) => w.insert('roles', { name: input.name, permissions: JSON.stringify(permissions) }));
    return { id, name: input.name, permissions };
  }

  createRoom(input: z.infer<typeof RoomCreate>, author: string | null): Room {
    const id = this.store.write(author, (w) => w.insert('rooms', roomRow(input)));
    return this.room(id);
  }

  updateRoom(input: z.infer<typeof RoomUpdate>, author: string | null): Room {
    this.room(input.id);
    this.store.write(author, (w) => w.update('rooms', input.id, roomRow(input)));
    return this.room(input.id);
  }

  /** Soft delete: bookings keep pointing at it, and history still names it. */
  deleteRoom(id: string, author: string | null): { id: string } {
    this.room(id);
    this.store.write(author, (w) => w.softDelete('rooms', id));
    return { id };
  }

  rooms(): Room[] {
    return this.rows.rooms().map(toRoom);
  }

  room(id: string): Room {
    const row = this.rows.room(id);
    if (!row) throw notFound('room.notFound');
    return toRoom(row);
  }

  user(id: string): User {
    const row = this.userRow(id);
    if (!row) throw notFound('user.notFound');
    return this.toUser(row);
  }

  private userRow(id: string): UserRow | undefined {
    return this.rows.user(id);
  }

  private permissionsOf(userId: string): string[] {
    const lists = this.rows.permissionListsOf(userId);
    return [...new Set(lists.flatMap((l) => this.parsePermissions(l)))];
  }

  private mustExist(table: ReferencedTable, id: string, path: string[], key: MessageKey): void {
    if (!this.rows.exists(table, id)) {
      throw invalid(key, [{ path, key }]);
    }
  }

  /** A role's stored list, less names no manifest defines any more. */
  private parsePermissions(json: string): string[] {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string' && this.permissions.all.includes(p)) : [];
  }

  private toUser(r: UserRow): User {
    return {
      id: r.id,
      username: r.username,
      displayName: r.display_name,
      email: r.email,
      mobile: r.mobile,
      extension: r.extension,
      position: r.position_id && r.position_title ? { id: r.position_id, title: r.position_title } : null,
      roleIds: this.rows.rolesOf(r.id),
      groupIds: this.rows.groupsOf(r.id),
      active: r.active === 1,
    };
  }
}

function toRoom(r: RoomRow): Room {
  const list = JSON.parse(r.equipment) as unknown;
  return { ...r, equipment: Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [] };
}

function roomRow(input: z.infer<typeof RoomCreate>) {
  return {
    name: input.name,
    capacity: input.capacity ?? null,
    location: input.location ?? null,
    equipment: JSON.stringify([...new Set(input.equipment)]),
  };
}

