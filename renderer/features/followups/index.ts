import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { Feature } from '../../app/feature';
import { FollowUpAction } from './FollowUpAction';
import { FollowUpBody } from './FollowUpBody';
import { FollowUpWidget } from './FollowUpWidget';
import { IdentityFollowUps } from './IdentityFollowUps';
import { NewFollowUpDialog } from './NewFollowUpDialog';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Follow-ups: the dashboard widget, the panel on an identity, how one reads in its history, "follow up" beside listed items, and a new follow-up about a caller. */
export const followups: Feature = {
  name: 'followups',
  translations: { fa, en },
  dashboard: [{ key: 'followups', order: 20, Component: FollowUpWidget }],
  identityHistory: [{ key: 'followups', order: 20, Component: IdentityFollowUps }],
  itemActions: [{ key: 'follow-up', order: 20, permission: 'followups.use', Component: FollowUpAction }],
  newItemForms: [{ key: 'follow-up', order: 40, labelKey: 'followups.newItem', permission: 'followups.use', Component: NewFollowUpDialog }],
  timeline: { followup: { icon: PlaylistAddCheckOutlined, title: () => 'followups.timelineTitle', Body: FollowUpBody } },
};
