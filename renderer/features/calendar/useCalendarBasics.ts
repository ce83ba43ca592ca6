/**
 * What every calendar screen needs: the office's calendar settings (zone, working hours,
 * weekend days), the calendars the user may read with their colours and access, and the
 * rooms and people to pick from.
 */
import { useMemo } from 'react';
import type { CalendarInfo, CalendarSettings, Room } from '../../../main/contract';
import { useQuery } from '../../api/hooks';

export const CALENDAR_TABLES = ['calendars', 'calendar_access', 'calendar_preferences'] as const;
const CALENDARS_READ = [...CALENDAR_TABLES, 'group_members'];
export const APPOINTMENT_TABLES = ['appointments', 'appointment_exceptions', 'appointment_attendees', 'occasions'] as const;

const NO_CALENDARS: CalendarInfo[] = [];

export interface CalendarBasics {
  settings: CalendarSettings | undefined;
  calendars: CalendarInfo[];
  byId: Map<string, CalendarInfo>;
  rooms: Room[];
  roomsById: Map<string, Room>;
  users: { id: string; displayName: string }[];
  usersById: Map<string, string>;
  groups: { id: string; name: string }[];
  loading: boolean;
}

export function useCalendarBasics(): CalendarBasics {
  // Kept (renderer/api/queryCache.ts): on a second visit the page draws at its first render
  // and asks for its appointments at once, instead of after these three answers. Asked
  // early on a first visit, while the page mounts.
  const settings = useQuery('calendar.settings.get', {}, { reads: ['calendar_settings'], keep: true, early: true });
  // Which calendars a user may read follows their groups too (access may be given to a group).
  const calendars = useQuery('calendar.calendars.list', {}, { reads: CALENDARS_READ, keep: true, early: true });
  const org = useQuery('organisation.get', {}, { reads: ['users', 'rooms', 'groups', 'group_members'], keep: true, early: true });
  // The calendars' lookup is kept when only the organisation arrives, so a view that is
  // given it (its colours) is not drawn again for people and rooms it does not show.
  const list = calendars.data ?? NO_CALENDARS;
  const byId = useMemo(() => new Map(list.map((c) => [c.id, c])), [list]);
  return useMemo(() => {
    const rooms = org.data?.rooms ?? [];
    const users = (org.data?.users ?? []).filter((u) => u.active).map((u) => ({ id: u.id, displayName: u.displayName }));
    return {
      settings: settings.data,
      calendars: list,
      byId,
      rooms,
      roomsById: new Map(rooms.map((r) => [r.id, r])),
      users,
      usersById: new Map(users.map((u) => [u.id, u.displayName])),
      groups: (org.data?.groups ?? []).map((g) => ({ id: g.id, name: g.name })),
      loading: settings.loading || calendars.loading,
    };
  }, [settings.data, settings.loading, list, byId, calendars.loading, org.data]);
}

/** Working hours as minutes after midnight. */
export function workingMinutes(s: CalendarSettings | undefined): { start: number; end: number } {
  const m = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  return s ? { start: m(s.workStart), end: m(s.workEnd) } : { start: 8 * 60, end: 16 * 60 };
}
