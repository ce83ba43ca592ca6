/**
 * Who may do what with a calendar: none, read or read-write, per user or group. Pure: the
 * service hands in the calendar, its entries and who is asking.
 */
import type { AccessLevel } from './schema';

export interface AccessSubject {
  userId: string | null;
  groupIds: readonly string[];
  /** Holds calendar.manage: read-write on every calendar. */
  manager: boolean;
}
export interface AccessCalendar {
  kind: 'regular' | 'occasions';
  owner_id: string | null;
  default_access: AccessLevel;
}
export interface AccessGrant {
  user_id: string | null;
  group_id: string | null;
  access: AccessLevel;
}

const RANK: Record<AccessLevel, number> = { none: 0, read: 1, 'read-write': 2 };

export function widest(a: AccessLevel, b: AccessLevel): AccessLevel {
  return RANK[a] >= RANK[b] ? a : b;
}

export function atLeast(have: AccessLevel, need: AccessLevel): boolean {
  return RANK[have] >= RANK[need];
}

/**
 * A manager writes everywhere and an owner in their own calendar. Otherwise the user's own
 * entry decides (even 'none': a manager's private calendar can shut out one member of a
 * group that may read it); without one, the widest of their groups' entries; without any,
 * the calendar's default.
 */
export function accessOf(cal: AccessCalendar, grants: readonly AccessGrant[], who: AccessSubject): AccessLevel {
  if (who.manager) return 'read-write';
  if (who.userId === null) return 'none';
  if (cal.owner_id !== null && cal.owner_id === who.userId) return 'read-write';
  const own = grants.find((g) => g.user_id === who.userId);
  if (own) return own.access;
  const groups = grants.filter((g) => g.group_id !== null && who.groupIds.includes(g.group_id));
  if (groups.length > 0) return groups.map((g) => g.access).reduce(widest, 'none');
  return cal.default_access;
}
