import { defineCapability, method, NoInput, type ChangeDescribers } from '../api/capability';
import { packRows } from '../api/rpc';
import type { IdentityService } from '../identities/service';
import type { OrganisationService } from '../organisation/service';
import type { InAppMessages } from '../inbox/service';
import { serviceDirectory } from './directory';
import { invitationDelivery } from './invitations';
import { messages } from './messages';
import {
  AppointmentCancel,
  AppointmentCheck,
  AppointmentCreate,
  AppointmentMove,
  AppointmentQuery,
  AppointmentUpdate,
  Attendance,
  AvailabilityQuery,
  CalendarInput,
  CalendarSettingsPatch,
  CalendarUpdate,
  CartableQuery,
  IcsExport,
  IcsImport,
  OccasionInput,
  OccasionUpdate,
  OccasionYear,
  PreferencesPatch,
  Ref,
  Respond,
  TemplateInput,
  TemplateReset,
} from './schema';
import { CalendarService } from './service';

/**
 * Calendars and appointments: my work calendar, rooms and people without clashes,
 * invitations from templates, answers and attendance, the appointment cartable, today's
 * list, official holidays, iCalendar files, and the appointments in an identity's history.
 */
export const calendar = defineCapability({
  name: 'calendar',
  permissions: {
    'calendar.read': ['office-manager', 'receptionist', 'staff'],
    'calendar.book': ['office-manager', 'receptionist'],
    // Managing calendars, holidays, templates and settings; read-write on every calendar.
    'calendar.manage': ['office-manager'],
  },
  messages,
  service: (ctx) => {
    const svc = new CalendarService({
      store: ctx.store,
      clock: ctx.clock,
      directory: serviceDirectory(ctx.use<OrganisationService>('organisation'), ctx.use<IdentityService>('identities')),
      language: ctx.language,
      delivery: invitationDelivery(ctx.use<InAppMessages>('inbox')),
    });
    return svc;
  },
  methods: (svc) => ({
    'calendar.calendars.list': method(NoInput, 'calendar.read', (_, caller) => svc.calendars(caller)),
    'calendar.calendars.create': method(CalendarInput, 'calendar.manage', (input, caller) => svc.createCalendar(input, caller)),
    'calendar.calendars.update': method(CalendarUpdate, 'calendar.manage', (input, caller) => svc.updateCalendar(input, caller)),
    'calendar.preferences.get': method(NoInput, 'calendar.read', (_, caller) => svc.preferences(caller)),
    'calendar.preferences.update': method(PreferencesPatch, 'calendar.read', (input, caller) => svc.setPreferences(input, caller)),

    // Packed (main/api/rpc.ts): a crowded week is thousands of occurrences of one shape.
    'calendar.appointments.list': method(AppointmentQuery, 'calendar.read', (input, caller) => {
      const range = svc.list(input, caller);
      return { ...range, occurrences: packRows(range.occurrences) };
    }),
    'calendar.appointments.get': method(Ref, 'calendar.read', (input, caller) => svc.get(input.id, caller)),
    // What the appointment dialog asks for: get, and the caller's bell messages about it are read (as tasks.open).
    'calendar.appointments.open': method(Ref, 'calendar.read', (input, caller) => svc.open(input.id, caller)),
    'calendar.appointments.check': method(AppointmentCheck, 'calendar.book', (input, caller) => svc.check(input, caller)),
    'calendar.appointments.create': method(AppointmentCreate, 'calendar.book', (input, caller) => svc.create(input, caller)),
    'calendar.appointments.update': method(AppointmentUpdate, 'calendar.book', (input, caller) => svc.update(input, caller)),
    'calendar.appointments.move': method(AppointmentMove, 'calendar.book', (input, caller) => svc.move(input, caller)),
    'calendar.appointments.cancel': method(AppointmentCancel, 'calendar.book', (input, caller) => svc.cancel(input, caller)),
    'calendar.appointments.respond': method(Respond, 'calendar.read', (input, caller) => svc.respond(input, caller)),
    'calendar.appointments.attendance': method(Attendance, 'calendar.read', (input, caller) => svc.attendance(input, caller)),

    // "Is room X free on Tuesday 10–11?" and "is the CEO invited to anything tomorrow?"
    'calendar.availability': method(AvailabilityQuery, 'calendar.read', (input, caller) => svc.availability(input, caller)),
    'calendar.cartable': method(CartableQuery, 'calendar.read', (input, caller) => svc.cartable(input, caller)),
    'calendar.today': method(NoInput, 'calendar.read', (_, caller) => svc.today(caller)),

    'calendar.occasions.list': method(OccasionYear, 'calendar.read', (input) => svc.occasions(input.year)),
    'calendar.occasions.create': method(OccasionInput, 'calendar.manage', (input, caller) => svc.createOccasion(input, caller)),
    'calendar.occasions.update': method(OccasionUpdate, 'calendar.manage', (input, caller) => svc.updateOccasion(input, caller)),
    'calendar.occasions.delete': method(Ref, 'calendar.manage', (input, caller) => svc.deleteOccasion(input.id, caller)),
    'calendar.settings.get': method(NoInput, 'calendar.read', () => svc.settings()),
    'calendar.settings.update': method(CalendarSettingsPatch, 'calendar.manage', (input, caller) => svc.updateSettings(input, caller)),
    'calendar.templates.list': method(NoInput, 'calendar.manage', () => svc.templates()),
    'calendar.templates.update': method(TemplateInput, 'calendar.manage', (input, caller) => svc.updateTemplate(input, caller)),
    'calendar.templates.reset': method(TemplateReset, 'calendar.manage', (input, caller) => svc.resetTemplate(input, caller)),
    'calendar.templates.preview': method(TemplateInput, 'calendar.manage', (input) => svc.previewTemplate(input)),

    'calendar.ics.export': method(IcsExport, 'calendar.read', (input, caller) => svc.exportIcs(input, caller)),
    'calendar.ics.import': method(IcsImport, 'calendar.book', (input, caller) => svc.importIcs(input, caller)),
  }),
  timeline: (svc) => [svc.timelineSource()],
  // Reminders and follow-ups attach to appointments; the bell's invitations open them.
  items: (svc, ctx) => [svc.itemKind((userId) => ctx.use<OrganisationService>('organisation').callerOf(userId).permissions)],
  changes: (svc) => calendarChanges(svc),
  // Appointments received from the server: their occurrences indexed, and a room two desks
  // booked offline for the same time becomes a conflict record for both people.
  sync: (svc) => ({
    derived: { appointments: () => void svc.reindexStale(), appointment_exceptions: () => void svc.reindexStale() },
    conflicts: [
      {
        table: 'appointments',
        detect: (_store, id) => {
          const found = svc.roomClashes(id);
          if (!found) return [];
          return found.clashes.map((c) => ({
            rule: 'calendar.conflict.roomBusy',
            otherTable: 'appointments',
            otherId: c.appointmentId,
            parties: [found.bookedBy, c.bookedBy].filter((p): p is string => p !== null),
            details: { room: found.room, start: c.start },
          }));
        },
      },
    ],
  }),
  start: (svc) => svc.start(),
});

/** How the calendar's rows read in a change log (labels are the renderer's keys). */
function calendarChanges(svc: CalendarService): ChangeDescribers {
  const calendarName = (id: string) => svc.rows.calendar(id)?.name ?? null;
  return {
    appointments: {
      entity: 'calendar.entity.appointment',
      fields: {
        subject: { label: 'calendar.field.subject', kind: 'text' },
        calendar_id: { label: 'calendar.field.calendar', kind: 'reference', resolve: calendarName },
        start_at: { label: 'calendar.field.start', kind: 'datetime' },
        end_at: { label: 'calendar.field.end', kind: 'datetime' },
        start_date: { label: 'calendar.field.startDate', kind: 'date' },
        end_date: { label: 'calendar.field.endDate', kind: 'date' },
        location_text: { label: 'calendar.field.location', kind: 'text' },
        description: { label: 'calendar.field.description', kind: 'multiline' },
        rrule: { label: 'calendar.field.recurrence', kind: 'text' },
      },
    },
    appointment_attendees: {
      entity: 'calendar.entity.attendee',
      fields: {
        name: { label: 'calendar.field.attendee', kind: 'text' },
        status: { label: 'calendar.field.status', kind: 'enum', enumPrefix: 'calendar.status' },
        mandatory: { label: 'calendar.field.mandatory', kind: 'boolean' },
      },
    },
    appointment_exceptions: {
      entity: 'calendar.entity.occurrence',
      fields: {
        start_at: { label: 'calendar.field.start', kind: 'datetime' },
        end_at: { label: 'calendar.field.end', kind: 'datetime' },
        subject: { label: 'calendar.field.subject', kind: 'text' },
        cancelled: { label: 'calendar.field.cancelled', kind: 'boolean' },
      },
    },
    occasions: {
      entity: 'calendar.entity.occasion',
      fields: {
        title_fa: { label: 'calendar.field.title', kind: 'text' },
        date: { label: 'calendar.field.date', kind: 'date' },
        day_off: { label: 'calendar.field.dayOff', kind: 'boolean' },
      },
    },
    calendars: {
      entity: 'calendar.entity.calendar',
      fields: {
        name: { label: 'calendar.field.name', kind: 'text' },
        default_access: { label: 'calendar.field.defaultAccess', kind: 'enum', enumPrefix: 'calendar.access' },
      },
    },
  };
}
