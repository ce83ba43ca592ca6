import { z } from 'zod';
import { singleLine, visibleName } from '../api/text-hygiene';

const id = z.uuid();
/** A name: bidi controls stripped, at least one visible letter or digit (main/api/text-hygiene.ts). */
const name = (max: number) => visibleName(max);

export const UserCreate = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{2,40}$/, 'username.format'),
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
  /** What the room has: "projector", "whiteboard", "video conference"… */
  equipment: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
});
/** An edit sends the whole room. */
export const RoomUpdate = RoomCreate.extend({ id });
export const RoomRef = z.object({ id });
// Which permissions exist is known only once every manifest is read; the service checks the names.
export const RoleCreate = z.object({
  name: name(100),
  permissions: z.array(z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/, 'permission.unknown')).max(200),
});

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
  permissions: string[];
}
export interface Room {
  id: string;
  name: string;
  capacity: number | null;
  location: string | null;
  equipment: string[];
}
export interface Organisation {
  users: User[];
  groups: Group[];
  positions: Position[];
  roles: Role[];
  rooms: Room[];
}

/** A user as history shows them: the name, kept after the user is deleted. */
export interface UserRef {
  id: string;
  displayName: string;
}
