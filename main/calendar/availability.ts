/**
 * "Is room X free on Tuesday 10:00–11:00?" and "who is free?" in one call: which rooms and
 * people are free between two times, and what keeps the others busy (subjects only from
 * calendars the caller may read).
 */
import { invalid } from '../api/errors';
import { localFormatter, parseLocal, toUtc } from '../api/zoned-time';
import type * as S from './schema';
import { NOTHING_EXCLUDED, type BusyRow } from './store';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';
import type { CalendarAccess } from './calendars';
import { clashOf } from './conflicts';

export class Availability extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
    private readonly access: CalendarAccess,
  ) {
    super(ctx);
  }

  /** Which rooms and people are free between two times, and what keeps the others busy. */
  availability(q: S.AvailabilityQuery, caller: CalendarCaller): S.Availability {
    const zone = q.zone ?? this.config.settings().zone;
    const start = toUtc(parseLocal(q.start)!, zone);
    const end = toUtc(parseLocal(q.end)!, zone);
    const rooms = q.allRooms ? this.directory.rooms() : (q.roomIds ?? []).map((id) => this.directory.room(id)).filter((r) => r !== null);
    const unknownRoom = (q.roomIds ?? []).findIndex((id) => !this.directory.room(id));
    if (!q.allRooms && unknownRoom >= 0) throw invalid('calendar.roomNotFound', [{ path: ['roomIds', unknownRoom], key: 'calendar.roomNotFound' }]);
    const readable = this.access.readable(caller);
    const local = localFormatter(this.config.settings().zone);
    const clash = (b: BusyRow, resource: S.Clash['resource']): S.Clash => clashOf(b, resource, readable, local);
    const roomBusy = this.rows.busyRooms(rooms.map((r) => r.id), start, end, this.rows.longestOccurrence(), NOTHING_EXCLUDED);
    const people = this.rows.busyPeople(q.userIds ?? [], q.identityIds ?? [], start, end, this.rows.longestOccurrence(), NOTHING_EXCLUDED);
    return {
      start,
      end,
      rooms: rooms.map((r) => {
        const resource = { kind: 'room' as const, id: r.id, name: r.name };
        const busy = roomBusy.filter((b) => b.room_id === r.id).map((b) => clash(b, resource));
        return { ...resource, free: busy.length === 0, busy, capacity: r.capacity, equipment: r.equipment };
      }),
      people: [
        ...(q.userIds ?? []).map((id) => {
          const resource = { kind: 'user' as const, id, name: this.directory.userName(id) ?? '—' };
          const busy = people.filter((b) => b.user_id === id).map((b) => clash(b, resource));
          return { ...resource, free: busy.length === 0, busy };
        }),
        ...(q.identityIds ?? []).map((id) => {
          const resource = { kind: 'identity' as const, id, name: this.directory.identity(id)?.name ?? '—' };
          const busy = people.filter((b) => b.identity_id === id).map((b) => clash(b, resource));
          return { ...resource, free: busy.length === 0, busy };
        }),
      ],
    };
  }
}
