/**
 * Invitations to attendees on create, change and cancel, built from the system message
 * templates. Delivery is an interface: today in-app messages are rows of calendar_messages
 * (the notification bell reads them through calendar.messages.*), and SMS and email ones
 * wait there as 'queued' for the correspondence channels. When a shared in-app messaging
 * capability exists, a delivery that hands in-app messages to it replaces this one.
 */
import type { Writer } from '../../db/writer';
import type { Channel, TemplateEvent } from './templates';

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
}

export const tableDelivery: InvitationDelivery = {
  deliver(w, invitations) {
    for (const m of invitations) {
      w.insert('calendar_messages', {
        appointment_id: m.appointmentId,
        attendee_id: m.attendeeId,
        event: m.event,
        channel: m.channel,
        user_id: m.userId,
        address: m.address,
        subject: m.subject,
        body: m.body,
        status: m.channel === 'inapp' ? 'delivered' : 'queued',
      });
    }
  },
};
