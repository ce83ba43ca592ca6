/**
 * A person's lists of appointments: the cartable (those I coordinate or am invited to, with
 * every attendee's answer), today's list for the dashboard, and an identity's appointments
 * in its history.
 */
import type { TimelineEntry, TimelineSource } from '../api/capability';
import { addDays, dateOf, formatLocal, localFormatter, startOfDay, wallOf } from '../api/zoned-time';
import type * as S from './schema';
import { occurrenceTimes } from './row-views';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';

export class AppointmentLists extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
  ) {
    super(ctx);
  }

  cartable(q: S.CartableQuery, caller: CalendarCaller): S.CartablePage {
    if (!caller.userId) return { items: [], next: null };
    const zone = this.config.settings().zone;
    const rows = this.rows.cartable({
      userId: caller.userId,
      role: q.role,
      status: q.status ?? null,
      from: q.from ? startOfDay(q.from, zone) : null,
      to: q.to ? startOfDay(addDays(q.to, 1), zone) : null,
      after: q.after ?? null,
      limit: q.limit + 1,
    });
    const page = rows.slice(0, q.limit);
    const local = localFormatter(zone);
    const items = page.map((r): S.CartableItem => {
      const attendees = this.rows.attendees(r.id);
      const mine = attendees.find((a) => a.user_id === caller.userId) ?? null;
      return {
        appointmentId: r.id,
        calendarId: r.calendar_id,
        subject: r.subject,
        start: r.start_at,
        end: r.end_at,
        startLocal: local(r.start_at),
        allDay: r.all_day === 1,
        recurring: r.rrule !== null,
        location: r.location_text,
        coordinator: r.coordinator_id ? { id: r.coordinator_id, name: this.directory.userName(r.coordinator_id) ?? '—' } : null,
        coordinating: r.coordinator_id === caller.userId,
        myAttendeeId: mine?.id ?? null,
        myStatus: mine?.status ?? null,
        attendees: attendees.map((a) => ({ id: a.id, name: a.name, kind: a.kind, status: a.status, mandatory: a.mandatory === 1 })),
      };
    });
    const last = page[page.length - 1];
    return { items, next: rows.length > q.limit && last ? { start: last.start_at, id: last.id } : null };
  }

  /** Today's appointments I attend or coordinate that have not ended, earliest first. */
  today(caller: CalendarCaller): S.TodayItem[] {
    if (!caller.userId) return [];
    const zone = this.config.settings().zone;
    const now = this.clock.now();
    const date = dateOf(now, zone);
    const local = localFormatter(zone);
    return this.rows
      .mine(caller.userId, startOfDay(date, zone), startOfDay(addDays(date, 1), zone), this.rows.longestOccurrence())
      .filter((r) => r.end_at > now)
      .map((r) => ({
        ...occurrenceTimes(r, local),
        location: r.location_text,
        identity: r.identity_id ? { id: r.identity_id, name: this.directory.identity(r.identity_id)?.name ?? '—' } : null,
        myStatus: this.rows.attendees(r.appointment_id).find((a) => a.user_id === caller.userId)?.status ?? null,
      }));
  }

  /** The identity's appointments (as the customer or an attendee) in its history, by start, cancelled ones too. */
  timelineSource(): TimelineSource {
    return {
      kind: 'appointment',
      page: (identityId, before, limit) =>
        this.rows.ofIdentity(identityId, before, limit).map((r): TimelineEntry => {
          const attendee = this.rows.attendees(r.id).find((a) => a.identity_id === identityId);
          const data: S.AppointmentTimelineData = {
            appointmentId: r.id,
            subject: r.subject,
            start: r.start_at,
            end: r.end_at,
            startLocal: formatLocal(wallOf(r.start_at, r.zone)),
            endLocal: formatLocal(wallOf(r.end_at, r.zone)),
            allDay: r.all_day === 1,
            startDate: r.start_date,
            endDate: r.end_date,
            location: r.location_text,
            recurring: r.rrule !== null,
            cancelled: r.deleted_at !== null,
            status: attendee?.status ?? null,
          };
          return { kind: 'appointment', key: r.id, at: r.start_at, actorId: r.created_by, data };
        }),
    };
  }
}
