/**
 * The areas of the app, in the order of the navigation list. `built: false` areas show a
 * page describing what will be there (features/placeholders).
 */
import type { SvgIconComponent } from '@mui/icons-material';
import SpaceDashboardOutlined from '@mui/icons-material/SpaceDashboardOutlined';
import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import InboxOutlined from '@mui/icons-material/InboxOutlined';
import PhoneOutlined from '@mui/icons-material/PhoneOutlined';
import MailOutlined from '@mui/icons-material/MailOutlined';
import ContactsOutlined from '@mui/icons-material/ContactsOutlined';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';

export type AreaKey =
  | 'dashboard'
  | 'calendar'
  | 'cartables'
  | 'phone'
  | 'correspondence'
  | 'contacts'
  | 'history'
  | 'settings';

export type PlannedArea = 'calendar' | 'cartables' | 'phone' | 'correspondence' | 'history';

export interface Area {
  key: AreaKey;
  path: string;
  icon: SvgIconComponent;
  /** Other paths that belong to this area (the profile belongs to contacts). */
  alsoMatches?: string[];
}

export const AREAS: readonly Area[] = [
  { key: 'dashboard', path: '/', icon: SpaceDashboardOutlined },
  { key: 'calendar', path: '/calendar', icon: CalendarMonthOutlined },
  { key: 'cartables', path: '/cartables', icon: InboxOutlined },
  { key: 'phone', path: '/phone', icon: PhoneOutlined },
  { key: 'correspondence', path: '/correspondence', icon: MailOutlined },
  { key: 'contacts', path: '/contacts', icon: ContactsOutlined, alsoMatches: ['/identities'] },
  { key: 'history', path: '/history', icon: HistoryOutlined },
  { key: 'settings', path: '/settings', icon: SettingsOutlined },
];

export const PLANNED_AREAS: readonly PlannedArea[] = ['calendar', 'cartables', 'phone', 'correspondence', 'history'];

export function areaOf(pathname: string): AreaKey {
  for (const a of AREAS) {
    if (a.path === '/') continue;
    for (const p of [a.path, ...(a.alsoMatches ?? [])]) {
      if (pathname === p || pathname.startsWith(`${p}/`)) return a.key;
    }
  }
  return 'dashboard';
}
