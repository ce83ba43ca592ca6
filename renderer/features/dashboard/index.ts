import SpaceDashboardOutlined from '@mui/icons-material/SpaceDashboardOutlined';
import type { Feature } from '../../app/feature';
import { DashboardPage } from './DashboardPage';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/** The start page; other features add their widgets (today's appointments, follow-ups). */
export const dashboard: Feature = {
  name: 'dashboard',
  routes: [{ path: '', Page: DashboardPage }],
  nav: { path: '/', labelKey: 'nav.dashboard', icon: SpaceDashboardOutlined, order: 0 },
  translations: { fa, en },
};
