import type { Scope } from '../../db/sync/policy';
import type { Sql } from '../database/database';
import { rowKey, tableRows, type RowState } from './rows';

export type AccessLevel = 'none' | 'read' | 'read-write';
const RANK: Record<AccessLevel, number> = { none: 0, read: 1, 'read-write': 2 };
const level = (v: unknown): AccessLevel => (v === 'read' || v === 'read-write' ? v : 'none');

/**
 * Who may read and write which calendar, from the synced rows the server holds: the same
 * rules as the desk's (main/calendar/access.ts, which server/ may not import). A holder of
 * calendar.manage writes everywhere, an owner in their own calendar; otherwise the user's
 * own entry decides (even 'none'), else the widest of their groups' entries, else the
 * calendar's default.
 */
export class CalendarAccess {
  private constructor(
    private readonly userId: string,
    private readonly manager: boolean,
    private readonly calendars: Map<string, RowState>,
    private readonly grants: RowState[],
    private readonly groups: Set<string>,
  ) {}

  static async load(sql: Sql, userId: string, permissions: ReadonlySet<string>): Promise<CalendarAccess> {
    const calendars = new Map((await tableRows(sql, 'calendars')).map((r) => [r.rowId, r]));
    const grants = await tableRows(sql, 'calendar_access');
    const groups = new Set((await tableRows(sql, 'group_members')).filter((m) => m.fields.user_id === userId).map((m) => String(m.fields.group_id)));
    return new CalendarAccess(userId, permissions.has('calendar.manage'), calendars, grants, groups);
  }

  /** `overlay`: rows changed earlier in the same batch (a calendar made just now). */
  levelOf(calendarId: string | null, overlay?: Map<string, RowState>): AccessLevel {
    if (this.manager) return 'read-write';
    if (!calendarId) return 'none';
    const cal = overlay?.get(rowKey('calendars', calendarId)) ?? this.calendars.get(calendarId);
    if (!cal || cal.fields.deleted_at) return 'none';
    if (cal.fields.owner_id === this.userId) return 'read-write';
    const mine = this.grants.filter((g) => g.fields.calendar_id === calendarId);
    const own = mine.find((g) => g.fields.user_id === this.userId);
    if (own) return level(own.fields.access);
    const viaGroups = mine.filter((g) => g.fields.group_id && this.groups.has(String(g.fields.group_id)));
    if (viaGroups.length > 0) return viaGroups.map((g) => level(g.fields.access)).reduce((a, b) => (RANK[a] >= RANK[b] ? a : b));
    return level(cal.fields.default_access);
  }

  allows(calendarId: string | null, need: AccessLevel, overlay?: Map<string, RowState>): boolean {
    return RANK[this.levelOf(calendarId, overlay)] >= RANK[need];
  }

  /** Every calendar this user may read. */
  readable(): string[] {
    return [...this.calendars.keys()].filter((id) => this.allows(id, 'read'));
  }
}

/** The calendar a row belongs to, by its table's scope (null: not found). */
export function calendarOf(scope: Extract<Scope, { calendar: unknown }>, row: RowState, rows: Map<string, RowState>): string | null {
  const how = scope.calendar;
  if (how === 'id') return row.rowId;
  if (typeof how === 'string') return typeof row.fields[how] === 'string' ? (row.fields[how] as string) : null;
  const parentId = row.fields[how.column];
  if (typeof parentId !== 'string') return null;
  const parent = rows.get(rowKey(how.through, parentId));
  return parent && typeof parent.fields.calendar_id === 'string' ? parent.fields.calendar_id : null;
}

/** The audience text of a calendar's rows. */
export const calendarAudience = (calendarId: string | null) => (calendarId ? `cal:${calendarId}` : ' ');
