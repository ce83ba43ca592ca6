import type { Feature } from '../../app/feature';
import { InboxBell } from './InboxBell';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** In-app system messages: the bell with the unread count in the app bar. */
export const inbox: Feature = {
  name: 'inbox',
  translations: { fa, en },
  toolbar: [{ key: 'inbox-bell', order: 50, Component: InboxBell }],
};
