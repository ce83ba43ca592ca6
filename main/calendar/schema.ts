/**
 * The calendar's part of the API: zod schemas of every input and the types of every answer.
 * People pick times on the wall clock of a zone ("2025-03-22T10:00" in Asia/Tehran); the
 * backend turns them into UTC milliseconds, stored with the zone. All-day items are dates.
 */
import { z } from 'zod';
import { MAX_OCCURRENCES, WEEKDAYS, type Recurrence } from './recurrence';
import { CHANNELS, TEMPLATE_EVENTS } from './templates';
import { daysBetween, isZone, parseDate, parseLocal } from '../api/zoned-time';

export const ACCESS_LEVELS = ['none', 'read', 'read-write'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
export const ATTENDEE_STATUSES = ['invited', 'accepted', 'declined', 'maybe', 'attended', 'absent'] as const;
export type AttendeeStatus = (typeof ATTENDEE_STATUSES)[number];
export const VIEWS = ['day', 'week', 'month', 'agenda', 'timeline'] as const;
export type CalendarView = (typeof VIEWS)[number];
export const OCCASION_KINDS = ['solar', 'lunar', 'gregorian', 'closure'] as const;
export type OccasionKind = (typeof OCCASION_KINDS)[number];
export type { Channel, TemplateEvent, TemplateParameter } from './templates';
export type { Recurrence, WeekdayCode } from './recurrence';

/** The longest single occurrence; bounds every "what overlaps this range" query. */
export const MAX_SPAN_DAYS = 62;
/** The widest range a list may ask for (a month view with its leading and trailing weeks). */
export const MAX_RANGE_DAYS = 62;

const id = z.uuid();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));

export const LocalDateTime = z.string().refine((s) => parseLocal(s) !== null, 'calendar.time.format');
export const PlainDate = z.string().refine((s) => parseDate(s) !== null, 'calendar.date.format');
export const Zone = z.string().max(64).refine(isZone, 'calendar.zone.unknown');
const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'calendar.colour.format');
const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'calendar.time.hoursFormat');

// ---- Calendars ----

export const AccessEntry = z.union([
  z.object({ userId: id, access: z.enum(ACCESS_LEVELS) }).strict(),
  z.object({ groupId: id, access: z.enum(ACCESS_LEVELS) }).strict(),
]);
export const CalendarInput = z.object({
  name: text(100),
  colour: Colour,
  ownerId: id.nullish(),
  defaultAccess: z.enum(ACCESS_LEVELS).default('none'),
  access: z.array(AccessEntry).max(500).default([]),
});
export const CalendarUpdate = CalendarInput.extend({ id });
export type CalendarInputValue = z.output<typeof CalendarInput>;
export const Ref = z.object({ id });

// ---- Appointments ----

export const RecurrenceInput = z
  .object({
    freq: z.enum(['daily', 'weekly', 'monthly']),
    interval: z.number().int().min(1).max(99).default(1),
    weekdays: z.array(z.enum(WEEKDAYS)).max(7).optional(),
    monthDay: z.number().int().min(-1).max(31).refine((n) => n !== 0).optional(),
    until: PlainDate.optional(),
    count: z.number().int().min(1).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.until === undefined && r.count === undefined) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'calendar.recurrence.unbounded' });
    }
    if (r.until !== undefined && r.count !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: 'calendar.recurrence.bothEnds' });
    }
    // Counted in the schema so the form shows it with the other errors; an UNTIL date too
    // far away is caught when the rule is expanded (before anything is written).
    if (r.count !== undefined && r.count > MAX_OCCURRENCES) {
      ctx.addIssue({ code: 'custom', path: ['count'], message: 'calendar.recurrence.tooMany', params: { limit: MAX_OCCURRENCES } });
    }
  });

export const AttendeeInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: id, mandatory: z.boolean().default(false) }),
  z.object({ kind: z.literal('identity'), identityId: id, mandatory: z.boolean().default(false) }),
  z.object({
    kind: z.literal('adhoc'),
    name: text(200),
    phone: optionalText(40),
    email: z.string().trim().toLowerCase().pipe(z.email()).optional().or(z.literal('').transform(() => undefined)),
    fax: optionalText(40),
    mandatory: z.boolean().default(false),
  }),
]);
export type AttendeeInput = z.output<typeof AttendeeInput>;

export const LocationInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('room'), roomId: id }),
  /** At the customer's place: the related identity's address, or what is typed. */
  z.object({ kind: z.literal('customer'), text: optionalText(300) }),
  z.object({ kind: z.literal('text'), text: text(300) }),
]);
export type LocationInput = z.output<typeof LocationInput>;

const When = {
  allDay: z.boolean().default(false),
  /** Timed: wall-clock start and end in `zone`. */
  start: LocalDateTime.optional(),
  end: LocalDateTime.optional(),
  /** All-day: first and last date (inclusive). */
  startDate: PlainDate.optional(),
  endDate: PlainDate.optional(),
  /** Default: the office's zone (calendar settings). */
  zone: Zone.optional(),
};

interface WhenFields {
  allDay: boolean;
  start?: string | undefined;
  end?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
}

function checkWhen(v: WhenFields, ctx: z.RefinementCtx): void {
  if (v.allDay) {
    if (!v.startDate || !v.endDate) {
      ctx.addIssue({ code: 'custom', path: [v.startDate ? 'endDate' : 'startDate'], message: 'calendar.time.missing' });
      return;
    }
    if (parseDate(v.startDate) && parseDate(v.endDate)) {
      const days = daysBetween(v.startDate, v.endDate);
      if (days < 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'calendar.time.endBeforeStart' });
      if (days >= MAX_SPAN_DAYS) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'calendar.time.tooLong', params: { days: MAX_SPAN_DAYS } });
    }
    return;
  }
  if (!v.start || !v.end) {
    ctx.addIssue({ code: 'custom', path: [v.start ? 'end' : 'start'], message: 'calendar.time.missing' });
    return;
  }
  const s = parseLocal(v.start);
  const e = parseLocal(v.end);
  if (!s || !e) return;
  // Compared as wall clocks; the zone's offset cannot reverse two times an hour apart.
  if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'calendar.time.endBeforeStart' });
  else if (daysBetween(v.start.slice(0, 10), v.end.slice(0, 10)) > MAX_SPAN_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'calendar.time.tooLong', params: { days: MAX_SPAN_DAYS } });
  }
}

/** Channels the invitations go out on (in-app for users; SMS and email where there is an address). */
const Notify = z.array(z.enum(CHANNELS)).max(3).default(['inapp', 'sms', 'email']);

const AppointmentFields = z.object({
  calendarId: id,
  subject: text(300),
  description: optionalText(10_000),
  /** Default: the caller. */
  coordinatorId: id.nullish(),
  ...When,
  location: LocationInput.default({ kind: 'none' }),
  identityId: id.nullish(),
  attendees: z.array(AttendeeInput).max(300).default([]),
  recurrence: RecurrenceInput.nullish(),
  notify: Notify,
  /** Save even though the room or a mandatory attendee is busy; recorded. */
  override: z.boolean().default(false),
});

/** Which part of a series a change is for: the whole series, or one occurrence (by its start). */
const Scope = {
  scope: z.enum(['series', 'occurrence']).default('series'),
  occurrence: z.number().int().optional(),
};

/** scope 'occurrence' must say which occurrence. */
function checkScope(v: { scope: 'series' | 'occurrence'; occurrence?: number | undefined }, ctx: z.RefinementCtx): void {
  if (v.scope === 'occurrence' && v.occurrence === undefined) {
    ctx.addIssue({ code: 'custom', path: ['occurrence'], message: 'calendar.scope.occurrence' });
  }
}

export const AppointmentCreate = AppointmentFields.superRefine(checkWhen);
export type AppointmentCreate = z.output<typeof AppointmentCreate>;

/** What saving would clash with (no write); for an edit, the appointment (or occurrence) it replaces. */
export const AppointmentCheck = AppointmentFields.extend({ id: id.optional(), ...Scope }).superRefine(checkWhen);
export type AppointmentCheck = z.output<typeof AppointmentCheck>;

/**
 * An edit sends the whole appointment. scope 'occurrence' changes one occurrence of a
 * series (its time, subject, description and place); attendees and repetition belong to
 * the series.
 */
export const AppointmentUpdate = AppointmentFields.extend({ id, ...Scope }).superRefine((v, ctx) => {
  checkWhen(v, ctx);
  checkScope(v, ctx);
});
export type AppointmentUpdate = z.output<typeof AppointmentUpdate>;

/** Drag to move or resize: new times for the series (moved by the same amount) or one occurrence. */
export const AppointmentMove = z
  .object({ id, ...Scope, ...When, override: z.boolean().default(false), notify: Notify })
  .superRefine((v, ctx) => {
    checkWhen(v, ctx);
    checkScope(v, ctx);
  });
export type AppointmentMove = z.output<typeof AppointmentMove>;

export const AppointmentCancel = z
  .object({ id, ...Scope, notify: Notify })
  .superRefine(checkScope);

export const Respond = z.object({
  appointmentId: id,
  /** Default: the caller's own invitation. Another's answer needs read-write on the calendar. */
  attendeeId: id.optional(),
  status: z.enum(['accepted', 'declined', 'maybe']),
});
export const Attendance = z.object({
  appointmentId: id,
  attendeeId: id,
  status: z.enum(['attended', 'absent']),
});

const IdList = z.array(id).max(500);

function checkRange(v: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (!parseDate(v.from) || !parseDate(v.to)) return;
  const days = daysBetween(v.from, v.to);
  if (days < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.range.order' });
  else if (days >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.range.tooLong', params: { days: MAX_RANGE_DAYS } });
}

/**
 * Occurrences from `from` to `to` (inclusive dates in the office's zone). Filters of the
 * same type are OR'ed, different types AND'ed: users [A, B] and room R means "A or B
 * attends, and it is in R".
 */
export const AppointmentQuery = z
  .object({
    from: PlainDate,
    to: PlainDate,
    calendarIds: IdList.optional(),
    userIds: IdList.optional(),
    identityIds: IdList.optional(),
    roomIds: IdList.optional(),
    location: z.string().trim().max(200).optional(),
    /** Add each occurrence's invited users (the people timeline). */
    people: z.boolean().default(false),
  })
  .superRefine(checkRange);
export type AppointmentQuery = z.input<typeof AppointmentQuery>;

/** "Is room X free on Tuesday 10:00–11:00?", "Is the CEO invited to anything tomorrow?" */
export const AvailabilityQuery = z
  .object({
    start: LocalDateTime,
    end: LocalDateTime,
    zone: Zone.optional(),
    roomIds: IdList.optional(),
    /** Every room: which of them are free. */
    allRooms: z.boolean().default(false),
    userIds: IdList.optional(),
    identityIds: IdList.optional(),
  })
  .superRefine((v, ctx) => checkWhen({ ...v, allDay: false }, ctx));
export type AvailabilityQuery = z.output<typeof AvailabilityQuery>;

export const CartableQuery = z
  .object({
    role: z.enum(['all', 'coordinating', 'invited']).default('all'),
    /** Appointments where an attendee has this status. */
    status: z.enum(ATTENDEE_STATUSES).optional(),
    from: PlainDate.optional(),
    to: PlainDate.optional(),
    after: z.object({ start: z.number().int(), id }).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && parseDate(v.from) && parseDate(v.to) && daysBetween(v.from, v.to) < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.range.order' });
    }
  });
export type CartableQuery = z.output<typeof CartableQuery>;

// ---- Occasions, settings, templates, preferences, messages, iCalendar ----

export const OccasionInput = z.object({
  date: PlainDate,
  titleFa: text(200),
  titleEn: optionalText(200),
  dayOff: z.boolean().default(false),
  kind: z.enum(OCCASION_KINDS).default('closure'),
  note: optionalText(1000),
});
export const OccasionUpdate = OccasionInput.extend({ id });
export type OccasionInputValue = z.output<typeof OccasionInput>;
export const OccasionYear = z.object({ year: z.number().int().min(1300).max(1500) });

export const CalendarSettingsPatch = z
  .object({
    weekendDays: z.array(z.number().int().min(0).max(6)).max(6).optional(),
    workStart: HourMinute.optional(),
    workEnd: HourMinute.optional(),
    zone: Zone.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.workStart && v.workEnd && v.workEnd <= v.workStart) {
      ctx.addIssue({ code: 'custom', path: ['workEnd'], message: 'calendar.settings.hours' });
    }
    if (v.weekendDays && new Set(v.weekendDays).size > 6) {
      ctx.addIssue({ code: 'custom', path: ['weekendDays'], message: 'calendar.settings.allWeekend' });
    }
  });

export const TemplateInput = z.object({
  event: z.enum(TEMPLATE_EVENTS),
  channel: z.enum(CHANNELS),
  subject: optionalText(200),
  body: text(4000),
});
export const TemplateReset = z.object({ event: z.enum(TEMPLATE_EVENTS), channel: z.enum(CHANNELS) });

export const PreferencesPatch = z.object({
  shownCalendarIds: IdList.nullish(),
  view: z.enum(VIEWS).optional(),
  hours: z.enum(['working', 'all']).optional(),
});

export const IcsExport = z
  .object({ calendarId: id.optional(), from: PlainDate.optional(), to: PlainDate.optional() })
  .superRefine((v, ctx) => {
    if (v.from && v.to && parseDate(v.from) && parseDate(v.to) && daysBetween(v.from, v.to) < 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'calendar.range.order' });
    }
  });
export const IcsImport = z.object({ calendarId: id, text: z.string().min(1).max(5_000_000) });

// ---- Answers ----

export interface AccessEntryView {
  userId?: string;
  groupId?: string;
  access: AccessLevel;
}
export interface CalendarInfo {
  id: string;
  name: string;
  colour: string;
  kind: 'regular' | 'occasions';
  ownerId: string | null;
  defaultAccess: AccessLevel;
  /** The caller's access. */
  access: AccessLevel;
  /** Shown in the caller's work calendar. */
  shown: boolean;
  /** Only for those who manage calendars. */
  entries?: AccessEntryView[];
}

export interface OccurrenceView {
  /** appointmentId:original — unique in a list. */
  key: string;
  appointmentId: string;
  /** The occurrence's key in its series; null for a single appointment. */
  occurrence: number | null;
  calendarId: string;
  subject: string;
  start: number;
  end: number;
  /** Wall clock in the office's zone: what the grid positions by. */
  startLocal: string;
  endLocal: string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  roomId: string | null;
  location: string | null;
  recurring: boolean;
  /** This occurrence differs from its series. */
  changed: boolean;
  /** Users invited (only when the query asks for people). */
  userIds: string[];
  canEdit: boolean;
}

export interface OccasionView {
  id: string;
  year: number;
  date: string;
  jalaliDate: string;
  titleFa: string;
  titleEn: string | null;
  dayOff: boolean;
  kind: OccasionKind;
  uncertain: boolean;
  note: string | null;
}

export interface CalendarRange {
  from: string;
  to: string;
  zone: string;
  occurrences: OccurrenceView[];
  /** Occasions in the range, when the occasions calendar is readable. */
  occasions: OccasionView[];
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface AttendeeView {
  id: string;
  kind: 'user' | 'identity' | 'adhoc';
  userId: string | null;
  identityId: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  fax: string | null;
  mandatory: boolean;
  status: AttendeeStatus;
  respondedAt: number | null;
}

export interface LocationView {
  kind: 'none' | 'room' | 'customer' | 'text';
  roomId: string | null;
  roomName: string | null;
  text: string | null;
}

export interface ExceptionView {
  occurrence: number;
  cancelled: boolean;
  start: number | null;
  end: number | null;
  subject: string | null;
  description: string | null;
  location: LocationView | null;
}

export interface Appointment {
  id: string;
  calendarId: string;
  subject: string;
  description: string | null;
  coordinator: PersonRef | null;
  allDay: boolean;
  start: number;
  end: number;
  startLocal: string;
  endLocal: string;
  startDate: string | null;
  endDate: string | null;
  zone: string;
  location: LocationView;
  identity: PersonRef | null;
  rrule: string | null;
  /** The form's reading of the rule; null when not repeating or when the rule says more (an imported one). */
  recurrence: Recurrence | null;
  attendees: AttendeeView[];
  exceptions: ExceptionView[];
  canEdit: boolean;
  /** The caller's own invitation, if any. */
  myAttendeeId: string | null;
  overrides: number;
  sequence: number;
  updatedAt: number;
}

export interface Clash {
  resource: { kind: 'room' | 'user' | 'identity'; id: string; name: string };
  appointmentId: string;
  occurrence: number;
  /** Hidden (null) when the caller may not read that calendar: "busy" is all they learn. */
  subject: string | null;
  start: number;
  end: number;
  startLocal: string;
  endLocal: string;
}

export interface Slot {
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  /** All-day proposals: the dates. */
  startDate?: string;
  endDate?: string;
}

export interface ConflictReport {
  conflicts: Clash[];
  proposals: Slot[];
}

export interface ResourceAvailability {
  kind: 'room' | 'user' | 'identity';
  id: string;
  name: string;
  free: boolean;
  busy: Clash[];
  /** Rooms: capacity and equipment, to choose among free ones. */
  capacity?: number | null;
  equipment?: string[];
}
export interface Availability {
  start: number;
  end: number;
  rooms: ResourceAvailability[];
  people: ResourceAvailability[];
}

export interface CartableItem {
  appointmentId: string;
  calendarId: string;
  subject: string;
  start: number;
  end: number;
  startLocal: string;
  allDay: boolean;
  recurring: boolean;
  location: string | null;
  coordinator: PersonRef | null;
  /** The caller coordinates it. */
  coordinating: boolean;
  myAttendeeId: string | null;
  myStatus: AttendeeStatus | null;
  attendees: { id: string; name: string; kind: 'user' | 'identity' | 'adhoc'; status: AttendeeStatus; mandatory: boolean }[];
}
export interface CartablePage {
  items: CartableItem[];
  next: { start: number; id: string } | null;
}

export interface TodayItem {
  appointmentId: string;
  occurrence: number | null;
  subject: string;
  start: number;
  end: number;
  startLocal: string;
  endLocal: string;
  allDay: boolean;
  location: string | null;
  identity: PersonRef | null;
  myStatus: AttendeeStatus | null;
}

export interface CalendarSettings {
  weekendDays: number[];
  workStart: string;
  workEnd: string;
  zone: string;
}

export interface TemplateView {
  event: (typeof TEMPLATE_EVENTS)[number];
  channel: (typeof CHANNELS)[number];
  subject: string | null;
  body: string;
  /** false: the built-in text (not edited). */
  custom: boolean;
}
export interface TemplatePreview {
  subject: string | null;
  body: string;
}

export interface Preferences {
  shownCalendarIds: string[] | null;
  view: CalendarView;
  hours: 'working' | 'all';
}

/** An appointment in an identity's history (the `data` of a timeline item of kind 'appointment'). */
export interface AppointmentTimelineData {
  appointmentId: string;
  subject: string;
  start: number;
  end: number;
  startLocal: string;
  endLocal: string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  recurring: boolean;
  cancelled: boolean;
  /** The identity's answer, when it is an attendee. */
  status: AttendeeStatus | null;
}

export interface ImportResult {
  imported: number;
  /** Events whose UID is already here (imported before). */
  skipped: number;
  /** Repeating events without an end, bounded to the occurrence limit. */
  bounded: number;
}
