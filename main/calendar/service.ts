/**
 * The calendar's rules, as one service the capability's methods call: appointments and their
 * series (list, open, create, change, move, cancel, answers and attendance) and occasions
 * here; the rest in parts named for what they do, which this service delegates to —
 * settings.ts (working hours, zone), calendars.ts (access and preferences), planning.ts
 * (a form checked into a plan), occurrences.ts (series expansion and the occurrence index),
 * conflicts.ts (clashes and free slots), invitations.ts and message-templates.ts,
 * availability.ts ("who is free"), appointment-lists.ts (cartable, today, history) and
 * ics-transfer.ts (iCalendar). One transaction per action (rows, outbox, occurrence index,
 * invitations); bad input is refused before anything is written.
 */
import { invalid, notFound, type KeyedIssue } from '../api/errors';
import type { Language } from '../api/messages';
import type { Clock } from '../../db/ids';
import type { RowValues, Store, Writer } from '../../db/writer';
import { atLeast } from './access';
import type { CalendarDirectory } from './directory';
import { APPOINTMENT_ITEM_KIND, type InvitationDelivery } from './invitations';
import type { ItemKind } from '../api/items';
import { OCCASIONS_CALENDAR_ID, OFFICE_CALENDAR_ID, seedOccasions } from './occasions';
import { describeRule, expand } from './recurrence';
import type * as S from './schema';
import { CalendarStore, NOTHING_EXCLUDED, type AppointmentRow, type AttendeeRow } from './store';
import type { Channel } from './templates';
import { addDays, dateOf, formatDate, formatLocal, localFormatter, parseLocal, startOfDay, toUtc, wallOf } from '../api/zoned-time';
import { appointmentValues, attendeeValues, type Location, type PlannedAttendee } from './plan';
import { attendeeView, locationInput, occasionValues, occasionView, occurrenceTimes } from './row-views';
import { addMinutesWall, floatingOf, shiftRule } from './rule-shift';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import { CalendarSettingsBook } from './settings';
import { CalendarAccess } from './calendars';
import { OccurrenceIndex } from './occurrences';
import { AppointmentPlanner } from './planning';
import { ConflictFinder } from './conflicts';
import { MessageTemplates } from './message-templates';
import { Inviter } from './invitations';
import { Availability } from './availability';
import { AppointmentLists } from './appointment-lists';
import { IcsTransfer } from './ics-transfer';

export type { CalendarCaller } from './context';

export interface CalendarServiceOptions {
  store: Store;
  clock: Clock;
  directory: CalendarDirectory;
  /** The desk's language: invitations and backend text are written in it. */
  language: () => Language;
  /** Where invitations go: in-app ones to the bell, the rest queued (invitations.ts). */
  delivery: InvitationDelivery;
}

export class CalendarService extends CalendarPart {
  /** The calendar's rows (tests and sync read them). */
  override readonly rows: CalendarStore;
  private readonly delivery: InvitationDelivery;
  private readonly config: CalendarSettingsBook;
  private readonly access: CalendarAccess;
  private readonly occurrences: OccurrenceIndex;
  private readonly planner: AppointmentPlanner;
  private readonly clashes: ConflictFinder;
  private readonly messageTemplates: MessageTemplates;
  private readonly inviter: Inviter;
  private readonly free: Availability;
  private readonly lists: AppointmentLists;
  private readonly ics: IcsTransfer;

  constructor(options: CalendarServiceOptions) {
    const ctx: CalendarContext = { ...options, rows: new CalendarStore(options.store) };
    super(ctx);
    this.rows = ctx.rows;
    this.delivery = options.delivery;
    this.config = new CalendarSettingsBook(ctx);
    this.access = new CalendarAccess(ctx);
    this.occurrences = new OccurrenceIndex(ctx);
    this.planner = new AppointmentPlanner(ctx, this.config, this.occurrences);
    this.clashes = new ConflictFinder(ctx, this.config, this.access, this.planner, this.occurrences);
    this.messageTemplates = new MessageTemplates(ctx, this.config);
    this.inviter = new Inviter(ctx, this.messageTemplates, this.delivery);
    this.free = new Availability(ctx, this.config, this.access);
    this.lists = new AppointmentLists(ctx, this.config);
    this.ics = new IcsTransfer(ctx, this.config, this.access, this.occurrences);
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

  // ================================================================ reading appointments

  /** Occurrences (and occasions) in a range of dates of the office's zone, filtered. */
  list(q: S.AppointmentQuery, caller: CalendarCaller): S.CalendarRange {
    const zone = this.config.settings().zone;
    const access = this.access.accessMap(caller);
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
      ...occurrenceTimes(r, local),
      calendarId: r.calendar_id,
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
    const access = this.access.accessMap(caller).get(row.calendar_id) ?? 'none';
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
        return this.mayRead(row, this.rows.attendees(id), caller, this.access.accessMap(caller).get(row.calendar_id) ?? 'none');
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
      canEdit: this.access.canBook(caller, access),
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

  // ================================================================ writing appointments

  create(input: S.AppointmentCreate, caller: CalendarCaller): S.Appointment {
    this.access.mustBook(caller, input.calendarId);
    const plan = this.planner.plan(input, caller);
    const occurrences = this.occurrences.expandPlan(plan, []);
    const report = this.clashes.conflicts(
      occurrences.map((o) => ({ start: o.start_at, end: o.end_at })),
      this.clashes.resources({ roomId: plan.location.roomId, attendees: plan.attendees }),
      NOTHING_EXCLUDED,
      caller,
      plan,
    );
    if (report.conflicts.length > 0 && !input.override) throw this.clashes.conflictError(report);
    const id = this.store.write(caller.userId, (w) => {
      const newId = w.insert('appointments', { ...appointmentValues(plan, occurrences), sequence: 0, ical_uid: null });
      for (const a of plan.attendees) w.insert('appointment_attendees', attendeeValues(newId, a, caller.userId, this.clock.now()));
      if (report.conflicts.length > 0) w.insert('calendar_conflict_overrides', { appointment_id: newId, conflicts: JSON.stringify(report.conflicts) });
      this.occurrences.reindex(newId);
      this.inviter.invite(w, newId, 'created', null, this.rows.attendees(newId), input.notify, caller);
      return newId;
    });
    return this.get(id, caller);
  }

  update(input: S.AppointmentUpdate, caller: CalendarCaller, rawRule: string | null = null): S.Appointment {
    const current = this.rows.appointment(input.id);
    if (!current) throw notFound('calendar.appointmentNotFound');
    this.access.mustBook(caller, current.calendar_id, ['id']);
    if (input.calendarId !== current.calendar_id) this.access.mustBook(caller, input.calendarId);
    if (input.scope === 'occurrence') return this.updateOccurrence(current, input, caller);
    const plan = this.planner.plan(input, caller, rawRule);
    // Exceptions stay attached to occurrences the new rule still makes; others are dropped.
    const exceptions = this.rows.exceptions(input.id);
    const occurrences = this.occurrences.expandPlan(plan, exceptions);
    const originals = new Set(expand(this.occurrences.seriesOf(plan)).map((o) => o.original));
    const report = this.clashes.conflicts(
      occurrences.map((o) => ({ start: o.start_at, end: o.end_at })),
      this.clashes.resources({ roomId: plan.location.roomId, attendees: plan.attendees }),
      { appointmentId: input.id, occurrence: null },
      caller,
      plan,
    );
    if (report.conflicts.length > 0 && !input.override) throw this.clashes.conflictError(report);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', input.id);
      w.update('appointments', input.id, { ...appointmentValues(plan, occurrences), sequence: current.sequence + 1 });
      for (const e of exceptions) if (!originals.has(e.occurrence_start)) w.softDelete('appointment_exceptions', e.id);
      const before = this.rows.attendees(input.id);
      const { added, kept, removed } = this.writeAttendees(w, input.id, plan.attendees, before, caller);
      if (report.conflicts.length > 0) w.insert('calendar_conflict_overrides', { appointment_id: input.id, conflicts: JSON.stringify(report.conflicts) });
      this.occurrences.reindex(input.id);
      this.inviter.invite(w, input.id, 'created', null, added, input.notify, caller);
      this.inviter.invite(w, input.id, 'changed', null, kept, input.notify, caller);
      this.inviter.invite(w, input.id, 'cancelled', null, removed, input.notify, caller);
    });
    return this.get(input.id, caller);
  }

  private updateOccurrence(current: AppointmentRow, input: S.AppointmentUpdate, caller: CalendarCaller): S.Appointment {
    const original = input.occurrence!;
    if (!this.occurrences.occursAt(current, original)) throw invalid('calendar.occurrenceNotFound', [{ path: ['occurrence'], key: 'calendar.occurrenceNotFound' }]);
    const issues: KeyedIssue[] = [];
    const when = this.planner.when(input, current.zone, issues);
    const location = this.planner.checkedLocation(input.location, current.identity_id, issues);
    if (issues.length > 0) throw invalid(issues[0]!.key, issues);
    const attendees = this.rows.attendees(current.id);
    const report = this.clashes.conflicts(
      [{ start: when!.startAt, end: when!.endAt }],
      this.clashes.resources({ roomId: location.roomId, attendees: attendees.map((a) => ({ ...a, userId: a.user_id, identityId: a.identity_id, mandatory: a.mandatory === 1 })) }),
      { appointmentId: current.id, occurrence: original },
      caller,
      { zone: current.zone, allDay: current.all_day === 1, rrule: null },
    );
    if (report.conflicts.length > 0 && !input.override) throw this.clashes.conflictError(report);
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
      this.occurrences.reindex(current.id);
      this.inviter.invite(w, current.id, 'changed', original, attendees, input.notify, caller);
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
    this.access.mustBook(caller, current.calendar_id, ['id']);
    const attendees = this.rows.attendees(current.id);
    if (input.scope === 'occurrence') {
      const original = input.occurrence!;
      if (!this.occurrences.occursAt(current, original)) throw invalid('calendar.occurrenceNotFound', [{ path: ['occurrence'], key: 'calendar.occurrenceNotFound' }]);
      this.store.write(caller.userId, (w) => {
        w.setRoot('appointments', current.id);
        this.writeException(w, current, original, { cancelled: 1 });
        this.occurrences.reindex(current.id);
        this.inviter.invite(w, current.id, 'cancelled', original, attendees, input.notify, caller);
      });
      return { id: current.id };
    }
    this.store.write(caller.userId, (w) => {
      // The invitations are built while the appointment still reads as it was.
      this.inviter.invite(w, current.id, 'cancelled', null, attendees, input.notify, caller);
      w.softDelete('appointments', current.id);
      this.rows.replaceOccurrences(current.id, []);
    });
    return { id: current.id };
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

  // ================================================================ responses and attendance

  respond(input: { appointmentId: string; attendeeId?: string | undefined; status: 'accepted' | 'declined' | 'maybe' }, caller: CalendarCaller): S.Appointment {
    const row = this.rows.appointment(input.appointmentId);
    if (!row) throw notFound('calendar.appointmentNotFound');
    const attendees = this.rows.attendees(row.id);
    const target = input.attendeeId ? attendees.find((a) => a.id === input.attendeeId) : attendees.find((a) => a.user_id !== null && a.user_id === caller.userId);
    if (!target) throw invalid(input.attendeeId ? 'calendar.attendee.notFound' : 'calendar.attendee.notInvited', [{ path: ['attendeeId'], key: input.attendeeId ? 'calendar.attendee.notFound' : 'calendar.attendee.notInvited' }]);
    // Answering for someone else (an identity on the phone) is booking work.
    if (target.user_id === null || target.user_id !== caller.userId) this.access.mustBook(caller, row.calendar_id, ['attendeeId']);
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
    if (row.coordinator_id === null || row.coordinator_id !== caller.userId) this.access.mustBook(caller, row.calendar_id, ['appointmentId']);
    this.store.write(caller.userId, (w) => {
      w.setRoot('appointments', row.id);
      w.update('appointment_attendees', target.id, { status: input.status, responded_at: this.clock.now(), responded_by: caller.userId });
    });
    return this.get(row.id, caller);
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

  // ================================================================ delegated to the parts

  reindexStale: OccurrenceIndex['reindexStale'] = () => this.occurrences.reindexStale();
  roomClashes: ConflictFinder['roomClashes'] = (appointmentId) => this.clashes.roomClashes(appointmentId);
  settings: CalendarSettingsBook['settings'] = () => this.config.settings();
  updateSettings: CalendarSettingsBook['updateSettings'] = (patch, caller) => this.config.updateSettings(patch, caller);
  working: CalendarSettingsBook['working'] = (fromDate, toDate) => this.config.working(fromDate, toDate);
  accessMap: CalendarAccess['accessMap'] = (caller) => this.access.accessMap(caller);
  calendars: CalendarAccess['calendars'] = (caller) => this.access.calendars(caller);
  createCalendar: CalendarAccess['createCalendar'] = (input, caller) => this.access.createCalendar(input, caller);
  updateCalendar: CalendarAccess['updateCalendar'] = (input, caller) => this.access.updateCalendar(input, caller);
  preferences: CalendarAccess['preferences'] = (caller) => this.access.preferences(caller);
  setPreferences: CalendarAccess['setPreferences'] = (patch, caller) => this.access.setPreferences(patch, caller);
  check: ConflictFinder['check'] = (input, caller) => this.clashes.check(input, caller);
  templates: MessageTemplates['templates'] = () => this.messageTemplates.templates();
  updateTemplate: MessageTemplates['updateTemplate'] = (t, caller) => this.messageTemplates.updateTemplate(t, caller);
  resetTemplate: MessageTemplates['resetTemplate'] = (t, caller) => this.messageTemplates.resetTemplate(t, caller);
  previewTemplate: MessageTemplates['previewTemplate'] = (t) => this.messageTemplates.previewTemplate(t);
  availability: Availability['availability'] = (q, caller) => this.free.availability(q, caller);
  cartable: AppointmentLists['cartable'] = (q, caller) => this.lists.cartable(q, caller);
  today: AppointmentLists['today'] = (caller) => this.lists.today(caller);
  timelineSource: AppointmentLists['timelineSource'] = () => this.lists.timelineSource();
  exportIcs: IcsTransfer['exportIcs'] = (q, caller) => this.ics.exportIcs(q, caller);
  importIcs: IcsTransfer['importIcs'] = (q, caller) => this.ics.importIcs(q, caller);
}
