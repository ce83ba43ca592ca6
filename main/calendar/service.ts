/**
 * The calendar's rules: access per calendar, appointments and their series, conflicts with
 * proposed free slots, invitations, responses and attendance, the cartable and today's
 * list, occasions, templates and settings. One transaction per action (rows, outbox,
 * occurrence index, invitations); bad input is refused before anything is written.
 */
import type { TimelineEntry, TimelineSource } from '../api/capability';
import { ApiError, forbidden, invalid, notFound, type KeyedIssue } from '../api/errors';
import { text, type Language, type MessageKey } from '../api/messages';
import type { Clock } from '../../db/ids';
import type { RowValues, Store, Writer } from '../../db/writer';
import { accessOf, atLeast } from './access';
import type { CalendarDirectory } from './directory';
import { APPOINTMENT_ITEM_KIND, type Invitation, type InvitationDelivery } from './invitations';
import type { ItemKind } from '../api/items';
import { longJalaliDate, persianDigits } from './jalali';
import { OCCASIONS_CALENDAR_ID, OFFICE_CALENDAR_ID, seedOccasions } from './occasions';
import { canonicalRule, describeRule, expand, MAX_OCCURRENCES, RecurrenceError, ruleText, type Series } from './recurrence';
import type * as S from './schema';
import { MAX_SPAN_DAYS } from './schema';
import {
  CalendarStore,
  NOTHING_EXCLUDED,
  type AppointmentRow,
  type AttendeeRow,
  type BusyRow,
  type ExceptionRow,
  type Exclusion,
  type OccurrenceRow,
} from './store';
import { hitsAny, mergeIntervals, nextFreeSlots, type Interval, type WorkingTime } from './free-slots';
import { CHANNELS, defaultTemplate, renderTemplate, TEMPLATE_EVENTS, TEMPLATE_PARAMETERS, templateKey, unknownParameters, type Channel, type TemplateEvent, type TemplateValues } from './templates';
import {
  addDays,
  dateOf,
  daysBetween,
  formatDate,
  formatLocal,
  localFormatter,
  parseDate,
  parseLocal,
  startOfDay,
  toUtc,
  wallOf,
  type Wall,
} from '../api/zoned-time';
import { fromIcs, IcsError, toIcs, type IcsEvent } from './ical';
import { icsError, icsEventError, isUuid } from './ics-errors';
import { applyExceptions, seriesOfRow } from './occurrence-rows';
import { appointmentValues, attendeeValues, type Location, type Plan, type PlannedAttendee } from './plan';
import { attendeeView, locationInput, occasionValues, occasionView } from './row-views';
import { addMinutesWall, floatingOf, shiftRule } from './rule-shift';

export interface CalendarCaller {
  userId: string | null;
  permissions: ReadonlySet<string>;
}

export interface CalendarServiceOptions {
  store: Store;
  clock: Clock;
  directory: CalendarDirectory;
  /** The desk's language: invitations and backend text are written in it. */
  language: () => Language;
  /** Where invitations go: in-app ones to the bell, the rest queued (invitations.ts). */
  delivery: InvitationDelivery;
}

const DAY = 86_400_000;
const DEFAULT_SETTINGS: S.CalendarSettings = { weekendDays: [5], workStart: '08:00', workEnd: '16:00', zone: 'Asia/Tehran' };
/** How far ahead free slots are looked for. */
const SLOT_HORIZON_DAYS = 60;


export class CalendarService {
  readonly rows: CalendarStore;
  private readonly store: Store;
  private readonly clock: Clock;
  private readonly directory: CalendarDirectory;
  private readonly language: () => Language;
  private readonly delivery: InvitationDelivery;
  private cachedSettings: S.CalendarSettings | null = null;

  constructor(options: CalendarServiceOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.directory = options.directory;
    this.language = options.language;
    this.delivery = options.delivery;
    this.rows = new CalendarStore(this.store);
    this.store.onCommit((info) => {
      if (info.tables.includes('calendar_settings')) this.cachedSettings = null;
    });
  }

  /**
   * First start: the occasions calendar with the shipped holidays and an office calendar.
   * Every start: rebuilds index rows that sync changed behind the service's back.
   */
  start(): void {
    this.seed();
    this.reindexStale();
  }

  private seed(): void {
    const exists = (id: string) => this.rows.hasCalendarRow(id);
    const missing = seedOccasions().filter((o) => !this.rows.hasOccasion(o.id));
    if (exists(OCCASIONS_CALENDAR_ID) && exists(OFFICE_CALENDAR_ID) && missing.length === 0) return;
    this.store.write(null, (w) => {
      if (!exists(OCCASIONS_CALENDAR_ID)) {
        w.insert('calendars', { name: 'مناسبت‌ها', colour: '#8e24aa', kind: 'occasions', owner_id: null, default_access: 'read' }, OCCASIONS_CALENDAR_ID);
      }
      if (!exists(OFFICE_CALENDAR_ID)) {
        // Everyone may write; who books at all is the calendar.book permission (staff only read).
        w.insert('calendars', { name: 'تقویم دفتر', colour: '#1e88e5', kind: 'regular', owner_id: null, default_access: 'read-write' }, OFFICE_CALENDAR_ID);
      }
      for (const { id, ...row } of missing) w.insert('occasions', row, id);
    });
  }

  /** Rebuilds the occurrence index of appointments changed outside this service (sync). */
  reindexStale(): number {
    const stale = this.rows.staleIndex();
    if (stale.reindex.length === 0 && stale.drop.length === 0) return 0;
    this.store.db.transaction(() => {
      for (const id of stale.drop) this.rows.replaceOccurrences(id, []);
      for (const id of stale.reindex) this.reindex(id);
    })();
    return stale.reindex.length + stale.drop.length;
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

  // ================================================================ settings

  settings(): S.CalendarSettings {
    if (this.cachedSettings) return this.cachedSettings;
    const read = <T>(key: keyof S.CalendarSettings, fallback: T): T => {
      const v = this.rows.setting(key);
      return v === undefined ? fallback : (JSON.parse(v) as T);
    };
    this.cachedSettings = {
      weekendDays: read('weekendDays', DEFAULT_SETTINGS.weekendDays),
      workStart: read('workStart', DEFAULT_SETTINGS.workStart),
      workEnd: read('workEnd', DEFAULT_SETTINGS.workEnd),
      zone: read('zone', DEFAULT_SETTINGS.zone),
    };
    return this.cachedSettings;
  }

  updateSettings(patch: Partial<S.CalendarSettings>, caller: CalendarCaller): S.CalendarSettings {
    const next = { ...this.settings(), ...patch };
    if (next.workEnd <= next.workStart) throw invalid('calendar.settings.hours', [{ path: ['workEnd'], key: 'calendar.settings.hours' }]);
    next.weekendDays = [...new Set(next.weekendDays)].sort();
    this.store.write(caller.userId, (w) => {
      for (const key of Object.keys(patch) as (keyof S.CalendarSettings)[]) {
        const value = JSON.stringify(next[key]);
        if (this.rows.hasSetting(key)) w.update('calendar_settings', key, { value });
        else w.insert('calendar_settings', { value }, key);
      }
    });
    this.cachedSettings = null;
    return this.settings();
  }

  /** Working hours, weekend days and days off between two dates. */
  working(fromDate: string, toDate: string): WorkingTime {
    const s = this.settings();
    const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
    return {
      zone: s.zone,
      weekendDays: s.weekendDays,
      startMinute: minutes(s.workStart),
      endMinute: minutes(s.workEnd),
      daysOff: new Set(this.rows.daysOffBetween(fromDate, toDate)),
    };
  }

  // ================================================================ access and calendars

  private subject(caller: CalendarCaller) {
    const user = caller.userId ? this.directory.user(caller.userId) : null;
    return { userId: caller.userId, groupIds: user?.groupIds ?? [], manager: caller.permissions.has('calendar.manage') };
  }

  /** The caller's access to every calendar. */
  accessMap(caller: CalendarCaller): Map<string, S.AccessLevel> {
    const who = this.subject(caller);
    const entries = this.rows.accessEntries();
    const map = new Map<string, S.AccessLevel>();
    for (const cal of this.rows.calendars()) {
      const level = accessOf(cal, entries.filter((e) => e.calendar_id === cal.id), who);
      // Occasions are managed in Settings, never booked into.
      map.set(cal.id, cal.kind === 'occasions' && level === 'read-write' && !who.manager ? 'read' : level);
    }
    return map;
  }

  private readable(caller: CalendarCaller): Set<string> {
    return new Set([...this.accessMap(caller)].filter(([, a]) => atLeast(a, 'read')).map(([id]) => id));
  }

  private canBook(caller: CalendarCaller, access: S.AccessLevel | undefined): boolean {
    return caller.permissions.has('calendar.book') && access === 'read-write';
  }

  /** Refuses unless the caller may book in the calendar (and it is not the occasions one). */
  private mustBook(caller: CalendarCaller, calendarId: string, path: (string | number)[] = ['calendarId']): void {
    const cal = this.rows.calendar(calendarId);
    if (!cal) throw invalid('calendar.notFound', [{ path, key: 'calendar.notFound' }]);
    if (cal.kind === 'occasions') throw invalid('calendar.occasionsReadOnly', [{ path, key: 'calendar.occasionsReadOnly' }]);
    const access = this.accessMap(caller).get(calendarId) ?? 'none';
    if (!this.canBook(caller, access)) {
      throw new ApiError('forbidden', atLeast(access, 'read') ? 'calendar.readOnly' : 'calendar.noAccess');
    }
  }

  calendars(caller: CalendarCaller): S.CalendarInfo[] {
    const access = this.accessMap(caller);
    const prefs = caller.userId ? this.preferences(caller) : null;
    const manager = caller.permissions.has('calendar.manage');
    const entries = manager ? this.rows.accessEntries() : [];
    return this.rows
      .calendars()
      .filter((c) => atLeast(access.get(c.id) ?? 'none', 'read'))
      .map((c) => ({
        id: c.id,
        name: c.name,
        colour: c.colour,
        kind: c.kind,
        ownerId: c.owner_id,
        defaultAccess: c.default_access,
        access: access.get(c.id) ?? 'none',
        shown: prefs?.shownCalendarIds ? prefs.shownCalendarIds.includes(c.id) : true,
        ...(manager
          ? {
              entries: entries
                .filter((e) => e.calendar_id === c.id)
                .map((e) => (e.user_id ? { userId: e.user_id, access: e.access } : { groupId: e.group_id!, access: e.access })),
            }
          : {}),
      }));
  }

  createCalendar(input: S.CalendarInputValue, caller: CalendarCaller): S.CalendarInfo {
    this.checkCalendarInput(input);
    const id = this.store.write(caller.userId, (w) => {
      const calId = w.insert('calendars', {
        name: input.name,
        colour: input.colour.toLowerCase(),
        kind: 'regular',
        owner_id: input.ownerId ?? null,
        default_access: input.defaultAccess,
      });
      this.writeAccess(w, calId, input.access);
      return calId;
    });
    return this.calendarInfo(id, caller);
  }

  updateCalendar(input: S.CalendarInputValue & { id: string }, caller: CalendarCaller): S.CalendarInfo {
    const cal = this.rows.calendar(input.id);
    if (!cal) throw notFound('calendar.notFound');
    this.checkCalendarInput(input);
    this.store.write(caller.userId, (w) => {
      w.setRoot('calendars', input.id);
      w.update('calendars', input.id, {
        name: input.name,
        colour: input.colour.toLowerCase(),
        owner_id: cal.kind === 'occasions' ? null : (input.ownerId ?? null),
        default_access: input.defaultAccess,
      });
      this.writeAccess(w, input.id, input.access);
    });
    return this.calendarInfo(input.id, caller);
  }

  private calendarInfo(id: string, caller: CalendarCaller): S.CalendarInfo {
    const info = this.calendars(caller).find((c) => c.id === id);
    if (!info) throw notFound('calendar.notFound');
    return info;
  }

  private checkCalendarInput(input: S.CalendarInputValue): void {
    const issues: KeyedIssue[] = [];
    if (input.ownerId && !this.directory.user(input.ownerId)) issues.push({ path: ['ownerId'], key: 'calendar.userNotFound' });
    const seen = new Set<string>();
    input.access.forEach((e, i) => {
      const key = 'userId' in e ? `u:${e.userId}` : `g:${e.groupId}`;
      if (seen.has(key)) issues.push({ path: ['access', i], key: 'calendar.attendee.duplicate' });
      seen.add(key);
      if ('userId' in e && !this.directory.user(e.userId)) issues.push({ path: ['access', i, 'userId'], key: 'calendar.userNotFound' });
      if ('groupId' in e && !this.directory.groupExists(e.groupId)) issues.push({ path: ['access', i, 'groupId'], key: 'calendar.groupNotFound' });
    });
    if (issues.length > 0) throw invalid(issues[0]!.key, issues);
  }

  /** Replaces the calendar's access list: entries no longer given are removed, others updated. */
  private writeAccess(w: Writer, calendarId: string, list: S.CalendarInputValue['access']): void {
    const current = this.rows.accessEntriesOf(calendarId);
    const keep = new Set<string>();
    for (const e of list) {
      const found = current.find((c) => ('userId' in e ? c.user_id === e.userId : c.group_id === e.groupId));
      if (found) {
        keep.add(found.id);
        w.update('calendar_access', found.id, { access: e.access });
      } else {
        w.insert('calendar_access', {
          calendar_id: calendarId,
          user_id: 'userId' in e ? e.userId : null,
          group_id: 'groupId' in e ? e.groupId : null,
          access: e.access,
        });
      }
    }
    for (const c of current) if (!keep.has(c.id)) w.softDelete('calendar_access', c.id);
  }

  // ================================================================ preferences

  preferences(caller: CalendarCaller): S.Preferences {
    const row = caller.userId ? this.rows.preferences(caller.userId) : undefined;
    if (!row) return { shownCalendarIds: null, view: 'week', hours: 'working' };
    return { shownCalendarIds: JSON.parse(row.shown) as string[] | null, view: row.view as S.CalendarView, hours: row.hours };
  }

  setPreferences(patch: { shownCalendarIds?: string[] | null | undefined; view?: S.CalendarView | undefined; hours?: 'working' | 'all' | undefined }, caller: CalendarCaller): S.Preferences {
    if (!caller.userId) throw forbidden();
    const userId = caller.userId;
    const next = { ...this.preferences(caller) };
    if (patch.shownCalendarIds !== undefined) next.shownCalendarIds = patch.shownCalendarIds === null ? null : [...new Set(patch.shownCalendarIds)];
    if (patch.view) next.view = patch.view;
    if (patch.hours) next.hours = patch.hours;
    const values = { shown: JSON.stringify(next.shownCalendarIds), view: next.view, hours: next.hours };
    this.store.write(userId, (w) => {
      const row = this.rows.preferences(userId);
      if (row) w.update('calendar_preferences', row.id, values);
      else w.insert('calendar_preferences', { user_id: userId, ...values });
    });
    return this.preferences(caller);
  }

  // ================================================================ reading appointments

  /** Occurrences (and occasions) in a range of dates of the office's zone, filtered. */
  list(q: S.AppointmentQuery, caller: CalendarCaller): S.CalendarRange {
    const zone = this.settings().zone;
    const access = this.accessMap(caller);
    const readable = [...access].filter(([, a]) => atLeast(a, 'read')).map(([id]) => id);
    const chosen = q.calendarIds ? readable.filter((id) => q.calendarIds!.includes(id)) : readable;
    const everything = chosen.length === access.size;
    const from = startOfDay(q.from, zone);
    const to = startOfDay(addDays(q.to, 1), zone);
    const rows = this.rows.listOccurrences({
      from,
      to,
      span: this.rows.longestOccurrence(),
      calendarIds: everything ? null : chosen,
      people: q.people === true,
      roomIds: q.roomIds,
      userIds: q.userIds,
      identityIds: q.identityIds,
      location: q.location,
    });
    const local = localFormatter(zone);
    const book = caller.permissions.has('calendar.book');
    const occurrences: S.OccurrenceView[] = rows.map((r) => ({
      key: `${r.appointment_id}:${r.original}`,
      appointmentId: r.appointment_id,
      occurrence: r.recurring ? r.original : null,
      calendarId: r.calendar_id,
      subject: r.subject,
      start: r.start_at,
      end: r.end_at,
      startLocal: local(r.start_at),
      endLocal: local(r.end_at),
      allDay: r.all_day === 1,
      startDate: r.all_day ? dateOf(r.start_at, zone) : null,
      endDate: r.all_day ? dateOf(r.end_at - 1, zone) : null,
      roomId: r.room_id,
      location: r.location_text,
      recurring: r.recurring === 1,
      changed: r.changed === 1,
      userIds: r.user_ids ? r.user_ids.split(',') : [],
      canEdit: book && access.get(r.calendar_id) === 'read-write',
    }));
    const occasionsId = this.rows.occasionsCalendarId();
    const filtered = Boolean(q.userIds?.length || q.identityIds?.length || q.roomIds?.length || q.location);
    const occasions = occasionsId && chosen.includes(occasionsId) && !filtered ? this.rows.occasionsBetween(q.from, q.to).map(occasionView) : [];
    return { from: q.from, to: q.to, zone, occurrences, occasions };
  }

  /** One appointment in full. Readable by those who may read its calendar, its attendees and its coordinator. */
  get(id: string, caller: CalendarCaller): S.Appointment {
    const row = this.rows.appointment(id);
    if (!row) throw notFound('calendar.appointmentNotFound');
    const attendees = this.rows.attendees(id);
    const access = this.accessMap(caller).get(row.calendar_id) ?? 'none';
    if (!this.mayRead(row, attendees, caller, access)) throw notFound('calendar.appointmentNotFound');
    return this.view(row, attendees, caller, access);
  }

  /** get() for the person opening the appointment: its messages in their bell are read from then on. */
  open(id: string, caller: CalendarCaller): S.Appointment {
    const appointment = this.get(id, caller);
    if (caller.userId) this.delivery.opened(caller.userId, id);
    return appointment;
  }

  private mayRead(row: AppointmentRow, attendees: readonly AttendeeRow[], caller: CalendarCaller, access: S.AccessLevel): boolean {
    const involved = caller.userId !== null && (row.coordinator_id === caller.userId || attendees.some((a) => a.user_id === caller.userId));
    return atLeast(access, 'read') || involved;
  }

  /**
   * Appointments as items reminders, follow-ups and the bell's messages attach to. Whoever
   * may open one (`get`) may see it; `permissionsOf` answers a user's permissions (none for
   * an unknown or inactive user), since an item check names only the user.
   */
  itemKind(permissionsOf: (userId: string) => ReadonlySet<string>): ItemKind {
    return {
      kind: APPOINTMENT_ITEM_KIND,
      exists: (id) => this.rows.appointment(id) !== undefined,
      title: (id) => this.rows.appointment(id)?.subject ?? null,
      link: (id) => {
        const row = this.rows.appointment(id);
        const day = row ? (row.all_day && row.start_date ? row.start_date : dateOf(row.start_at, row.zone)) : null;
        // The calendar page opens ?open=<id> on the appointment's day (as the cartable links do).
        return day ? `/calendar?open=${id}&date=${day}` : `/calendar?open=${id}`;
      },
      identityOf: (id) => {
        const row = this.rows.appointment(id);
        if (!row) return null;
        return row.identity_id ?? this.rows.attendees(id).find((a) => a.identity_id !== null)?.identity_id ?? null;
      },
      canSee: (id, userId) => {
        const row = this.rows.appointment(id);
        const permissions = permissionsOf(userId);
        if (!row || !permissions.has('calendar.read')) return false;
        const caller = { userId, permissions };
        return this.mayRead(row, this.rows.attendees(id), caller, this.accessMap(caller).get(row.calendar_id) ?? 'none');
      },
    };
  }

  private view(row: AppointmentRow, attendees: AttendeeRow[], caller: CalendarCaller, access: S.AccessLevel): S.Appointment {
    const exceptions = this.rows.exceptions(row.id);
    return {
      id: row.id,
      calendarId: row.calendar_id,
      subject: row.subject,
      description: row.description,
      coordinator: row.coordinator_id ? { id: row.coordinator_id, name: this.directory.userName(row.coordinator_id) ?? '—' } : null,
      allDay: row.all_day === 1,
      start: row.start_at,
      end: row.end_at,
      startLocal: formatLocal(wallOf(row.start_at, row.zone)),
      endLocal: formatLocal(wallOf(row.end_at, row.zone)),
      startDate: row.start_date,
      endDate: row.end_date,
      zone: row.zone,
      location: this.locationView(row),
      identity: row.identity_id ? { id: row.identity_id, name: this.directory.identity(row.identity_id)?.name ?? '—' } : null,
      rrule: row.rrule,
      recurrence: row.rrule ? describeRule(row.rrule, row.zone) : null,
      attendees: attendees.map(attendeeView),
      exceptions: exceptions.map((e) => ({
        occurrence: e.occurrence_start,
        cancelled: e.cancelled === 1,
        start: e.start_at,
        end: e.end_at,
        subject: e.subject,
        description: e.description,
        location: e.location_kind ? this.locationView({ location_kind: e.location_kind, room_id: e.room_id, location_text: e.location_text }) : null,
      })),
      canEdit: this.canBook(caller, access),
      myAttendeeId: attendees.find((a) => a.user_id !== null && a.user_id === caller.userId)?.id ?? null,
      overrides: this.rows.overrideCount(row.id),
      sequence: row.sequence,
      updatedAt: row.updated_at,
    };
  }

  private locationView(r: { location_kind: Location['kind']; room_id: string | null; location_text: string | null }): S.LocationView {
    return {
      kind: r.location_kind,
      roomId: r.room_id,
      roomName: r.room_id ? (this.directory.room(r.room_id)?.name ?? null) : null,
      text: r.location_text,
    };
  }

  // ================================================================ planning (shared by create, update, check, import)

  /** `rawRule`: keep this rule text instead of the form's recurrence (a dragged imported series). */
  private plan(input: S.AppointmentCreate, caller: CalendarCaller, rawRule: string | null = null): Plan {
    const issues: KeyedIssue[] = [];
    if (!this.rows.calendar(input.calendarId)) issues.push({ path: ['calendarId'], key: 'calendar.notFound' });
    const zone = input.zone ?? this.settings().zone;
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
    this.expandPlan(plan, []);
    return plan;
  }

  private when(input: { allDay: boolean; start?: string | undefined; end?: string | undefined; startDate?: string | undefined; endDate?: string | undefined }, zone: string, issues: KeyedIssue[]) {
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

  private checkedLocation(l: S.LocationInput, identityId: string | null, issues: KeyedIssue[]): Location {
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

  private checkedAttendees(list: S.AttendeeInput[], issues: KeyedIssue[]): PlannedAttendee[] {
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

  private seriesOf(p: { rrule: string | null; zone: string; allDay: boolean; start: Wall; startAt: number; endAt: number; startDate: string | null; endDate: string | null }): Series {
    return {
      rrule: p.rrule,
      zone: p.zone,
      allDay: p.allDay,
      start: p.start,
      durationMs: p.endAt - p.startAt,
      days: p.allDay ? daysBetween(p.startDate!, p.endDate!) + 1 : 1,
    };
  }

  /** Every occurrence of the plan with its exceptions applied; refuses rules that are not bounded. */
  private expandPlan(plan: Plan, exceptions: readonly ExceptionRow[]): OccurrenceRow[] {
    let base;
    try {
      base = expand(this.seriesOf(plan));
    } catch (err) {
      if (err instanceof RecurrenceError) {
        const key = `calendar.recurrence.${err.problem}` as MessageKey;
        throw invalid(key, [{ path: ['recurrence', err.problem === 'tooMany' ? 'count' : 'freq'], key, params: { limit: err.limit } }], { limit: err.limit });
      }
      throw err;
    }
    return applyExceptions(base, exceptions, {
      appointmentId: '',
      calendarId: plan.calendarId,
      subject: plan.subject,
      roomId: plan.location.kind === 'room' ? plan.location.roomId : null,
      locationText: plan.location.text,
      allDay: plan.allDay,
      recurring: plan.rrule !== null,
      indexedAt: 0,
    });
  }

  /** Rebuilds the occurrence index of one appointment from its rows. */
  private reindex(appointmentId: string): void {
    const row = this.rows.appointment(appointmentId);
    if (!row) {
      this.rows.replaceOccurrences(appointmentId, []);
      return;
    }
    let base;
    try {
      base = expand(seriesOfRow(row));
    } catch {
      // A rule this version cannot expand (from a newer peer): keep its first occurrence visible.
      base = [{ original: row.start_at, start: row.start_at, end: row.end_at }];
    }
    this.rows.replaceOccurrences(
      appointmentId,
      applyExceptions(base, this.rows.exceptions(appointmentId), {
        appointmentId,
        calendarId: row.calendar_id,
        subject: row.subject,
        roomId: row.location_kind === 'room' ? row.room_id : null,
        locationText: row.location_text,
        allDay: row.all_day === 1,
        recurring: row.rrule !== null,
        indexedAt: row.updated_at,
      }),
    );
  }

  // ================================================================ conflicts

  /** Who or what the plan needs: its room and its mandatory attendees. */
  private resources(p: { roomId: string | null; attendees: readonly { kind: string; userId: string | null; identityId: string | null; mandatory: boolean }[] }) {
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
  private conflicts(
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
    const readable = this.readable(caller);
    const local = localFormatter(this.settings().zone);
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
      conflicts.push({
        resource: { kind, id: rid, name: nameOf(kind, rid) },
        appointmentId: b.appointment_id,
        occurrence: b.original,
        subject: readable.has(b.calendar_id) ? b.subject : null,
        start: b.start_at,
        end: b.end_at,
        startLocal: local(b.start_at),
        endLocal: local(b.end_at),
      });
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
    const zone = this.settings().zone;
    const firstDate = dateOf(notBefore, zone);
    const slots = nextFreeSlots({
      occurrences,
      busy,
      working: this.working(firstDate, addDays(firstDate, SLOT_HORIZON_DAYS + 1)),
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

  private conflictError(report: S.ConflictReport): ApiError {
    const first = report.conflicts[0]!;
    return new ApiError('conflict', 'calendar.conflict', { name: first.resource.name, count: report.conflicts.length }, undefined, report);
  }

  /** What saving would clash with, without saving: the form asks this before its save button. */
  check(input: S.AppointmentCreate & { id?: string; scope?: 'series' | 'occurrence'; occurrence?: number | undefined }, caller: CalendarCaller): S.ConflictReport {
    const plan = this.plan(input, caller);
    const exclude: Exclusion = input.id ? { appointmentId: input.id, occurrence: input.scope === 'occurrence' ? (input.occurrence ?? null) : null } : NOTHING_EXCLUDED;
    const exceptions = input.id && input.scope !== 'occurrence' ? this.rows.exceptions(input.id) : [];
    const occurrences =
      input.scope === 'occurrence' ? [{ start: plan.startAt, end: plan.endAt }] : this.expandPlan(plan, exceptions).map((o) => ({ start: o.start_at, end: o.end_at }));
    return this.conflicts(occurrences, this.resources({ roomId: plan.location.roomId, attendees: plan.attendees }), exclude, caller, plan);
  }

  // ================================================================ writing appointments

  create(input: S.AppointmentCreate, caller: CalendarCaller): S.Appointment {
    this.mustBook(caller, input.calendarId);
    const plan = this.plan(input, caller);
    const occurrences = this.expandPlan(plan, []);
    const report = this.conflicts(
      occurrences.map((o) => ({ start: o.start_at, end: o.end_at })),
      this.resources({ roomId: plan.location.roomId, attendees: plan.attendees }),
      NOTHING_EXCLUDED,
      caller,
      plan,
    );
    if (report.conflicts.length > 0 && !input.override) throw this.conflictError(report);
    const id = this.store.write(caller.userId, (w) => {
      const newId = w.insert('appointments', { ...appointmentValues(plan, occurrences), sequence: 0, ical_uid: null });
      for (const a of plan.attendees) w.insert('appointment_attendees', attendeeValues(newId, a, caller.userId, this.clock.now()));
      if (report.conflicts.length > 0) w.insert('calendar_conflict_overrides', { appointment_id: newId, conflicts: JSON.stringify(report.conflicts) });
      this.reindex(newId);
      this.invite(w, newId, 'created', null, this.rows.attendees(newId), input.notify, caller);
      return newId;
    });
    return this.get(id, caller);
  }

  update(input: S.AppointmentUpdate, caller: CalendarCaller, rawRule: string | null = null): S.Appointment {
    const current = this.rows.appointment(input.id);
    if (!current) throw notFound('calendar.appointmentNotFound');
    this.mustBook(caller, current.calendar_id, ['id']);
    if (input.calendarId !== current.calendar_id) this.mustBook(caller, input.calendarId);
    if (input.scope === 'occurrence') return this.updateOccurrence(current, input, caller);
    const plan = this.plan(input, caller, rawRule);
    // Exceptions stay attached to occurrences the new rule still makes; others are dropped.
    const exceptions = this.rows.exceptions(input.id);
    const occurrences = this.expandPlan(plan, exceptions);
    const originals = new Set(expand(this.seriesOf(plan)).map((o) => o.original));
    const report = this.conflicts(
      occurrences.map((o) => ({ start: o.start_at, end: o.end_at })),
      this.resources({ roomId: plan.location.roomId, attendees: plan.attendees }),
      { appointmentId: input.id, occurrence: null },
      caller,
      plan,
    );
    if (report.conflicts.length > 0 && !input.override) throw this.conflictError(report);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', input.id);
      w.update('appointments', input.id, { ...appointmentValues(plan, occurrences), sequence: current.sequence + 1 });
      for (const e of exceptions) if (!originals.has(e.occurrence_start)) w.softDelete('appointment_exceptions', e.id);
      const before = this.rows.attendees(input.id);
      const { added, kept, removed } = this.writeAttendees(w, input.id, plan.attendees, before, caller);
      if (report.conflicts.length > 0) w.insert('calendar_conflict_overrides', { appointment_id: input.id, conflicts: JSON.stringify(report.conflicts) });
      this.reindex(input.id);
      this.invite(w, input.id, 'created', null, added, input.notify, caller);
      this.invite(w, input.id, 'changed', null, kept, input.notify, caller);
      this.invite(w, input.id, 'cancelled', null, removed, input.notify, caller);
    });
    return this.get(input.id, caller);
  }

  private updateOccurrence(current: AppointmentRow, input: S.AppointmentUpdate, caller: CalendarCaller): S.Appointment {
    const original = input.occurrence!;
    if (!this.occursAt(current, original)) throw invalid('calendar.occurrenceNotFound', [{ path: ['occurrence'], key: 'calendar.occurrenceNotFound' }]);
    const issues: KeyedIssue[] = [];
    const when = this.when(input, current.zone, issues);
    const location = this.checkedLocation(input.location, current.identity_id, issues);
    if (issues.length > 0) throw invalid(issues[0]!.key, issues);
    const attendees = this.rows.attendees(current.id);
    const report = this.conflicts(
      [{ start: when!.startAt, end: when!.endAt }],
      this.resources({ roomId: location.roomId, attendees: attendees.map((a) => ({ ...a, userId: a.user_id, identityId: a.identity_id, mandatory: a.mandatory === 1 })) }),
      { appointmentId: current.id, occurrence: original },
      caller,
      { zone: current.zone, allDay: current.all_day === 1, rrule: null },
    );
    if (report.conflicts.length > 0 && !input.override) throw this.conflictError(report);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', current.id);
      this.writeException(w, current, original, {
        cancelled: 0,
        start_at: when!.startAt,
        end_at: when!.endAt,
        subject: input.subject === current.subject ? null : input.subject,
        description: (input.description ?? null) === current.description ? null : (input.description ?? null),
        location_kind: location.kind,
        room_id: location.roomId,
        location_text: location.text,
      });
      if (report.conflicts.length > 0) w.insert('calendar_conflict_overrides', { appointment_id: current.id, conflicts: JSON.stringify(report.conflicts) });
      this.reindex(current.id);
      this.invite(w, current.id, 'changed', original, attendees, input.notify, caller);
    });
    return this.get(current.id, caller);
  }

  /** Drag to move or resize. A series moves by the amount its dragged occurrence moved. */
  move(input: S.AppointmentMove, caller: CalendarCaller): S.Appointment {
    const current = this.rows.appointment(input.id);
    if (!current) throw notFound('calendar.appointmentNotFound');
    const view = this.get(input.id, caller);
    const attendees = view.attendees.map((a): S.AttendeeInput =>
      a.kind === 'user'
        ? { kind: 'user', userId: a.userId!, mandatory: a.mandatory }
        : a.kind === 'identity'
          ? { kind: 'identity', identityId: a.identityId!, mandatory: a.mandatory }
          : { kind: 'adhoc', name: a.name, phone: a.phone ?? undefined, email: a.email ?? undefined, fax: a.fax ?? undefined, mandatory: a.mandatory },
    );
    const base = {
      calendarId: current.calendar_id,
      subject: current.subject,
      description: current.description ?? undefined,
      coordinatorId: current.coordinator_id,
      zone: current.zone,
      location: locationInput(current),
      identityId: current.identity_id,
      attendees,
      recurrence: null,
      notify: input.notify,
      override: input.override,
      allDay: current.all_day === 1,
    };
    if (input.scope === 'occurrence' || !current.rrule) {
      const when = input.allDay
        ? { startDate: input.startDate, endDate: input.endDate }
        : { start: input.start, end: input.end };
      if (input.scope === 'occurrence') {
        const exception = this.rows.exceptions(current.id).find((e) => e.occurrence_start === input.occurrence);
        return this.update(
          {
            ...base,
            ...when,
            allDay: input.allDay,
            id: current.id,
            scope: 'occurrence',
            occurrence: input.occurrence,
            subject: exception?.subject ?? current.subject,
            description: exception?.description ?? current.description ?? undefined,
            location: exception?.location_kind ? locationInput({ location_kind: exception.location_kind, room_id: exception.room_id, location_text: exception.location_text }) : base.location,
          },
          caller,
        );
      }
      return this.update({ ...base, ...when, allDay: input.allDay, id: current.id, scope: 'series' }, caller);
    }
    // The whole series: shift its first occurrence by the dragged one's move, on the wall clock.
    const dragged = input.occurrence ?? current.start_at;
    const occ = this.rows.occurrence(current.id, dragged);
    if (!occ) throw invalid('calendar.occurrenceNotFound', [{ path: ['occurrence'], key: 'calendar.occurrenceNotFound' }]);
    const zone = current.zone;
    const newStart = input.allDay ? startOfDay(input.startDate!, zone) : toUtc(parseLocal(input.start!)!, zone);
    const newEnd = input.allDay ? startOfDay(addDays(input.endDate!, 1), zone) : toUtc(parseLocal(input.end!)!, zone);
    const shiftMinutes = Math.round((floatingOf(newStart, zone) - floatingOf(occ.original, zone)) / 60_000);
    const firstStart = addMinutesWall(wallOf(current.start_at, zone), shiftMinutes);
    const length = newEnd - newStart;
    const firstStartMs = toUtc(firstStart, zone);
    return this.update(
      {
        ...base,
        id: current.id,
        scope: 'series',
        allDay: input.allDay,
        ...(input.allDay
          ? { startDate: formatDate(firstStart), endDate: dateOf(firstStartMs + length - 1, zone) }
          : { start: formatLocal(firstStart), end: formatLocal(wallOf(firstStartMs + length, zone)) }),
      },
      caller,
      shiftRule(current.rrule, Math.round(shiftMinutes / 1440)),
    );
  }

  cancel(input: { id: string; scope: 'series' | 'occurrence'; occurrence?: number | undefined; notify: Channel[] }, caller: CalendarCaller): { id: string } {
    const current = this.rows.appointment(input.id);
    if (!current) throw notFound('calendar.appointmentNotFound');
    this.mustBook(caller, current.calendar_id, ['id']);
    const attendees = this.rows.attendees(current.id);
    if (input.scope === 'occurrence') {
      const original = input.occurrence!;
      if (!this.occursAt(current, original)) throw invalid('calendar.occurrenceNotFound', [{ path: ['occurrence'], key: 'calendar.occurrenceNotFound' }]);
      this.store.write(caller.userId, (w) => {
        w.setRoot('appointments', current.id);
        this.writeException(w, current, original, { cancelled: 1 });
        this.reindex(current.id);
        this.invite(w, current.id, 'cancelled', original, attendees, input.notify, caller);
      });
      return { id: current.id };
    }
    this.store.write(caller.userId, (w) => {
      // The invitations are built while the appointment still reads as it was.
      this.invite(w, current.id, 'cancelled', null, attendees, input.notify, caller);
      w.softDelete('appointments', current.id);
      this.rows.replaceOccurrences(current.id, []);
    });
    return { id: current.id };
  }

  private occursAt(row: AppointmentRow, original: number): boolean {
    if (!row.rrule) return original === row.start_at;
    try {
      return expand(seriesOfRow(row)).some((o) => o.original === original);
    } catch {
      return false;
    }
  }

  private writeException(w: Writer, row: AppointmentRow, original: number, fields: RowValues): void {
    const existing = this.rows.exceptions(row.id).find((e) => e.occurrence_start === original);
    if (existing) w.update('appointment_exceptions', existing.id, fields);
    else w.insert('appointment_exceptions', { appointment_id: row.id, occurrence_start: original, ...fields });
    // The series changes too (SEQUENCE), which also marks its index rows stale for other devices.
    w.update('appointments', row.id, { sequence: row.sequence + 1 });
  }

  /** Keeps attendees that stay (with their answers), adds new ones, removes the rest. */
  private writeAttendees(w: Writer, appointmentId: string, planned: PlannedAttendee[], before: AttendeeRow[], caller: CalendarCaller) {
    const same = (a: PlannedAttendee, r: AttendeeRow) =>
      a.kind === r.kind &&
      (a.kind === 'user' ? a.userId === r.user_id : a.kind === 'identity' ? a.identityId === r.identity_id : a.name === r.name && a.phone === r.phone && a.email === r.email);
    const keptIds = new Set<string>();
    const addedIds: string[] = [];
    for (const a of planned) {
      const found = before.find((r) => !keptIds.has(r.id) && same(a, r));
      if (found) {
        keptIds.add(found.id);
        w.update('appointment_attendees', found.id, { mandatory: a.mandatory ? 1 : 0, fax: a.kind === 'adhoc' ? a.fax : found.fax });
      } else {
        addedIds.push(w.insert('appointment_attendees', attendeeValues(appointmentId, a, caller.userId, this.clock.now())));
      }
    }
    const removed = before.filter((r) => !keptIds.has(r.id));
    for (const r of removed) w.softDelete('appointment_attendees', r.id);
    const now = this.rows.attendees(appointmentId);
    return { added: now.filter((r) => addedIds.includes(r.id)), kept: now.filter((r) => keptIds.has(r.id)), removed };
  }

  // ================================================================ invitations

  private invite(w: Writer, appointmentId: string, event: TemplateEvent, original: number | null, attendees: readonly AttendeeRow[], channels: readonly Channel[], caller: CalendarCaller): void {
    if (attendees.length === 0 || channels.length === 0) return;
    const row = this.rows.appointment(appointmentId);
    if (!row) return;
    const occ = original !== null ? this.rows.occurrence(appointmentId, original) : this.rows.occurrencesOf(appointmentId)[0];
    const lang = this.language();
    const base = this.templateValues(row, occ ?? null, lang);
    const list: Invitation[] = [];
    for (const a of attendees) {
      // The person booking knows already.
      if (a.user_id !== null && a.user_id === caller.userId) continue;
      const values = { ...base, attendee: a.name };
      for (const channel of channels) {
        const address = channel === 'inapp' ? null : channel === 'sms' ? a.phone : a.email;
        if (channel === 'inapp' ? a.user_id === null : !address) continue;
        const t = this.template(event, channel, lang);
        list.push({
          appointmentId,
          attendeeId: a.id,
          event,
          channel,
          userId: channel === 'inapp' ? a.user_id : null,
          address,
          subject: t.subject === null ? null : renderTemplate(t.subject, values),
          body: renderTemplate(t.body, values),
        });
      }
    }
    if (list.length > 0) this.delivery.deliver(w, list);
  }

  private templateValues(row: AppointmentRow, occ: OccurrenceRow | null, lang: Language): Omit<TemplateValues, 'attendee'> {
    const start = occ?.start_at ?? row.start_at;
    const end = occ?.end_at ?? row.end_at;
    const digits = (s: string) => (lang === 'fa' ? persianDigits(s) : s);
    const hm = (ms: number) => formatLocal(wallOf(ms, row.zone)).slice(11);
    const place = occ ? (occ.location_text ?? (occ.room_id ? this.directory.room(occ.room_id)?.name : null)) : row.location_text;
    return {
      subject: occ?.subject ?? row.subject,
      date: longJalaliDate(dateOf(start, row.zone), lang),
      time: row.all_day ? text('calendar.allDay', lang) : digits(`${hm(start)}–${hm(end)}`),
      room: place ?? text('calendar.noPlace', lang),
      coordinator: row.coordinator_id ? (this.directory.userName(row.coordinator_id) ?? '—') : '—',
      calendar: this.rows.calendar(row.calendar_id)?.name ?? '—',
    };
  }

  private template(event: TemplateEvent, channel: Channel, lang: Language) {
    const row = this.rows.template(templateKey(event), channel);
    return row ? { subject: row.subject, body: row.body } : defaultTemplate(event, channel, lang);
  }

  templates(): S.TemplateView[] {
    const lang = this.language();
    return TEMPLATE_EVENTS.flatMap((event) =>
      CHANNELS.map((channel) => {
        const row = this.rows.template(templateKey(event), channel);
        const t = row ? { subject: row.subject, body: row.body } : defaultTemplate(event, channel, lang);
        return { event, channel, subject: t.subject, body: t.body, custom: row !== undefined };
      }),
    );
  }

  private checkTemplate(t: { subject?: string | undefined; body: string }): void {
    const unknown = unknownParameters(`${t.subject ?? ''} ${t.body}`);
    if (unknown.length > 0) {
      const params = { names: unknown.map((n) => `{${n}}`).join('، '), allowed: TEMPLATE_PARAMETERS.map((n) => `{${n}}`).join(' ') };
      throw invalid('calendar.template.unknownParameter', [{ path: ['body'], key: 'calendar.template.unknownParameter', params }], params);
    }
  }

  updateTemplate(t: { event: TemplateEvent; channel: Channel; subject?: string | undefined; body: string }, caller: CalendarCaller): S.TemplateView {
    this.checkTemplate(t);
    this.store.write(caller.userId, (w) => {
      const row = this.rows.template(templateKey(t.event), t.channel);
      const values = { subject: t.subject ?? null, body: t.body };
      if (row) w.update('message_templates', row.id, values);
      else w.insert('message_templates', { event: templateKey(t.event), channel: t.channel, ...values });
    });
    return this.templates().find((x) => x.event === t.event && x.channel === t.channel)!;
  }

  resetTemplate(t: { event: TemplateEvent; channel: Channel }, caller: CalendarCaller): S.TemplateView {
    const row = this.rows.template(templateKey(t.event), t.channel);
    if (row) this.store.write(caller.userId, (w) => w.softDelete('message_templates', row.id));
    return this.templates().find((x) => x.event === t.event && x.channel === t.channel)!;
  }

  /** The template filled with sample values, as an attendee would read it. */
  previewTemplate(t: { event: TemplateEvent; channel: Channel; subject?: string | undefined; body: string }): S.TemplatePreview {
    this.checkTemplate(t);
    const lang = this.language();
    const zone = this.settings().zone;
    const now = this.clock.now();
    const tomorrow = addDays(dateOf(now, zone), 1);
    const sample: TemplateValues =
      lang === 'fa'
        ? { subject: 'جلسهٔ بررسی قرارداد', date: longJalaliDate(tomorrow, 'fa'), time: persianDigits('10:00–11:00'), room: 'اتاق جلسات ۱', coordinator: 'مسئول دفتر', attendee: 'آقای رضایی', calendar: 'تقویم مدیرعامل' }
        : { subject: 'Contract review', date: longJalaliDate(tomorrow, 'en'), time: '10:00–11:00', room: 'Meeting room 1', coordinator: 'Office manager', attendee: 'Mr Rezaei', calendar: "CEO's calendar" };
    return { subject: t.subject ? renderTemplate(t.subject, sample) : null, body: renderTemplate(t.body, sample) };
  }

  // ================================================================ responses and attendance

  respond(input: { appointmentId: string; attendeeId?: string | undefined; status: 'accepted' | 'declined' | 'maybe' }, caller: CalendarCaller): S.Appointment {
    const row = this.rows.appointment(input.appointmentId);
    if (!row) throw notFound('calendar.appointmentNotFound');
    const attendees = this.rows.attendees(row.id);
    const target = input.attendeeId ? attendees.find((a) => a.id === input.attendeeId) : attendees.find((a) => a.user_id !== null && a.user_id === caller.userId);
    if (!target) throw invalid(input.attendeeId ? 'calendar.attendee.notFound' : 'calendar.attendee.notInvited', [{ path: ['attendeeId'], key: input.attendeeId ? 'calendar.attendee.notFound' : 'calendar.attendee.notInvited' }]);
    // Answering for someone else (an identity on the phone) is booking work.
    if (target.user_id === null || target.user_id !== caller.userId) this.mustBook(caller, row.calendar_id, ['attendeeId']);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', row.id);
      w.update('appointment_attendees', target.id, { status: input.status, responded_at: this.clock.now(), responded_by: caller.userId });
    });
    return this.get(row.id, caller);
  }

  attendance(input: { appointmentId: string; attendeeId: string; status: 'attended' | 'absent' }, caller: CalendarCaller): S.Appointment {
    const row = this.rows.appointment(input.appointmentId);
    if (!row) throw notFound('calendar.appointmentNotFound');
    const target = this.rows.attendees(row.id).find((a) => a.id === input.attendeeId);
    if (!target) throw invalid('calendar.attendee.notFound', [{ path: ['attendeeId'], key: 'calendar.attendee.notFound' }]);
    if (row.coordinator_id === null || row.coordinator_id !== caller.userId) this.mustBook(caller, row.calendar_id, ['appointmentId']);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', row.id);
      w.update('appointment_attendees', target.id, { status: input.status, responded_at: this.clock.now(), responded_by: caller.userId });
    });
    return this.get(row.id, caller);
  }

  // ================================================================ availability, cartable, today

  /** Which rooms and people are free between two times, and what keeps the others busy. */
  availability(q: S.AvailabilityQuery, caller: CalendarCaller): S.Availability {
    const zone = q.zone ?? this.settings().zone;
    const start = toUtc(parseLocal(q.start)!, zone);
    const end = toUtc(parseLocal(q.end)!, zone);
    const rooms = q.allRooms ? this.directory.rooms() : (q.roomIds ?? []).map((id) => this.directory.room(id)).filter((r) => r !== null);
    const unknownRoom = (q.roomIds ?? []).findIndex((id) => !this.directory.room(id));
    if (!q.allRooms && unknownRoom >= 0) throw invalid('calendar.roomNotFound', [{ path: ['roomIds', unknownRoom], key: 'calendar.roomNotFound' }]);
    const readable = this.readable(caller);
    const local = localFormatter(this.settings().zone);
    const clash = (b: BusyRow, resource: S.Clash['resource']): S.Clash => ({
      resource,
      appointmentId: b.appointment_id,
      occurrence: b.original,
      subject: readable.has(b.calendar_id) ? b.subject : null,
      start: b.start_at,
      end: b.end_at,
      startLocal: local(b.start_at),
      endLocal: local(b.end_at),
    });
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

  cartable(q: S.CartableQuery, caller: CalendarCaller): S.CartablePage {
    if (!caller.userId) return { items: [], next: null };
    const zone = this.settings().zone;
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
    const zone = this.settings().zone;
    const now = this.clock.now();
    const date = dateOf(now, zone);
    const local = localFormatter(zone);
    return this.rows
      .mine(caller.userId, startOfDay(date, zone), startOfDay(addDays(date, 1), zone), this.rows.longestOccurrence())
      .filter((r) => r.end_at > now)
      .map((r) => ({
        appointmentId: r.appointment_id,
        occurrence: r.recurring ? r.original : null,
        subject: r.subject,
        start: r.start_at,
        end: r.end_at,
        startLocal: local(r.start_at),
        endLocal: local(r.end_at),
        allDay: r.all_day === 1,
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

  // ================================================================ occasions

  occasions(year: number): S.OccasionView[] {
    return this.rows.occasionsOfYear(year).map(occasionView);
  }

  createOccasion(input: S.OccasionInputValue, caller: CalendarCaller): S.OccasionView {
    const id = this.store.write(caller.userId, (w) => w.insert('occasions', occasionValues(input)));
    return occasionView(this.rows.occasion(id)!);
  }

  updateOccasion(input: S.OccasionInputValue & { id: string }, caller: CalendarCaller): S.OccasionView {
    if (!this.rows.occasion(input.id)) throw notFound('calendar.occasion.notFound');
    this.store.write(caller.userId, (w) => w.update('occasions', input.id, occasionValues(input)));
    return occasionView(this.rows.occasion(input.id)!);
  }

  deleteOccasion(id: string, caller: CalendarCaller): { id: string } {
    if (!this.rows.occasion(id)) throw notFound('calendar.occasion.notFound');
    this.store.write(caller.userId, (w) => w.softDelete('occasions', id));
    return { id };
  }

  // ================================================================ iCalendar

  exportIcs(q: { calendarId?: string | undefined; from?: string | undefined; to?: string | undefined }, caller: CalendarCaller): { filename: string; text: string; count: number } {
    const readable = this.readable(caller);
    if (q.calendarId && !readable.has(q.calendarId)) throw new ApiError('forbidden', 'calendar.noAccess');
    const ids = q.calendarId ? [q.calendarId] : [...readable];
    const zone = this.settings().zone;
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
      attendees: this.rows.attendees(r.id).map((a) => ({
        kind: a.kind,
        refId: a.user_id ?? a.identity_id,
        name: a.name,
        phone: a.phone,
        email: a.email,
        fax: a.fax,
        mandatory: a.mandatory === 1,
        status: a.status,
      })),
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
    this.mustBook(caller, q.calendarId);
    const lang = this.language();
    let events: IcsEvent[];
    try {
      events = fromIcs(q.text, this.settings().zone);
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
    const occurrences = this.expandPlan(plan, []);
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
    this.reindex(id);
    return bounded;
  }
}
