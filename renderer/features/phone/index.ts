import PhoneOutlined from '@mui/icons-material/PhoneOutlined';
import type { Feature } from '../../app/feature';
import { CallButton } from './CallButton';
import { CallSettings } from './CallSettings';
import { CallTimelineBody, callTitle } from './CallTimelineItem';
import { PhoneOverlay } from './PhoneOverlay';
import { PhonePage } from './PhonePage';
import { PhoneToolbar } from './PhoneToolbar';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/**
 * The softphone on the renderer side: the toolbar on every page, the phone page (dialer,
 * calls in progress, history), the caller-ID popups and log form, Settings → Calls, calls in
 * an identity's history, and click-to-call beside every phone number.
 */
export const phone: Feature = {
  name: 'phone',
  routes: [{ path: 'phone', Page: PhonePage }],
  nav: { path: '/phone', labelKey: 'nav.phone', icon: PhoneOutlined, order: 30 },
  translations: { fa, en },
  timeline: { call: { icon: PhoneOutlined, title: callTitle, Body: CallTimelineBody } },
  settings: [{ key: 'calls', order: 30, Component: CallSettings }],
  toolbar: [{ key: 'phone', order: 10, Component: PhoneToolbar }],
  overlays: [{ key: 'phone', order: 10, Component: PhoneOverlay }],
  phoneActions: [{ key: 'call', order: 10, Component: CallButton }],
};
