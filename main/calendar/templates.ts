/**
 * System message templates for invitations: one per event (created, changed, cancelled)
 * and channel (in-app, SMS, email), with smart parameters written as {name}. The office
 * edits them in Settings; until then the built-in text of the desk's language is used.
 * Parameter values are plain text: the renderer shows messages as text, never as HTML.
 */
import type { Language } from '../api/messages';

export const TEMPLATE_EVENTS = ['created', 'changed', 'cancelled'] as const;
export type TemplateEvent = (typeof TEMPLATE_EVENTS)[number];
export const CHANNELS = ['inapp', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The smart parameters every invitation template may use. */
export const TEMPLATE_PARAMETERS = ['subject', 'date', 'time', 'room', 'coordinator', 'attendee', 'calendar'] as const;
export type TemplateParameter = (typeof TEMPLATE_PARAMETERS)[number];
export type TemplateValues = Record<TemplateParameter, string>;

export interface Template {
  subject: string | null;
  body: string;
}

/** The stored key of an invitation template, shared with other system messages later. */
export const templateKey = (event: TemplateEvent) => `calendar.invitation.${event}`;

const FA: Record<TemplateEvent, Record<Channel, Template>> = {
  created: {
    inapp: { subject: 'دعوت به جلسه: {subject}', body: '{attendee} گرامی، شما به جلسهٔ «{subject}» در {date} ساعت {time} در {room} دعوت شده‌اید. هماهنگ‌کننده: {coordinator}' },
    sms: { subject: null, body: '{attendee} گرامی، دعوت به جلسهٔ «{subject}»، {date} ساعت {time}، {room}. {coordinator}' },
    email: {
      subject: 'دعوت به جلسه: {subject}',
      body: '{attendee} گرامی،\n\nشما به جلسهٔ «{subject}» دعوت شده‌اید.\nتاریخ: {date}\nساعت: {time}\nمکان: {room}\n\nهماهنگ‌کننده: {coordinator}',
    },
  },
  changed: {
    inapp: { subject: 'تغییر جلسه: {subject}', body: 'جلسهٔ «{subject}» تغییر کرد: اکنون {date} ساعت {time} در {room}.' },
    sms: { subject: null, body: '{attendee} گرامی، جلسهٔ «{subject}» به {date} ساعت {time}، {room} تغییر کرد. {coordinator}' },
    email: {
      subject: 'تغییر جلسه: {subject}',
      body: '{attendee} گرامی،\n\nجلسهٔ «{subject}» تغییر کرد.\nتاریخ: {date}\nساعت: {time}\nمکان: {room}\n\nهماهنگ‌کننده: {coordinator}',
    },
  },
  cancelled: {
    inapp: { subject: 'لغو جلسه: {subject}', body: 'جلسهٔ «{subject}» در {date} ساعت {time} لغو شد.' },
    sms: { subject: null, body: '{attendee} گرامی، جلسهٔ «{subject}» ({date} ساعت {time}) لغو شد. {coordinator}' },
    email: {
      subject: 'لغو جلسه: {subject}',
      body: '{attendee} گرامی،\n\nجلسهٔ «{subject}» در {date} ساعت {time} لغو شد.\n\nهماهنگ‌کننده: {coordinator}',
    },
  },
};

const EN: Record<TemplateEvent, Record<Channel, Template>> = {
  created: {
    inapp: { subject: 'Invitation: {subject}', body: 'Dear {attendee}, you are invited to “{subject}” on {date} at {time} in {room}. Coordinator: {coordinator}' },
    sms: { subject: null, body: 'Dear {attendee}, invitation to “{subject}”, {date} at {time}, {room}. {coordinator}' },
    email: {
      subject: 'Invitation: {subject}',
      body: 'Dear {attendee},\n\nYou are invited to “{subject}”.\nDate: {date}\nTime: {time}\nPlace: {room}\n\nCoordinator: {coordinator}',
    },
  },
  changed: {
    inapp: { subject: 'Changed: {subject}', body: '“{subject}” has changed: now on {date} at {time} in {room}.' },
    sms: { subject: null, body: 'Dear {attendee}, “{subject}” moved to {date} at {time}, {room}. {coordinator}' },
    email: {
      subject: 'Changed: {subject}',
      body: 'Dear {attendee},\n\n“{subject}” has changed.\nDate: {date}\nTime: {time}\nPlace: {room}\n\nCoordinator: {coordinator}',
    },
  },
  cancelled: {
    inapp: { subject: 'Cancelled: {subject}', body: '“{subject}” on {date} at {time} is cancelled.' },
    sms: { subject: null, body: 'Dear {attendee}, “{subject}” ({date} at {time}) is cancelled. {coordinator}' },
    email: {
      subject: 'Cancelled: {subject}',
      body: 'Dear {attendee},\n\n“{subject}” on {date} at {time} is cancelled.\n\nCoordinator: {coordinator}',
    },
  },
};

export function defaultTemplate(event: TemplateEvent, channel: Channel, language: Language): Template {
  return (language === 'en' ? EN : FA)[event][channel];
}

/** Placeholders a template uses that are not smart parameters (a typo like {sbject}). */
export function unknownParameters(text: string): string[] {
  const known = new Set<string>(TEMPLATE_PARAMETERS);
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].filter((p) => !known.has(p));
}

export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? values[name as TemplateParameter] : whole,
  );
}
