/**
 * The appointment form's state and how it becomes the API's input: what was typed is kept
 * as typed (a form never loses it), and is turned into `calendar.appointments.*` input
 * only when saved or checked. Pure: no React.
 */
import type { Appointment, AttendeeStatus, Channel, Input, OccurrenceView, WeekdayCode } from '../../../main/contract';

export type Repeat = 'none' | 'daily' | 'weekly' | 'monthly';

export interface AttendeeDraft {
  /** Stable key for the list (the attendee's id once saved). */
  key: string;
  kind: 'user' | 'identity' | 'adhoc';
  userId?: string;
  identityId?: string;
  name: string;
  phone: string;
  email: string;
  fax: string;
  mandatory: boolean;
  /** Saved attendees: their answer. */
  status?: AttendeeStatus;
  id?: string;
}

export interface AppointmentDraft {
  calendarId: string;
  subject: string;
  description: string;
  allDay: boolean;
  startDate: string | null;
  startTime: string | null;
  endDate: string | null;
  endTime: string | null;
  locationKind: 'none' | 'room' | 'customer' | 'text';
  roomId: string;
  locationText: string;
  identity: { id: string; name: string } | null;
  coordinatorId: string | null;
  attendees: AttendeeDraft[];
  repeat: Repeat;
  interval: number;
  weekdays: WeekdayCode[];
  endKind: 'until' | 'count';
  until: string | null;
  count: number;
  notify: Channel[];
}

const WEEKDAY_CODES: WeekdayCode[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

export function weekdayCodeOf(date: string): WeekdayCode {
  return WEEKDAY_CODES[new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))).getUTCDay()]!;
}

/** A new appointment from a picked time ("2025-04-19T10:00" to "…T11:00"). */
export function newDraft(calendarId: string, start: string, end: string, coordinatorId: string | null): AppointmentDraft {
  return {
    calendarId,
    subject: '',
    description: '',
    allDay: false,
    startDate: start.slice(0, 10),
    startTime: start.slice(11, 16),
    endDate: end.slice(0, 10),
    endTime: end.slice(11, 16),
    locationKind: 'none',
    roomId: '',
    locationText: '',
    identity: null,
    coordinatorId,
    attendees: [],
    repeat: 'none',
    interval: 1,
    weekdays: [weekdayCodeOf(start.slice(0, 10))],
    endKind: 'count',
    until: null,
    count: 10,
    notify: ['inapp', 'sms', 'email'],
  };
}

/**
 * A saved appointment in the form; with `occurrence`, that occurrence of its series (its
 * own times, subject and place).
 */
export function draftOf(a: Appointment, occurrence?: OccurrenceView | null): AppointmentDraft {
  const exception = occurrence?.occurrence != null ? a.exceptions.find((e) => e.occurrence === occurrence.occurrence) : undefined;
  const startLocal = occurrence ? occurrence.startLocal : a.startLocal;
  const endLocal = occurrence ? occurrence.endLocal : a.endLocal;
  const location = exception?.location ?? a.location;
  const r = a.recurrence;
  return {
    calendarId: a.calendarId,
    subject: exception?.subject ?? a.subject,
    description: exception?.description ?? a.description ?? '',
    allDay: a.allDay,
    startDate: a.allDay ? (occurrence?.startDate ?? a.startDate) : startLocal.slice(0, 10),
    startTime: a.allDay ? null : startLocal.slice(11, 16),
    endDate: a.allDay ? (occurrence?.endDate ?? a.endDate) : endLocal.slice(0, 10),
    endTime: a.allDay ? null : endLocal.slice(11, 16),
    locationKind: location.kind,
    roomId: location.roomId ?? '',
    locationText: location.kind === 'room' ? '' : (location.text ?? ''),
    identity: a.identity,
    coordinatorId: a.coordinator?.id ?? null,
    attendees: a.attendees.map((x) => ({
      key: x.id,
      id: x.id,
      kind: x.kind,
      ...(x.userId ? { userId: x.userId } : {}),
      ...(x.identityId ? { identityId: x.identityId } : {}),
      name: x.name,
      phone: x.phone ?? '',
      email: x.email ?? '',
      fax: x.fax ?? '',
      mandatory: x.mandatory,
      status: x.status,
    })),
    repeat: r ? r.freq : 'none',
    interval: r?.interval ?? 1,
    weekdays: r?.weekdays ?? [weekdayCodeOf(a.startLocal.slice(0, 10))],
    endKind: r?.until ? 'until' : 'count',
    until: r?.until ?? null,
    count: r?.count ?? 10,
    notify: ['inapp', 'sms', 'email'],
  };
}

type CreateInput = Input<'calendar.appointments.create'>;

/** The API input the form means; a missing date or time is left out, so the API names the field. */
export function toInput(d: AppointmentDraft, override = false): CreateInput {
  const when = d.allDay
    ? { allDay: true, ...(d.startDate ? { startDate: d.startDate } : {}), ...(d.endDate ? { endDate: d.endDate } : {}) }
    : {
        allDay: false,
        ...(d.startDate && d.startTime ? { start: `${d.startDate}T${d.startTime}` } : {}),
        ...(d.endDate && d.endTime ? { end: `${d.endDate}T${d.endTime}` } : {}),
      };
  const location: CreateInput['location'] =
    d.locationKind === 'room' && d.roomId
      ? { kind: 'room', roomId: d.roomId }
      : d.locationKind === 'customer'
        ? { kind: 'customer', ...(d.locationText.trim() ? { text: d.locationText } : {}) }
        : d.locationKind === 'text'
          ? { kind: 'text', text: d.locationText }
          : d.locationKind === 'room'
            ? { kind: 'room', roomId: '' }
            : { kind: 'none' };
  return {
    calendarId: d.calendarId,
    subject: d.subject,
    ...(d.description.trim() ? { description: d.description } : {}),
    coordinatorId: d.coordinatorId,
    ...when,
    location,
    identityId: d.identity?.id ?? null,
    attendees: d.attendees.map((a) =>
      a.kind === 'user'
        ? { kind: 'user', userId: a.userId!, mandatory: a.mandatory }
        : a.kind === 'identity'
          ? { kind: 'identity', identityId: a.identityId!, mandatory: a.mandatory }
          : {
              kind: 'adhoc',
              name: a.name,
              ...(a.phone.trim() ? { phone: a.phone } : {}),
              ...(a.email.trim() ? { email: a.email } : {}),
              ...(a.fax.trim() ? { fax: a.fax } : {}),
              mandatory: a.mandatory,
            },
    ),
    recurrence:
      d.repeat === 'none'
        ? null
        : {
            freq: d.repeat,
            interval: d.interval,
            ...(d.repeat === 'weekly' ? { weekdays: d.weekdays } : {}),
            ...(d.endKind === 'until' ? (d.until ? { until: d.until } : {}) : { count: d.count }),
          },
    notify: d.notify,
    override,
  };
}

/** A proposed free slot taken into the form. */
export function withSlot(d: AppointmentDraft, slot: { start: string; end: string; startDate?: string; endDate?: string }): AppointmentDraft {
  if (d.allDay && slot.startDate && slot.endDate) return { ...d, startDate: slot.startDate, endDate: slot.endDate };
  return { ...d, startDate: slot.start.slice(0, 10), startTime: slot.start.slice(11, 16), endDate: slot.end.slice(0, 10), endTime: slot.end.slice(11, 16) };
}

/** The form's fields for an API issue path (["location", "roomId"] → "roomId"). */
export function fieldOfIssue(path: (string | number)[]): string {
  const [first, second] = path;
  if (first === 'location') return second === 'roomId' ? 'roomId' : 'locationText';
  if (first === 'recurrence') return second === 'until' ? 'until' : second === 'count' ? 'count' : 'repeat';
  if (first === 'attendees') return 'attendees';
  if (first === 'start' || first === 'startDate') return 'start';
  if (first === 'end' || first === 'endDate') return 'end';
  return String(first ?? '');
}
