import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import type { Feature } from '../../app/feature';
import { SettingsPage } from './SettingsPage';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** Settings: language, area code, the local user, about; other features add sections. */
export const settings: Feature = {
  name: 'settings',
  routes: [{ path: 'settings', Page: SettingsPage }],
  nav: { path: '/settings', labelKey: 'nav.settings', icon: SettingsOutlined, order: 100 },
  translations: { fa, en },
};
