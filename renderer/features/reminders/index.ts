import type { Feature } from '../../app/feature';
import { ReminderPopups } from './ReminderPopups';
import { ReminderSettings } from './ReminderSettings';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Reminders: the popups over every page, and the sound setting. ItemReminders goes on item pages. */
export const reminders: Feature = {
  name: 'reminders',
  translations: { fa, en },
  overlays: [{ key: 'reminder-popups', order: 10, Component: ReminderPopups }],
  settings: [{ key: 'reminder-settings', order: 40, Component: ReminderSettings }],
};
