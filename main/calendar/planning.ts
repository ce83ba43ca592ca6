/**
 * An appointment form checked into a plan: its calendar, times (zone-aware, all-day as
 * dates), location, identity, coordinator, attendees and rule, every problem reported at
 * once with its field; the plan's series must expand within the limits.
 */
import { invalid, type KeyedIssue } from '../api/errors';
import { addDays, parseDate, parseLocal, startOfDay, toUtc } from '../api/zoned-time';
import { ruleText } from './recurrence';
import type * as S from './schema';
import type { Location, Plan, PlannedAttendee } from './plan';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { CalendarSettingsBook } from './settings';
import type { OccurrenceIndex } from './occurrences';

export class AppointmentPlanner extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly config: CalendarSettingsBook,
    private readonly occurrences: OccurrenceIndex,
  ) {
    super(ctx);
  }

  /** `rawRule`: keep this rule text instead of the form's recurrence (a dragged imported series). */
  plan(input: S.AppointmentCreate, caller: CalendarCaller, rawRule: string | null = null): Plan {
    const issues: KeyedIssue[] = [];
    if (!this.rows.calendar(input.calendarId)) issues.push({ path: ['calendarId'], key: 'calendar.notFound' });
    const zone = input.zone ?? this.config.settings().zone;
    const when = this.when(input, zone, issues);
    const location = this.checkedLocation(input.location, input.identityId ?? null, issues);
    if (input.identityId && !this.directory.identity(input.identityId)) issues.push({ path: ['identityId'], key: 'calendar.identityNotFound' });
    const coordinatorId = input.coordinatorId === undefined ? caller.userId : input.coordinatorId;
    if (coordinatorId && !this.directory.user(coordinatorId)) issues.push({ path: ['coordinatorId'], key: 'calendar.userNotFound' });
    const attendees = this.checkedAttendees(input.attendees, issues);
    let rrule: string | null = null;
    if (rawRule) rrule = rawRule;
    else if (input.recurrence && when) rrule = ruleText(input.recurrence, when.start, zone, input.allDay);
    if (issues.length > 0) throw invalid(issues[0]!.key, issues);
    const plan: Plan = {
      calendarId: input.calendarId,
      subject: input.subject,
      description: input.description ?? null,
      coordinatorId: coordinatorId ?? null,
      allDay: input.allDay,
      zone,
      ...when!,
      location,
      identityId: input.identityId ?? null,
      rrule,
      attendees,
    };
    this.occurrences.expandPlan(plan, []);
    return plan;
  }

  when(input: { allDay: boolean; start?: string | undefined; end?: string | undefined; startDate?: string | undefined; endDate?: string | undefined }, zone: string, issues: KeyedIssue[]) {
    if (input.allDay) {
      const startDate = input.startDate!;
      const endDate = input.endDate!;
      return { start: parseDate(startDate)!, startAt: startOfDay(startDate, zone), endAt: startOfDay(addDays(endDate, 1), zone), startDate, endDate };
    }
    const start = parseLocal(input.start!)!;
    const startAt = toUtc(start, zone);
    const endAt = toUtc(parseLocal(input.end!)!, zone);
    // 02:50–03:00 on a spring-forward night: 02:50 does not exist and reads as 03:50, after the end.
    if (endAt <= startAt) {
      issues.push({ path: ['end'], key: 'calendar.time.endBeforeStart' });
      return null;
    }
    return { start, startAt, endAt, startDate: null, endDate: null };
  }

  checkedLocation(l: S.LocationInput, identityId: string | null, issues: KeyedIssue[]): Location {
    switch (l.kind) {
      case 'none':
        return { kind: 'none', roomId: null, text: null };
      case 'room': {
        const room = this.directory.room(l.roomId);
        if (!room) issues.push({ path: ['location', 'roomId'], key: 'calendar.roomNotFound' });
        return { kind: 'room', roomId: l.roomId, text: room?.name ?? null };
      }
      case 'customer':
        return { kind: 'customer', roomId: null, text: l.text ?? (identityId ? (this.directory.identity(identityId)?.address ?? null) : null) };
      case 'text':
        return { kind: 'text', roomId: null, text: l.text };
    }
  }

  checkedAttendees(list: S.AttendeeInput[], issues: KeyedIssue[]): PlannedAttendee[] {
    const seen = new Set<string>();
    const out: PlannedAttendee[] = [];
    list.forEach((a, i) => {
      const key = a.kind === 'user' ? `u:${a.userId}` : a.kind === 'identity' ? `i:${a.identityId}` : null;
      if (key && seen.has(key)) {
        issues.push({ path: ['attendees', i], key: 'calendar.attendee.duplicate' });
        return;
      }
      if (key) seen.add(key);
      if (a.kind === 'user') {
        const u = this.directory.user(a.userId);
        if (!u) issues.push({ path: ['attendees', i, 'userId'], key: 'calendar.userNotFound' });
        else out.push({ kind: 'user', userId: u.id, identityId: null, name: u.name, phone: u.mobile, email: u.email, fax: null, mandatory: a.mandatory });
      } else if (a.kind === 'identity') {
        const p = this.directory.identity(a.identityId);
        if (!p) issues.push({ path: ['attendees', i, 'identityId'], key: 'calendar.identityNotFound' });
        else out.push({ kind: 'identity', userId: null, identityId: p.id, name: p.name, phone: p.phone, email: p.email, fax: p.fax, mandatory: a.mandatory });
      } else {
        out.push({ kind: 'adhoc', userId: null, identityId: null, name: a.name, phone: a.phone ?? null, email: a.email ?? null, fax: a.fax ?? null, mandatory: a.mandatory });
      }
    });
    return out;
  }
}
