/**
 * An appointment as it will be saved (checked references, instants, its rule) and the
 * rows it is written as: the appointment and its attendees.
 */
import type { Wall } from '../api/zoned-time';
import type { OccurrenceRow } from './store';
import { canonicalRule } from './recurrence';

export type Location = { kind: 'none' | 'room' | 'customer' | 'text'; roomId: string | null; text: string | null };

export interface PlannedAttendee {
  kind: 'user' | 'identity' | 'adhoc';
  userId: string | null;
  identityId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  fax: string | null;
  mandatory: boolean;
}

/** An appointment as it will be saved: checked references, instants, its rule. */
export interface Plan {
  calendarId: string;
  subject: string;
  description: string | null;
  coordinatorId: string | null;
  allDay: boolean;
  zone: string;
  start: Wall;
  startAt: number;
  endAt: number;
  startDate: string | null;
  endDate: string | null;
  location: Location;
  identityId: string | null;
  rrule: string | null;
  attendees: PlannedAttendee[];
}

export function appointmentValues(p: Plan, occurrences: readonly OccurrenceRow[]) {
  return {
    calendar_id: p.calendarId,
    subject: p.subject,
    description: p.description,
    coordinator_id: p.coordinatorId,
    all_day: p.allDay ? 1 : 0,
    start_at: p.startAt,
    end_at: p.endAt,
    start_date: p.startDate,
    end_date: p.endDate,
    zone: p.zone,
    location_kind: p.location.kind,
    room_id: p.location.kind === 'room' ? p.location.roomId : null,
    location_text: p.location.text,
    identity_id: p.identityId,
    rrule: p.rrule ? canonicalRule(p.rrule) : null,
    series_end_at: Math.max(p.endAt, ...occurrences.map((o) => o.end_at)),
  };
}

export function attendeeValues(appointmentId: string, a: PlannedAttendee, author: string | null, now: number) {
  // The person booking who also attends has said yes by booking.
  const own = a.userId !== null && a.userId === author;
  return {
    appointment_id: appointmentId,
    kind: a.kind,
    user_id: a.userId,
    identity_id: a.identityId,
    name: a.name,
    phone: a.phone,
    email: a.email,
    fax: a.fax,
    mandatory: a.mandatory ? 1 : 0,
    status: own ? 'accepted' : 'invited',
    responded_at: own ? now : null,
    responded_by: own ? author : null,
  };
}

