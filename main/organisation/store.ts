import type { Store } from '../../db/writer';
import type { Group, Position } from './schema';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  mobile: string | null;
  extension: string | null;
  position_id: string | null;
  position_title: string | null;
  active: number;
}

export interface GroupRow {
  id: string;
  name: string;
  kind: Group['kind'];
  parent_id: string | null;
}

export interface RoleRow {
  id: string;
  name: string;
  /** JSON list of permission names. */
  permissions: string;
}

export interface RoomRow {
  id: string;
  name: string;
  capacity: number | null;
  location: string | null;
  /** JSON list of what the room has (projector, …). */
  equipment: string;
}

const ROOM_SELECT = 'SELECT id, name, capacity, location, equipment FROM rooms';

/** Tables whose rows other rows refer to by id (checked before a write). */
export type ReferencedTable = 'positions' | 'roles' | 'groups' | 'users';

const USER_SELECT = `SELECT u.id, u.username, u.display_name, u.email, u.mobile, u.extension, u.position_id,
  p.title AS position_title, u.active FROM users u LEFT JOIN positions p ON p.id = u.position_id`;

/** The organisation's SQL: users, groups, positions, roles, rooms. */
export class OrganisationStore {
  constructor(private readonly store: Store) {}

  hasUsers(): boolean {
    return this.store.sql('SELECT 1 FROM users LIMIT 1').get() !== undefined;
  }

  user(id: string): UserRow | undefined {
    return this.store.sql(`${USER_SELECT} WHERE u.id = ? AND u.deleted_at IS NULL`).get(id) as UserRow | undefined;
  }

  users(): UserRow[] {
    return this.store.sql(`${USER_SELECT} WHERE u.deleted_at IS NULL ORDER BY u.display_name`).all() as UserRow[];
  }

  /** A user's name, also after the user was deleted (history keeps who did what). */
  userName(id: string): string | undefined {
    return this.store.sql('SELECT display_name FROM users WHERE id = ?').pluck().get(id) as string | undefined;
  }

  countUsers(): number {
    return this.store.sql('SELECT count(*) FROM users WHERE deleted_at IS NULL').pluck().get() as number;
  }

  /** The user (not deleted) with this username, for sign-in. */
  userByUsername(username: string): UserRow | undefined {
    return this.store.sql(`${USER_SELECT} WHERE u.username = ? AND u.deleted_at IS NULL`).get(username) as UserRow | undefined;
  }

  usernameTaken(username: string): boolean {
    return this.store.sql('SELECT 1 FROM users WHERE username = ? AND deleted_at IS NULL').get(username) !== undefined;
  }

  groups(): GroupRow[] {
    return this.store.sql('SELECT id, name, kind, parent_id FROM groups WHERE deleted_at IS NULL ORDER BY name').all() as GroupRow[];
  }

  membersOf(groupId: string): string[] {
    return this.store.sql('SELECT user_id FROM group_members WHERE group_id = ? AND deleted_at IS NULL').pluck().all(groupId) as string[];
  }

  groupsOf(userId: string): string[] {
    return this.store.sql('SELECT group_id FROM group_members WHERE user_id = ? AND deleted_at IS NULL').pluck().all(userId) as string[];
  }

  rolesOf(userId: string): string[] {
    return this.store.sql('SELECT role_id FROM user_roles WHERE user_id = ? AND deleted_at IS NULL').pluck().all(userId) as string[];
  }

  /** The permission lists (JSON) of every live role the user holds. */
  permissionListsOf(userId: string): string[] {
    return this.store
      .sql(
        `SELECT r.permissions FROM user_roles ur JOIN roles r ON r.id = ur.role_id
         WHERE ur.user_id = ? AND ur.deleted_at IS NULL AND r.deleted_at IS NULL`,
      )
      .pluck()
      .all(userId) as string[];
  }

  positions(): Position[] {
    return this.store.sql('SELECT id, title FROM positions WHERE deleted_at IS NULL ORDER BY title').all() as Position[];
  }

  roles(): RoleRow[] {
    return this.store.sql('SELECT id, name, permissions FROM roles WHERE deleted_at IS NULL ORDER BY name').all() as RoleRow[];
  }

  rooms(): RoomRow[] {
    return this.store.sql(`${ROOM_SELECT} WHERE deleted_at IS NULL ORDER BY name`).all() as RoomRow[];
  }

  room(id: string): RoomRow | undefined {
    return this.store.sql(`${ROOM_SELECT} WHERE id = ? AND deleted_at IS NULL`).get(id) as RoomRow | undefined;
  }

  exists(table: ReferencedTable, id: string): boolean {
    return this.store.sql(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;
  }
}
