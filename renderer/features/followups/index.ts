import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { Feature } from '../../app/feature';
import { FollowUpBody } from './FollowUpBody';
import { FollowUpWidget } from './FollowUpWidget';
import { IdentityFollowUps } from './IdentityFollowUps';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Follow-ups: the dashboard widget, the panel on an identity, and how one reads in its history. */
export const followups: Feature = {
  name: 'followups',
  translations: { fa, en },
  dashboard: [{ key: 'followups', order: 20, Component: FollowUpWidget }],
  identityHistory: [{ key: 'followups', order: 20, Component: IdentityFollowUps }],
  timeline: { followup: { icon: PlaylistAddCheckOutlined, title: () => 'followups.timelineTitle', Body: FollowUpBody } },
};
