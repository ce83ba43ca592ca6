/**
 * Calendars and who may use them: each caller's access to every calendar (none, read,
 * read-write; per user or group, occasions read-only except to managers), creating and
 * changing calendars with their access lists, and each user's view preferences.
 */
import { ApiError, forbidden, invalid, notFound, type KeyedIssue } from '../api/errors';
import type { Writer } from '../../db/writer';
import { accessOf, atLeast } from './access';
import type * as S from './schema';
import { CalendarPart, type CalendarCaller } from './context';

export class CalendarAccess extends CalendarPart {
  private subject(caller: CalendarCaller) {
    const user = caller.userId ? this.directory.user(caller.userId) : null;
    return { userId: caller.userId, groupIds: user?.groupIds ?? [], manager: caller.permissions.has('calendar.manage') };
  }

  /** The caller's access to every calendar. */
  accessMap(caller: CalendarCaller): Map<string, S.AccessLevel> {
    const who = this.subject(caller);
    const entries = this.rows.accessEntries();
    const map = new Map<string, S.AccessLevel>();
    for (const cal of this.rows.calendars()) {
      const level = accessOf(cal, entries.filter((e) => e.calendar_id === cal.id), who);
      // Occasions are managed in Settings, never booked into.
      map.set(cal.id, cal.kind === 'occasions' && level === 'read-write' && !who.manager ? 'read' : level);
    }
    return map;
  }

  readable(caller: CalendarCaller): Set<string> {
    return new Set([...this.accessMap(caller)].filter(([, a]) => atLeast(a, 'read')).map(([id]) => id));
  }

  canBook(caller: CalendarCaller, access: S.AccessLevel | undefined): boolean {
    return caller.permissions.has('calendar.book') && access === 'read-write';
  }

  /** Refuses unless the caller may book in the calendar (and it is not the occasions one). */
  mustBook(caller: CalendarCaller, calendarId: string, path: (string | number)[] = ['calendarId']): void {
    const cal = this.rows.calendar(calendarId);
    if (!cal) throw invalid('calendar.notFound', [{ path, key: 'calendar.notFound' }]);
    if (cal.kind === 'occasions') throw invalid('calendar.occasionsReadOnly', [{ path, key: 'calendar.occasionsReadOnly' }]);
    const access = this.accessMap(caller).get(calendarId) ?? 'none';
    if (!this.canBook(caller, access)) {
      throw new ApiError('forbidden', atLeast(access, 'read') ? 'calendar.readOnly' : 'calendar.noAccess');
    }
  }

  calendars(caller: CalendarCaller): S.CalendarInfo[] {
    const access = this.accessMap(caller);
    const prefs = caller.userId ? this.preferences(caller) : null;
    const manager = caller.permissions.has('calendar.manage');
    const entries = manager ? this.rows.accessEntries() : [];
    return this.rows
      .calendars()
      .filter((c) => atLeast(access.get(c.id) ?? 'none', 'read'))
      .map((c) => ({
        id: c.id,
        name: c.name,
        colour: c.colour,
        kind: c.kind,
        ownerId: c.owner_id,
        defaultAccess: c.default_access,
        access: access.get(c.id) ?? 'none',
        shown: prefs?.shownCalendarIds ? prefs.shownCalendarIds.includes(c.id) : true,
        ...(manager
          ? {
              entries: entries
                .filter((e) => e.calendar_id === c.id)
                .map((e) => (e.user_id ? { userId: e.user_id, access: e.access } : { groupId: e.group_id!, access: e.access })),
            }
          : {}),
      }));
  }

  createCalendar(input: S.CalendarInputValue, caller: CalendarCaller): S.CalendarInfo {
    this.checkCalendarInput(input);
    const id = this.store.write(caller.userId, (w) => {
      const calId = w.insert('calendars', {
        name: input.name,
        colour: input.colour.toLowerCase(),
        kind: 'regular',
        owner_id: input.ownerId ?? null,
        default_access: input.defaultAccess,
      });
      this.writeAccess(w, calId, input.access);
      return calId;
    });
    return this.calendarInfo(id, caller);
  }

  updateCalendar(input: S.CalendarInputValue & { id: string }, caller: CalendarCaller): S.CalendarInfo {
    const cal = this.rows.calendar(input.id);
    if (!cal) throw notFound('calendar.notFound');
    this.checkCalendarInput(input);
    this.store.write(caller.userId, (w) => {
      w.setRoot('calendars', input.id);
      w.update('calendars', input.id, {
        name: input.name,
        colour: input.colour.toLowerCase(),
        owner_id: cal.kind === 'occasions' ? null : (input.ownerId ?? null),
        default_access: input.defaultAccess,
      });
      this.writeAccess(w, input.id, input.access);
    });
    return this.calendarInfo(input.id, caller);
  }

  private calendarInfo(id: string, caller: CalendarCaller): S.CalendarInfo {
    const info = this.calendars(caller).find((c) => c.id === id);
    if (!info) throw notFound('calendar.notFound');
    return info;
  }

  private checkCalendarInput(input: S.CalendarInputValue): void {
    const issues: KeyedIssue[] = [];
    if (input.ownerId && !this.directory.user(input.ownerId)) issues.push({ path: ['ownerId'], key: 'calendar.userNotFound' });
    const seen = new Set<string>();
    input.access.forEach((e, i) => {
      const key = 'userId' in e ? `u:${e.userId}` : `g:${e.groupId}`;
      if (seen.has(key)) issues.push({ path: ['access', i], key: 'calendar.attendee.duplicate' });
      seen.add(key);
      if ('userId' in e && !this.directory.user(e.userId)) issues.push({ path: ['access', i, 'userId'], key: 'calendar.userNotFound' });
      if ('groupId' in e && !this.directory.groupExists(e.groupId)) issues.push({ path: ['access', i, 'groupId'], key: 'calendar.groupNotFound' });
    });
    if (issues.length > 0) throw invalid(issues[0]!.key, issues);
  }

  /** Replaces the calendar's access list: entries no longer given are removed, others updated. */
  private writeAccess(w: Writer, calendarId: string, list: S.CalendarInputValue['access']): void {
    const current = this.rows.accessEntriesOf(calendarId);
    const keep = new Set<string>();
    for (const e of list) {
      const found = current.find((c) => ('userId' in e ? c.user_id === e.userId : c.group_id === e.groupId));
      if (found) {
        keep.add(found.id);
        w.update('calendar_access', found.id, { access: e.access });
      } else {
        w.insert('calendar_access', {
          calendar_id: calendarId,
          user_id: 'userId' in e ? e.userId : null,
          group_id: 'groupId' in e ? e.groupId : null,
          access: e.access,
        });
      }
    }
    for (const c of current) if (!keep.has(c.id)) w.softDelete('calendar_access', c.id);
  }

  preferences(caller: CalendarCaller): S.Preferences {
    const row = caller.userId ? this.rows.preferences(caller.userId) : undefined;
    if (!row) return { shownCalendarIds: null, view: 'week', hours: 'working' };
    return { shownCalendarIds: JSON.parse(row.shown) as string[] | null, view: row.view as S.CalendarView, hours: row.hours };
  }

  setPreferences(patch: { shownCalendarIds?: string[] | null | undefined; view?: S.CalendarView | undefined; hours?: 'working' | 'all' | undefined }, caller: CalendarCaller): S.Preferences {
    if (!caller.userId) throw forbidden();
    const userId = caller.userId;
    const next = { ...this.preferences(caller) };
    if (patch.shownCalendarIds !== undefined) next.shownCalendarIds = patch.shownCalendarIds === null ? null : [...new Set(patch.shownCalendarIds)];
    if (patch.view) next.view = patch.view;
    if (patch.hours) next.hours = patch.hours;
    const values = { shown: JSON.stringify(next.shownCalendarIds), view: next.view, hours: next.hours };
    this.store.write(userId, (w) => {
      const row = this.rows.preferences(userId);
      if (row) w.update('calendar_preferences', row.id, values);
      else w.insert('calendar_preferences', { user_id: userId, ...values });
    });
    return this.preferences(caller);
  }
}
