/**
 * Conflicts: a booked room or a busy mandatory attendee at any occurrence of what is being
 * saved (recurrences included), answered with the clashing items and the next three free
 * slots of the same length within working hours; and, after sync, rooms two desks booked
 * offline for the same time.
 */
import { ApiError } from '../api/errors';
import { addDays, dateOf, formatLocal, localFormatter, wallOf } from '../api/zoned-time';
import type * as S from './schema';
import { NOTHING_EXCLUDED, type BusyRow, type Exclusion } from './store';
import { hitsAny, mergeIntervals, nextFreeSlots, type Interval } from './free-slots';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';
import type { CalendarAccess } from './calendars';
import type { AppointmentPlanner } from './planning';
import type { OccurrenceIndex } from './occurrences';

const DAY = 86_400_000;

/** A busy row as the clash it is for `resource`; its subject only from a calendar the caller may read. */
export function clashOf(b: BusyRow, resource: S.Clash['resource'], readable: ReadonlySet<string>, local: (ms: number) => string): S.Clash {
  return {
    resource,
    appointmentId: b.appointment_id,
    occurrence: b.original,
    subject: readable.has(b.calendar_id) ? b.subject : null,
    start: b.start_at,
    end: b.end_at,
    startLocal: local(b.start_at),
    endLocal: local(b.end_at),
  };
}
/** How far ahead free slots are looked for. */
const SLOT_HORIZON_DAYS = 60;

export class ConflictFinder extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
    private readonly access: CalendarAccess,
    private readonly planner: AppointmentPlanner,
    private readonly occurrences: OccurrenceIndex,
  ) {
    super(ctx);
  }

  /** What saving would clash with, without saving: the form asks this before its save button. */
  check(input: S.AppointmentCreate & { id?: string; scope?: 'series' | 'occurrence'; occurrence?: number | undefined }, caller: CalendarCaller): S.ConflictReport {
    const plan = this.planner.plan(input, caller);
    const exclude: Exclusion = input.id ? { appointmentId: input.id, occurrence: input.scope === 'occurrence' ? (input.occurrence ?? null) : null } : NOTHING_EXCLUDED;
    const exceptions = input.id && input.scope !== 'occurrence' ? this.rows.exceptions(input.id) : [];
    const occurrences =
      input.scope === 'occurrence' ? [{ start: plan.startAt, end: plan.endAt }] : this.occurrences.expandPlan(plan, exceptions).map((o) => ({ start: o.start_at, end: o.end_at }));
    return this.conflicts(occurrences, this.resources({ roomId: plan.location.roomId, attendees: plan.attendees }), exclude, caller, plan);
  }

  /** Who or what the plan needs: its room and its mandatory attendees. */
  resources(p: { roomId: string | null; attendees: readonly { kind: string; userId: string | null; identityId: string | null; mandatory: boolean }[] }) {
    const mandatory = p.attendees.filter((a) => a.mandatory);
    return {
      rooms: p.roomId ? [p.roomId] : [],
      users: mandatory.filter((a) => a.userId).map((a) => a.userId!),
      identities: mandatory.filter((a) => a.identityId).map((a) => a.identityId!),
    };
  }

  private busy(res: { rooms: string[]; users: string[]; identities: string[] }, from: number, to: number, exclude: Exclusion): BusyRow[] {
    return [
      ...this.rows.busyRooms(res.rooms, from, to, this.rows.longestOccurrence(), exclude),
      ...this.rows.busyPeople(res.users, res.identities, from, to, this.rows.longestOccurrence(), exclude),
    ];
  }

  /** The clashes of these occurrences, and up to three free slots of the same length. */
  conflicts(
    occurrences: readonly Interval[],
    res: { rooms: string[]; users: string[]; identities: string[] },
    exclude: Exclusion,
    caller: CalendarCaller,
    shape: { zone: string; allDay: boolean; rrule: string | null },
  ): S.ConflictReport {
    if (occurrences.length === 0 || res.rooms.length + res.users.length + res.identities.length === 0) return { conflicts: [], proposals: [] };
    const sorted = [...occurrences].sort((a, b) => a.start - b.start);
    const from = sorted[0]!.start;
    const to = Math.max(...sorted.map((o) => o.end));
    const candidate = mergeIntervals(sorted);
    const rows = this.busy(res, from, to, exclude).filter((b) => hitsAny(candidate, { start: b.start_at, end: b.end_at }));
    if (rows.length === 0) return { conflicts: [], proposals: [] };
    const readable = this.access.readable(caller);
    const local = localFormatter(this.config.settings().zone);
    const names = new Map<string, string>();
    const nameOf = (kind: 'room' | 'user' | 'identity', id: string) => {
      const key = `${kind}:${id}`;
      if (!names.has(key)) {
        const n = kind === 'room' ? this.directory.room(id)?.name : kind === 'user' ? this.directory.userName(id) : this.directory.identity(id)?.name;
        names.set(key, n ?? '—');
      }
      return names.get(key)!;
    };
    const seen = new Set<string>();
    const conflicts: S.Clash[] = [];
    for (const b of rows) {
      const kind = b.room_id && res.rooms.includes(b.room_id) && !b.user_id && !b.identity_id ? 'room' : b.user_id ? 'user' : 'identity';
      const rid = kind === 'room' ? b.room_id! : kind === 'user' ? b.user_id! : b.identity_id!;
      const key = `${kind}:${rid}:${b.appointment_id}:${b.original}`;
      if (seen.has(key)) continue;
      seen.add(key);
      conflicts.push(clashOf(b, { kind, id: rid, name: nameOf(kind, rid) }, readable, local));
    }
    conflicts.sort((a, b) => a.start - b.start);
    return { conflicts, proposals: this.proposals(sorted, res, exclude, shape) };
  }

  private proposals(
    occurrences: readonly Interval[],
    res: { rooms: string[]; users: string[]; identities: string[] },
    exclude: Exclusion,
    shape: { zone: string; allDay: boolean; rrule: string | null },
  ): S.Slot[] {
    const anchor = occurrences[0]!;
    const now = this.clock.now();
    const notBefore = Math.max(now, anchor.start);
    const horizon = SLOT_HORIZON_DAYS * DAY;
    const last = occurrences[occurrences.length - 1]!;
    const busy = mergeIntervals(this.busy(res, Math.min(anchor.start, notBefore), last.end + horizon, exclude).map((b) => ({ start: b.start_at, end: b.end_at })));
    const zone = this.config.settings().zone;
    const firstDate = dateOf(notBefore, zone);
    const slots = nextFreeSlots({
      occurrences,
      busy,
      working: this.config.working(firstDate, addDays(firstDate, SLOT_HORIZON_DAYS + 1)),
      notBefore,
      horizonDays: SLOT_HORIZON_DAYS,
      allDay: shape.allDay,
      // A rule pinned to weekdays or month days moves only within its day.
      sameDayOnly: shape.rrule !== null && /BYDAY|BYMONTHDAY|BYSETPOS|BYYEARDAY|BYWEEKNO|BYMONTH=/.test(shape.rrule),
    });
    return slots.map((s) => ({
      start: formatLocal(wallOf(s.start, shape.zone)),
      end: formatLocal(wallOf(s.end, shape.zone)),
      startMs: s.start,
      endMs: s.end,
      ...(shape.allDay ? { startDate: dateOf(s.start, shape.zone), endDate: dateOf(s.end - 1, shape.zone) } : {}),
    }));
  }

  conflictError(report: S.ConflictReport): ApiError {
    const first = report.conflicts[0]!;
    return new ApiError('conflict', 'calendar.conflict', { name: first.resource.name, count: report.conflicts.length }, undefined, report);
  }

  /**
   * Other appointments in this appointment's room at the same time: a room two desks booked
   * offline, found once sync brought both bookings here (main/sync asks after received
   * changes). Reads the occurrence index, so it runs after reindexStale().
   */
  roomClashes(appointmentId: string): { bookedBy: string | null; room: string; clashes: { appointmentId: string; bookedBy: string | null; start: number }[] } | null {
    const row = this.rows.appointment(appointmentId);
    if (!row || row.location_kind !== 'room' || !row.room_id) return null;
    const span = this.rows.longestOccurrence();
    const clashes = new Map<string, { appointmentId: string; bookedBy: string | null; start: number }>();
    for (const o of this.rows.occurrencesOf(appointmentId)) {
      for (const b of this.rows.busyRooms([row.room_id], o.start_at, o.end_at, span, { appointmentId, occurrence: null })) {
        if (clashes.has(b.appointment_id)) continue;
        clashes.set(b.appointment_id, { appointmentId: b.appointment_id, bookedBy: this.rows.appointment(b.appointment_id)?.created_by ?? null, start: b.start_at });
      }
    }
    return { bookedBy: row.created_by, room: this.directory.room(row.room_id)?.name ?? '—', clashes: [...clashes.values()] };
  }
}
