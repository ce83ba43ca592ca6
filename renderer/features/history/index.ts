import EditNote from '@mui/icons-material/EditNote';
import type { ChangeData } from '../../../main/contract';
import type { Feature } from '../../app/feature';
import { ChangeLogBody } from './ChangeLog';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** The change log in an identity's history (created / edited / deleted, old → new). */
export const history: Feature = {
  name: 'history',
  translations: { fa, en },
  timeline: {
    change: {
      icon: EditNote,
      title: (item) => `history.actions.${(item.data as ChangeData).action}`,
      action: (item) => (item.data as ChangeData).action,
      Body: ChangeLogBody,
    },
  },
};
