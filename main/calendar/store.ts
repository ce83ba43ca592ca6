/**
 * The calendar's SQL: prepared statements over its own tables (db/migrations/0007_calendar.sql).
 * Writes of synced rows go through the Writer; the derived occurrence index
 * (appointment_occurrences) is written here directly, inside the same transaction, like
 * the search index: it is rebuilt from the rows and never synced.
 */
import type { Store } from '../../db/writer';
import type { AccessLevel, AttendeeStatus, OccasionKind } from './schema';

export interface CalendarRow {
  id: string;
  name: string;
  colour: string;
  kind: 'regular' | 'occasions';
  owner_id: string | null;
  default_access: AccessLevel;
}
export interface AccessRow {
  id: string;
  calendar_id: string;
  user_id: string | null;
  group_id: string | null;
  access: AccessLevel;
}
export interface AppointmentRow {
  id: string;
  calendar_id: string;
  subject: string;
  description: string | null;
  coordinator_id: string | null;
  all_day: number;
  start_at: number;
  end_at: number;
  start_date: string | null;
  end_date: string | null;
  zone: string;
  location_kind: 'none' | 'room' | 'customer' | 'text';
  room_id: string | null;
  location_text: string | null;
  identity_id: string | null;
  rrule: string | null;
  series_end_at: number;
  ical_uid: string | null;
  sequence: number;
  created_by: string | null;
  updated_at: number;
  deleted_at: number | null;
}
export interface ExceptionRow {
  id: string;
  appointment_id: string;
  occurrence_start: number;
  cancelled: number;
  start_at: number | null;
  end_at: number | null;
  subject: string | null;
  description: string | null;
  location_kind: 'none' | 'room' | 'customer' | 'text' | null;
  room_id: string | null;
  location_text: string | null;
}
export interface AttendeeRow {
  id: string;
  appointment_id: string;
  kind: 'user' | 'identity' | 'adhoc';
  user_id: string | null;
  identity_id: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  fax: string | null;
  mandatory: number;
  status: AttendeeStatus;
  responded_at: number | null;
}
export interface OccurrenceRow {
  appointment_id: string;
  original: number;
  calendar_id: string;
  start_at: number;
  end_at: number;
  room_id: string | null;
  subject: string;
  location_text: string | null;
  changed: number;
  all_day: number;
  recurring: number;
  indexed_at: number;
}
export interface ListedOccurrenceRow extends OccurrenceRow {
  /** Only when asked for (the people timeline): invited users, comma-separated. */
  user_ids: string | null;
}
export interface BusyRow {
  appointment_id: string;
  original: number;
  calendar_id: string;
  start_at: number;
  end_at: number;
  subject: string;
  room_id: string | null;
  user_id: string | null;
  identity_id: string | null;
}
export interface OccasionRow {
  id: string;
  year: number;
  date: string;
  jalali_date: string;
  title_fa: string;
  title_en: string | null;
  day_off: number;
  kind: OccasionKind;
  uncertain: number;
  note: string | null;
}
export interface TemplateRow {
  id: string;
  event: string;
  channel: 'inapp' | 'sms' | 'email';
  subject: string | null;
  body: string;
}
export interface PreferencesRow {
  id: string;
  user_id: string;
  shown: string;
  view: string;
  hours: 'working' | 'all';
}

/** A JSON array bound as one parameter: one statement text whatever the list's length. */
const json = (ids: readonly string[] | undefined) => (ids && ids.length > 0 ? JSON.stringify(ids) : null);

/** One table, one index range; every filter is skipped by a NULL parameter when not asked for. */
const OCCURRENCE_LIST = (people: boolean) => `SELECT o.appointment_id, o.original, o.calendar_id, o.start_at, o.end_at, o.room_id, o.subject,
    o.location_text, o.changed, o.all_day, o.recurring, ${
      people
        ? `(SELECT group_concat(t.user_id) FROM appointment_attendees t
      WHERE t.appointment_id = o.appointment_id AND t.user_id IS NOT NULL AND t.deleted_at IS NULL)`
        : 'NULL'
    } AS user_ids
  FROM appointment_occurrences o
  WHERE o.start_at >= ? AND o.start_at < ? AND o.end_at > ?
    AND (? IS NULL OR o.calendar_id IN (SELECT value FROM json_each(?)))
    AND (? IS NULL OR o.room_id IN (SELECT value FROM json_each(?)))
    AND (? IS NULL OR EXISTS (SELECT 1 FROM appointment_attendees t WHERE t.appointment_id = o.appointment_id
         AND t.deleted_at IS NULL AND t.user_id IN (SELECT value FROM json_each(?))))
    AND (? IS NULL OR EXISTS (SELECT 1 FROM appointments a WHERE a.id = o.appointment_id AND a.identity_id IN (SELECT value FROM json_each(?)))
         OR EXISTS (SELECT 1 FROM appointment_attendees t
         WHERE t.appointment_id = o.appointment_id AND t.deleted_at IS NULL AND t.identity_id IN (SELECT value FROM json_each(?))))
    AND (? IS NULL OR instr(lower(coalesce(o.location_text, '')), lower(?)) > 0)
  ORDER BY o.start_at, o.appointment_id`;

export interface OccurrenceFilter {
  /** Occurrences overlapping [from, to). */
  from: number;
  to: number;
  /** The longest occurrence: an occurrence starting earlier than from − span cannot overlap. */
  span: number;
  /** null: every calendar (the caller reads them all). */
  calendarIds: readonly string[] | null;
  /** Add the invited users of each occurrence. */
  people?: boolean;
  roomIds?: readonly string[] | undefined;
  userIds?: readonly string[] | undefined;
  identityIds?: readonly string[] | undefined;
  location?: string | undefined;
}

export class CalendarStore {
  private longest: number | null = null;

  constructor(readonly store: Store) {
    store.onCommit((info) => {
      if (info.tables.some((t) => t === 'appointments' || t === 'appointment_exceptions')) this.longest = null;
    });
  }

  /**
   * The longest occurrence in the index (ms). Range queries scan starts from `from − this`
   * instead of a fixed worst case: most offices never book anything longer than a day.
   */
  longestOccurrence(): number {
    this.longest ??= (this.store.sql('SELECT coalesce(max(end_at - start_at), 0) FROM appointment_occurrences').pluck().get() as number);
    return this.longest;
  }

  // ---- calendars ----

  calendars(): CalendarRow[] {
    return this.store
      .sql('SELECT id, name, colour, kind, owner_id, default_access FROM calendars WHERE deleted_at IS NULL ORDER BY kind DESC, name')
      .all() as CalendarRow[];
  }

  calendar(id: string): CalendarRow | undefined {
    return this.store
      .sql('SELECT id, name, colour, kind, owner_id, default_access FROM calendars WHERE id = ? AND deleted_at IS NULL')
      .get(id) as CalendarRow | undefined;
  }

  accessEntries(): AccessRow[] {
    return this.store
      .sql('SELECT id, calendar_id, user_id, group_id, access FROM calendar_access WHERE deleted_at IS NULL')
      .all() as AccessRow[];
  }

  accessEntriesOf(calendarId: string): AccessRow[] {
    return this.store
      .sql('SELECT id, calendar_id, user_id, group_id, access FROM calendar_access WHERE calendar_id = ? AND deleted_at IS NULL')
      .all(calendarId) as AccessRow[];
  }

  occasionsCalendarId(): string | undefined {
    return this.store.sql("SELECT id FROM calendars WHERE kind = 'occasions' AND deleted_at IS NULL LIMIT 1").pluck().get() as
      | string
      | undefined;
  }

  // ---- appointments ----

  appointment(id: string): AppointmentRow | undefined {
    return this.store.sql('SELECT * FROM appointments WHERE id = ? AND deleted_at IS NULL').get(id) as AppointmentRow | undefined;
  }

  /** Whether any row, cancelled ones included, has this id. */
  appointmentIdTaken(id: string): boolean {
    return this.store.sql('SELECT 1 FROM appointments WHERE id = ?').get(id) !== undefined;
  }

  appointmentByUid(uid: string): string | undefined {
    return this.store
      .sql('SELECT id FROM appointments WHERE (ical_uid = ? OR id = ?) AND deleted_at IS NULL LIMIT 1')
      .pluck()
      .get(uid, uid) as string | undefined;
  }

  appointmentsOf(calendarIds: readonly string[], from: number | null, to: number | null): AppointmentRow[] {
    return this.store
      .sql(
        `SELECT * FROM appointments WHERE deleted_at IS NULL AND calendar_id IN (SELECT value FROM json_each(?))
           AND (? IS NULL OR series_end_at > ?) AND (? IS NULL OR start_at < ?) ORDER BY start_at, id`,
      )
      .all(json(calendarIds) ?? '[]', from, from, to, to) as AppointmentRow[];
  }

  attendees(appointmentId: string): AttendeeRow[] {
    return this.store
      .sql(
        `SELECT id, appointment_id, kind, user_id, identity_id, name, phone, email, fax, mandatory, status, responded_at
         FROM appointment_attendees WHERE appointment_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
      )
      .all(appointmentId) as AttendeeRow[];
  }

  exceptions(appointmentId: string): ExceptionRow[] {
    return this.store
      .sql(
        `SELECT id, appointment_id, occurrence_start, cancelled, start_at, end_at, subject, description, location_kind, room_id,
           location_text FROM appointment_exceptions WHERE appointment_id = ? AND deleted_at IS NULL ORDER BY occurrence_start`,
      )
      .all(appointmentId) as ExceptionRow[];
  }

  overrideCount(appointmentId: string): number {
    return this.store
      .sql('SELECT count(*) FROM calendar_conflict_overrides WHERE appointment_id = ? AND deleted_at IS NULL')
      .pluck()
      .get(appointmentId) as number;
  }

  // ---- the occurrence index (derived) ----

  replaceOccurrences(appointmentId: string, rows: readonly OccurrenceRow[]): void {
    this.store.sql('DELETE FROM appointment_occurrences WHERE appointment_id = ?').run(appointmentId);
    const insert = this.store.sql(
      `INSERT INTO appointment_occurrences (appointment_id, original, calendar_id, start_at, end_at, room_id, subject, location_text, changed,
         all_day, recurring, indexed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of rows) {
      insert.run(
        r.appointment_id,
        r.original,
        r.calendar_id,
        r.start_at,
        r.end_at,
        r.room_id,
        r.subject,
        r.location_text,
        r.changed,
        r.all_day,
        r.recurring,
        r.indexed_at,
      );
      if (this.longest !== null && r.end_at - r.start_at > this.longest) this.longest = r.end_at - r.start_at;
    }
  }

  /** Appointments whose index rows are missing or older than the row (changed by sync), and index rows of cancelled ones. */
  staleIndex(): { reindex: string[]; drop: string[] } {
    const reindex = this.store
      .sql(
        `SELECT a.id FROM appointments a
         LEFT JOIN (SELECT appointment_id, max(indexed_at) AS at FROM appointment_occurrences GROUP BY appointment_id) o
           ON o.appointment_id = a.id
         WHERE a.deleted_at IS NULL AND (o.at IS NULL OR o.at <> a.updated_at)`,
      )
      .pluck()
      .all() as string[];
    const drop = this.store
      .sql(
        `SELECT DISTINCT o.appointment_id FROM appointment_occurrences o
         WHERE NOT EXISTS (SELECT 1 FROM appointments a WHERE a.id = o.appointment_id AND a.deleted_at IS NULL)`,
      )
      .pluck()
      .all() as string[];
    return { reindex, drop };
  }

  occurrence(appointmentId: string, original: number): OccurrenceRow | undefined {
    return this.store
      .sql('SELECT * FROM appointment_occurrences WHERE appointment_id = ? AND original = ?')
      .get(appointmentId, original) as OccurrenceRow | undefined;
  }

  occurrencesOf(appointmentId: string): OccurrenceRow[] {
    return this.store
      .sql('SELECT * FROM appointment_occurrences WHERE appointment_id = ? ORDER BY start_at')
      .all(appointmentId) as OccurrenceRow[];
  }

  listOccurrences(f: OccurrenceFilter): ListedOccurrenceRow[] {
    const rooms = json(f.roomIds);
    const users = json(f.userIds);
    const identities = json(f.identityIds);
    const location = f.location ? f.location : null;
    const calendars = f.calendarIds === null ? null : JSON.stringify(f.calendarIds);
    return this.store
      .sql(OCCURRENCE_LIST(f.people === true))
      .all(f.from - f.span, f.to, f.from, calendars, calendars, rooms, rooms, users, users, identities, identities, identities, location, location) as ListedOccurrenceRow[];
  }

  /** Occurrences in the rooms overlapping [from, to), except the appointment (or one occurrence) being edited. */
  busyRooms(roomIds: readonly string[], from: number, to: number, span: number, exclude: Exclusion): BusyRow[] {
    if (roomIds.length === 0) return [];
    return this.store
      .sql(
        `SELECT o.appointment_id, o.original, o.calendar_id, o.start_at, o.end_at, o.subject, o.room_id, NULL AS user_id, NULL AS identity_id
         FROM appointment_occurrences o
         WHERE o.room_id IN (SELECT value FROM json_each(?)) AND o.start_at >= ? AND o.start_at < ? AND o.end_at > ?
           AND NOT (o.appointment_id = ? AND (? IS NULL OR o.original = ?))
         ORDER BY o.start_at`,
      )
      .all(JSON.stringify(roomIds), from - span, to, from, exclude.appointmentId, exclude.occurrence, exclude.occurrence) as BusyRow[];
  }

  /** Occurrences the people attend (not declined) overlapping [from, to). */
  busyPeople(userIds: readonly string[], identityIds: readonly string[], from: number, to: number, span: number, exclude: Exclusion): BusyRow[] {
    if (userIds.length === 0 && identityIds.length === 0) return [];
    return this.store
      .sql(
        // From the people's few attendee rows (their indexes) to those appointments'
        // occurrences, never the other way round: a range of weeks holds thousands of
        // occurrences of other people (the planner, left alone, scanned them all first).
        `WITH mine AS (
           SELECT appointment_id, user_id, NULL AS identity_id FROM appointment_attendees
            WHERE user_id IN (SELECT value FROM json_each(?)) AND user_id IS NOT NULL AND deleted_at IS NULL AND status <> 'declined'
           UNION ALL
           SELECT appointment_id, NULL, identity_id FROM appointment_attendees
            WHERE identity_id IN (SELECT value FROM json_each(?)) AND identity_id IS NOT NULL AND deleted_at IS NULL AND status <> 'declined')
         SELECT o.appointment_id, o.original, o.calendar_id, o.start_at, o.end_at, o.subject, o.room_id, t.user_id, t.identity_id
         FROM mine t CROSS JOIN appointment_occurrences o ON o.appointment_id = t.appointment_id
         WHERE o.start_at >= ? AND o.start_at < ? AND o.end_at > ?
           AND NOT (o.appointment_id = ? AND (? IS NULL OR o.original = ?))
         ORDER BY o.start_at, o.appointment_id, o.original`,
      )
      .all(
        JSON.stringify(userIds),
        JSON.stringify(identityIds),
        from - span,
        to,
        from,
        exclude.appointmentId,
        exclude.occurrence,
        exclude.occurrence,
      ) as BusyRow[];
  }

  // ---- cartable and today ----

  /** Appointments the user coordinates or is invited to, newest first, keyset-paged on (start_at, id). */
  cartable(q: {
    userId: string;
    role: 'all' | 'coordinating' | 'invited';
    status: AttendeeStatus | null;
    from: number | null;
    to: number | null;
    after: { start: number; id: string } | null;
    limit: number;
  }): AppointmentRow[] {
    return this.store
      .sql(
        `SELECT a.* FROM appointments a
         WHERE a.deleted_at IS NULL
           AND ((? IN ('all', 'coordinating') AND a.coordinator_id = ?)
             OR (? IN ('all', 'invited') AND EXISTS (SELECT 1 FROM appointment_attendees t
                  WHERE t.appointment_id = a.id AND t.user_id = ? AND t.deleted_at IS NULL)))
           AND (? IS NULL OR EXISTS (SELECT 1 FROM appointment_attendees t WHERE t.appointment_id = a.id AND t.status = ? AND t.deleted_at IS NULL))
           AND (? IS NULL OR a.series_end_at > ?) AND (? IS NULL OR a.start_at < ?)
           AND (? IS NULL OR (a.start_at, a.id) < (?, ?))
         ORDER BY a.start_at DESC, a.id DESC LIMIT ?`,
      )
      .all(
        q.role,
        q.userId,
        q.role,
        q.userId,
        q.status,
        q.status,
        q.from,
        q.from,
        q.to,
        q.to,
        q.after?.start ?? null,
        q.after?.start ?? null,
        q.after?.id ?? null,
        q.limit,
      ) as AppointmentRow[];
  }

  /** Occurrences overlapping [from, to) that the user attends or coordinates, earliest first. */
  mine(userId: string, from: number, to: number, span: number): (OccurrenceRow & { identity_id: string | null })[] {
    return this.store
      .sql(
        `SELECT o.*, a.identity_id FROM appointment_occurrences o
         JOIN appointments a ON a.id = o.appointment_id
         WHERE o.start_at >= ? AND o.start_at < ? AND o.end_at > ?
           AND (a.coordinator_id = ? OR EXISTS (SELECT 1 FROM appointment_attendees t
                WHERE t.appointment_id = a.id AND t.user_id = ? AND t.deleted_at IS NULL))
         ORDER BY o.start_at, o.appointment_id`,
      )
      .all(from - span, to, from, userId, userId) as (OccurrenceRow & { identity_id: string | null })[];
  }

  /** Appointments related to the identity (as the customer or an attendee), newest first. */
  ofIdentity(identityId: string, before: { at: number; key: string } | null, limit: number): AppointmentRow[] {
    return this.store
      .sql(
        `SELECT a.* FROM appointments a
         WHERE (a.identity_id = ? OR a.id IN (SELECT appointment_id FROM appointment_attendees WHERE identity_id = ? AND deleted_at IS NULL))
           AND (? IS NULL OR (a.start_at, a.id) < (?, ?))
         ORDER BY a.start_at DESC, a.id DESC LIMIT ?`,
      )
      .all(identityId, identityId, before?.at ?? null, before?.at ?? null, before?.key ?? null, limit) as AppointmentRow[];
  }

  // ---- occasions ----

  occasionsOfYear(year: number): OccasionRow[] {
    return this.store
      .sql('SELECT * FROM occasions WHERE year = ? AND deleted_at IS NULL ORDER BY date, day_off DESC, id')
      .all(year) as OccasionRow[];
  }

  occasionsBetween(fromDate: string, toDate: string): OccasionRow[] {
    return this.store
      .sql('SELECT * FROM occasions WHERE date >= ? AND date <= ? AND deleted_at IS NULL ORDER BY date, day_off DESC, id')
      .all(fromDate, toDate) as OccasionRow[];
  }

  daysOffBetween(fromDate: string, toDate: string): string[] {
    return this.store
      .sql('SELECT DISTINCT date FROM occasions WHERE day_off = 1 AND date >= ? AND date <= ? AND deleted_at IS NULL')
      .pluck()
      .all(fromDate, toDate) as string[];
  }

  occasion(id: string): OccasionRow | undefined {
    return this.store.sql('SELECT * FROM occasions WHERE id = ? AND deleted_at IS NULL').get(id) as OccasionRow | undefined;
  }

  /** Any calendar row with this id, deleted or not (the shipped calendars are made once). */
  hasCalendarRow(id: string): boolean {
    return this.store.sql('SELECT 1 FROM calendars WHERE id = ?').get(id) !== undefined;
  }

  hasOccasion(id: string): boolean {
    return this.store.sql('SELECT 1 FROM occasions WHERE id = ?').get(id) !== undefined;
  }

  // ---- settings, templates, preferences, messages ----

  setting(key: string): string | undefined {
    return this.store.sql('SELECT value FROM calendar_settings WHERE id = ? AND deleted_at IS NULL').pluck().get(key) as
      | string
      | undefined;
  }

  hasSetting(key: string): boolean {
    return this.store.sql('SELECT 1 FROM calendar_settings WHERE id = ?').get(key) !== undefined;
  }

  templates(): TemplateRow[] {
    return this.store
      .sql("SELECT id, event, channel, subject, body FROM message_templates WHERE event LIKE 'calendar.%' AND deleted_at IS NULL")
      .all() as TemplateRow[];
  }

  template(event: string, channel: string): TemplateRow | undefined {
    return this.store
      .sql('SELECT id, event, channel, subject, body FROM message_templates WHERE event = ? AND channel = ? AND deleted_at IS NULL')
      .get(event, channel) as TemplateRow | undefined;
  }

  preferences(userId: string): PreferencesRow | undefined {
    return this.store
      .sql('SELECT id, user_id, shown, view, hours FROM calendar_preferences WHERE user_id = ? AND deleted_at IS NULL')
      .get(userId) as PreferencesRow | undefined;
  }
}

export interface Exclusion {
  /** Never matches a real id when nothing is excluded. */
  appointmentId: string;
  /** null: the whole series. */
  occurrence: number | null;
}
export const NOTHING_EXCLUDED: Exclusion = { appointmentId: '', occurrence: null };
