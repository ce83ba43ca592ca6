/**
 * iCalendar files in and out: a calendar or a range exported to .ics, and .ics files
 * imported into a calendar in one transaction, recurrences and exceptions included.
 */
import { ApiError, invalid } from '../api/errors';
import { text } from '../api/messages';
import type { Writer } from '../../db/writer';
import { addDays, parseDate, startOfDay, wallOf } from '../api/zoned-time';
import { canonicalRule, expand, MAX_OCCURRENCES } from './recurrence';
import type * as S from './schema';
import { MAX_SPAN_DAYS } from './schema';
import type { AppointmentRow } from './store';
import { fromIcs, IcsError, toIcs, type IcsEvent } from './ical';
import { icsError, icsEventError, isUuid } from './ics-errors';
import { seriesOfRow } from './occurrence-rows';
import { attendeeView } from './row-views';
import { appointmentValues, attendeeValues, type Location, type Plan, type PlannedAttendee } from './plan';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';
import type { CalendarAccess } from './calendars';
import type { OccurrenceIndex } from './occurrences';

const DAY = 86_400_000;

export class IcsTransfer extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
    private readonly access: CalendarAccess,
    private readonly occurrences: OccurrenceIndex,
  ) {
    super(ctx);
  }

  exportIcs(q: { calendarId?: string | undefined; from?: string | undefined; to?: string | undefined }, caller: CalendarCaller): { filename: string; text: string; count: number } {
    const readable = this.access.readable(caller);
    if (q.calendarId && !readable.has(q.calendarId)) throw new ApiError('forbidden', 'calendar.noAccess');
    const ids = q.calendarId ? [q.calendarId] : [...readable];
    const zone = this.config.settings().zone;
    const from = q.from ? startOfDay(q.from, zone) : null;
    const to = q.to ? startOfDay(addDays(q.to, 1), zone) : null;
    const events = this.rows.appointmentsOf(ids, from, to).map((r) => this.icsEvent(r));
    const cal = q.calendarId ? this.rows.calendar(q.calendarId) : undefined;
    const name = cal?.name ?? null;
    return { filename: `${(name ?? 'daftar').replace(/[\\/:*?"<>|]+/g, '-')}.ics`, text: toIcs(events, name, this.clock.now()), count: events.length };
  }

  private icsEvent(r: AppointmentRow): IcsEvent {
    const exceptions = this.rows.exceptions(r.id);
    return {
      uid: r.ical_uid ?? r.id,
      subject: r.subject,
      description: r.description,
      allDay: r.all_day === 1,
      zone: r.zone,
      start: r.start_at,
      end: r.end_at,
      startDate: r.start_date,
      endDate: r.end_date,
      rrule: r.rrule,
      exdates: exceptions.filter((e) => e.cancelled === 1).map((e) => e.occurrence_start),
      rdates: r.rrule && /RSCALE=/.test(r.rrule) ? expand(seriesOfRow(r)).map((o) => o.original) : [],
      overrides: exceptions
        .filter((e) => e.cancelled === 0)
        .map((e) => ({
          occurrence: e.occurrence_start,
          start: e.start_at,
          end: e.end_at,
          subject: e.subject,
          description: e.description,
          location: e.location_kind ? { kind: e.location_kind, roomId: e.room_id, text: e.location_text } : null,
        })),
      location: { kind: r.location_kind, roomId: r.room_id, text: r.location_text },
      identity: r.identity_id ? { id: r.identity_id, name: this.directory.identity(r.identity_id)?.name ?? '' } : null,
      coordinator: r.coordinator_id
        ? { id: r.coordinator_id, name: this.directory.userName(r.coordinator_id) ?? '', email: this.directory.user(r.coordinator_id)?.email ?? null }
        : null,
      attendees: this.rows.attendees(r.id).map((a) => {
        // As the API shows it, less what a file does not carry; users and identities by id.
        const { id: _id, userId, identityId, respondedAt: _respondedAt, ...rest } = attendeeView(a);
        return { ...rest, refId: userId ?? identityId };
      }),
      sequence: r.sequence,
    };
  }

  /**
   * Imports every event of an .ics text into a calendar, in one transaction: a malformed
   * file or event imports nothing. Users, identities and rooms the file names by id are
   * linked when they exist here; otherwise they come in as ad-hoc attendees and typed
   * places. Events whose UID is already here are skipped. Conflicts are not checked: the
   * file records what was agreed elsewhere.
   */
  importIcs(q: { calendarId: string; text: string }, caller: CalendarCaller): S.ImportResult {
    this.access.mustBook(caller, q.calendarId);
    const lang = this.language();
    let events: IcsEvent[];
    try {
      events = fromIcs(q.text, this.config.settings().zone);
    } catch (err) {
      if (err instanceof IcsError) throw icsError(err);
      throw err;
    }
    if (events.length === 0) throw invalid('calendar.ics.empty', [{ path: ['text'], key: 'calendar.ics.empty' }]);
    const result: S.ImportResult = { imported: 0, skipped: 0, bounded: 0 };
    this.store.write(caller.userId, (w) => {
      events.forEach((e, i) => {
        if (this.rows.appointmentByUid(e.uid)) {
          result.skipped += 1;
          return;
        }
        try {
          if (this.importEvent(w, q.calendarId, e, caller)) result.bounded += 1;
          result.imported += 1;
        } catch (err) {
          throw icsEventError(i + 1, err, lang);
        }
      });
    });
    return result;
  }

  /** One event in; returns whether its rule had no end and was bounded. */
  private importEvent(w: Writer, calendarId: string, e: IcsEvent, caller: CalendarCaller): boolean {
    const zone = e.zone;
    const start = e.allDay ? parseDate(e.startDate!)! : wallOf(e.start, zone);
    let rrule = e.rrule ? canonicalRule(e.rrule) : null;
    let bounded = false;
    if (rrule && !/COUNT=|UNTIL=/.test(rrule)) {
      // Other apps repeat forever; Daftar keeps series bounded.
      rrule = canonicalRule(`${rrule};COUNT=${MAX_OCCURRENCES}`);
      bounded = true;
    }
    const room = e.location.roomId ? this.directory.room(e.location.roomId) : null;
    const location: Location =
      e.location.kind === 'room' && room ? { kind: 'room', roomId: room.id, text: room.name } : e.location.kind === 'none' ? { kind: 'none', roomId: null, text: null } : { kind: e.location.kind === 'room' ? 'text' : e.location.kind, roomId: null, text: e.location.text };
    if (location.kind === 'text' && !location.text) location.kind = 'none';
    const identityId = e.identity && this.directory.identity(e.identity.id) ? e.identity.id : null;
    const coordinatorId = e.coordinator?.id && this.directory.user(e.coordinator.id) ? e.coordinator.id : null;
    const plan: Plan = {
      calendarId,
      subject: (e.subject ?? text('calendar.untitled', this.language())).slice(0, 300),
      description: e.description,
      coordinatorId,
      allDay: e.allDay,
      zone,
      start,
      startAt: e.start,
      endAt: e.end,
      startDate: e.startDate,
      endDate: e.endDate,
      location,
      identityId,
      rrule,
      attendees: e.attendees.map((a) => {
        const user = a.kind === 'user' && a.refId ? this.directory.user(a.refId) : null;
        const identity = a.kind === 'identity' && a.refId ? this.directory.identity(a.refId) : null;
        return {
          kind: user ? 'user' : identity ? 'identity' : 'adhoc',
          userId: user?.id ?? null,
          identityId: identity?.id ?? null,
          name: a.name || '—',
          phone: a.phone,
          email: a.email,
          fax: a.fax,
          mandatory: a.mandatory,
          status: a.status,
        };
      }),
    };
    if (plan.endAt <= plan.startAt || plan.endAt - plan.startAt > MAX_SPAN_DAYS * DAY) throw new ApiError('invalid-input', 'calendar.time.endBeforeStart');
    const occurrences = this.occurrences.expandPlan(plan, []);
    // Our own export names the appointment's id as UID: reuse it when it is free, else keep it as the UID.
    const reuse = isUuid(e.uid) && !this.rows.appointmentIdTaken(e.uid);
    const id = w.insert('appointments', { ...appointmentValues(plan, occurrences), sequence: e.sequence, ical_uid: reuse ? null : e.uid }, reuse ? e.uid : undefined);
    const seen = new Set<string>();
    for (const a of plan.attendees) {
      const key = a.userId ? `u:${a.userId}` : a.identityId ? `i:${a.identityId}` : null;
      if (key && seen.has(key)) continue;
      if (key) seen.add(key);
      const status = (a as PlannedAttendee & { status: S.AttendeeStatus }).status;
      w.insert('appointment_attendees', { ...attendeeValues(id, a, null, this.clock.now()), status, responded_at: null, responded_by: null });
    }
    const originals = new Set(occurrences.map((o) => o.original));
    for (const x of e.exdates) if (originals.has(x)) w.insert('appointment_exceptions', { appointment_id: id, occurrence_start: x, cancelled: 1 });
    for (const o of e.overrides) {
      if (!originals.has(o.occurrence)) continue;
      const oroom = o.location?.roomId ? this.directory.room(o.location.roomId) : null;
      w.insert('appointment_exceptions', {
        appointment_id: id,
        occurrence_start: o.occurrence,
        cancelled: 0,
        start_at: o.start,
        end_at: o.end,
        subject: o.subject,
        description: o.description,
        location_kind: o.location ? (o.location.kind === 'room' && !oroom ? 'text' : o.location.kind) : null,
        room_id: oroom?.id ?? null,
        location_text: o.location?.text ?? null,
      });
    }
    void caller;
    this.occurrences.reindex(id);
    return bounded;
  }
}
