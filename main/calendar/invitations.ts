/**
 * Invitations to attendees on create, change and cancel, built from the system message
 * templates. In-app ones go to the inbox capability (the bell in the app bar), as messages
 * that open the appointment; SMS and email ones wait in calendar_messages as 'queued' for
 * the correspondence channels, which is all that table still holds.
 */
import type { Writer } from '../../db/writer';
import type { InAppMessages } from '../inbox/service';
import type { Channel, TemplateEvent } from './templates';

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
