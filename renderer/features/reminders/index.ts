import type { Feature } from '../../app/feature';
import { IdentityReminders } from './IdentityReminders';
import { NewReminderDialog } from './NewReminderDialog';
import { RemindAction } from './RemindAction';
import { ReminderPopups } from './ReminderPopups';
import { ReminderSettings } from './ReminderSettings';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Reminders: the popups over every page, the sound setting, my reminders on an identity, "remind me" beside listed items. ItemReminders goes on item pages. */
export const reminders: Feature = {
  name: 'reminders',
  translations: { fa, en },
  overlays: [{ key: 'reminder-popups', order: 10, Component: ReminderPopups }],
  settings: [{ key: 'reminder-settings', order: 40, Component: ReminderSettings }],
  identityHistory: [{ key: 'reminders', order: 25, Component: IdentityReminders }],
  itemActions: [{ key: 'remind', order: 10, permission: 'reminders.use', Component: RemindAction }],
  newItemForms: [{ key: 'reminder', order: 50, labelKey: 'reminders.newItem', permission: 'reminders.use', Component: NewReminderDialog }],
};
