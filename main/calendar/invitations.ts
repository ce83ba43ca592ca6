/**
 * Invitations to attendees on create, change and cancel, built from the system message
 * templates. In-app ones go to the inbox capability (the bell in the app bar), as messages
 * that open the appointment; SMS and email ones wait in calendar_messages as 'queued' for
 * the correspondence channels, which is all that table still holds.
 */
import type { Writer } from '../../db/writer';
import type { InAppMessages } from '../inbox/service';
import { text, type Language } from '../api/messages';
import { dateOf, formatLocal, wallOf } from '../api/zoned-time';
import { renderTemplate, type Channel, type TemplateEvent, type TemplateValues } from './templates';
import { longJalaliDate, persianDigits } from './jalali';
import type { AppointmentRow, AttendeeRow, OccurrenceRow } from './store';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';
import type { MessageTemplates } from './message-templates';

/** The item kind appointments are registered under (reminders, follow-ups, the bell). */
export const APPOINTMENT_ITEM_KIND = 'appointment';

export interface Invitation {
  appointmentId: string;
  attendeeId: string | null;
  event: TemplateEvent;
  channel: Channel;
  /** In-app: the user it is for. */
  userId: string | null;
  /** SMS: a phone number; email: an address. */
  address: string | null;
  subject: string | null;
  body: string;
}

export interface InvitationDelivery {
  /** Runs inside the action's transaction: the invitation exists exactly when the change does. */
  deliver(w: Writer, invitations: readonly Invitation[]): void;
  /** The user opened the appointment: its messages in their bell are read, as a task's are when opened. */
  opened(userId: string, appointmentId: string): void;
}

/** The inbox message kind of an invitation event: `calendar.invitation.created` and so on. */
export const invitationKind = (event: TemplateEvent) => `calendar.invitation.${event}`;

/**
 * In-app invitations to the bell, one message per recipient, carrying the template's
 * rendered subject and text (the office edits that wording in Settings, in the desk's
 * language, so the bell's sentence is the template itself); the rest queue for sending.
 */
export function invitationDelivery(inbox: Pick<InAppMessages, 'deliver' | 'markReadFor'>): InvitationDelivery {
  return {
    opened(userId, appointmentId) {
      inbox.markReadFor(userId, { kind: APPOINTMENT_ITEM_KIND, id: appointmentId });
    },
    deliver(w, invitations) {
      for (const m of invitations) {
        if (m.channel === 'inapp') {
          if (m.userId === null) continue;
          inbox.deliver(
            [m.userId],
            { kind: invitationKind(m.event), params: { title: m.subject ?? '', text: m.body }, item: { kind: APPOINTMENT_ITEM_KIND, id: m.appointmentId } },
            w,
          );
          continue;
        }
        w.insert('calendar_messages', {
          appointment_id: m.appointmentId,
          attendee_id: m.attendeeId,
          event: m.event,
          channel: m.channel,
          user_id: null,
          address: m.address,
          subject: m.subject,
          body: m.body,
          status: 'queued',
        });
      }
    },
  };
}

/** Builds each attendee's invitation from the templates and hands them to the delivery. */
export class Inviter extends CalendarPart {
  constructor(
    ctx: CalendarContext,
    private readonly templates: MessageTemplates,
    private readonly delivery: InvitationDelivery,
  ) {
    super(ctx);
  }

  invite(w: Writer, appointmentId: string, event: TemplateEvent, original: number | null, attendees: readonly AttendeeRow[], channels: readonly Channel[], caller: CalendarCaller): void {
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
        const t = this.templates.template(event, channel, lang);
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
}
