import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../api/permissions';
import { singleLine, visibleName } from '../api/text-hygiene';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords';

const id = z.uuid();
/** A new password: never trimmed (spaces are part of it), at least 8 characters. */
const NewPassword = z.string().min(MIN_PASSWORD_LENGTH, 'password.tooShort').max(MAX_PASSWORD_LENGTH);
/** A password typed to prove who one is: any length the field allows. */
const GivenPassword = z.string().min(1).max(MAX_PASSWORD_LENGTH);
const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{2,40}$/, 'username.format');
const name = (max: number) => visibleName(max);

export const UserCreate = z.object({
  username: Username,
  /** The first password, set by the administrator who creates the user. */
  password: NewPassword.optional(),
  displayName: name(100),
  email: z.string().trim().toLowerCase().pipe(z.email()).optional(),
  mobile: z.string().trim().max(40).optional(),
  extension: z.string().trim().regex(/^[0-9*#]{1,10}$/, 'extension.format').optional(),
  positionId: id.optional(),
  roleIds: z.array(id).max(20).default([]),
  groupIds: z.array(id).max(50).default([]),
});
export const GroupCreate = z.object({
  name: name(100),
  kind: z.enum(['group', 'department']),
  parentId: id.optional(),
  memberIds: z.array(id).max(1000).default([]),
});
export const PositionCreate = z.object({ title: name(100) });
export const RoomCreate = z.object({
  name: name(100),
  capacity: z.number().int().min(1).max(10_000).optional(),
  location: singleLine(200).optional(),
});
export const RoleCreate = z.object({ name: name(100), permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length) });
export const SignIn = z.object({ username: z.string().trim().toLowerCase().min(1).max(40), password: GivenPassword });
export const SessionSetUp = z.object({ password: NewPassword });
export const Unlock = z.object({ password: GivenPassword });
export const PasswordChange = z.object({ current: GivenPassword, next: NewPassword });
export const PasswordReset = z.object({ userId: id, password: NewPassword });

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  mobile: string | null;
  extension: string | null;
  position: { id: string; title: string } | null;
  roleIds: string[];
  groupIds: string[];
  active: boolean;
}
export interface Group {
  id: string;
  name: string;
  kind: 'group' | 'department';
  parentId: string | null;
  memberIds: string[];
}
export interface Position {
  id: string;
  title: string;
}
export interface Role {
  id: string;
  name: string;
  permissions: Permission[];
}
export interface Room {
  id: string;
  name: string;
  capacity: number | null;
  location: string | null;
}
export interface Organisation {
  users: User[];
  groups: Group[];
  positions: Position[];
  roles: Role[];
  rooms: Room[];
}
/** setup: no password yet, the administrator must choose one; locked: the user's screen is kept, covered. */
export type SessionState = 'setup' | 'signed-out' | 'signed-in' | 'locked';
export interface Session {
  state: SessionState;
  /** The signed-in user, or the one who locked the desk. */
  user: User | null;
  /** Empty unless signed in. */
  permissions: Permission[];
  /** Who signed in last on this desk, to fill in the sign-in form. */
  lastUsername: string | null;
}
