/**
 * Areas that are designed but not built yet, each a page that says plainly what it will
 * hold. A capability that arrives takes its area off this list and brings its own feature.
 */
import { createElement } from 'react';
import MailOutlined from '@mui/icons-material/MailOutlined';
import HistoryOutlined from '@mui/icons-material/HistoryOutlined';
import type { SvgIconComponent } from '@mui/icons-material';
import type { Feature } from '../../app/feature';
import { PlannedAreaPage } from './PlannedAreaPage';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

const PLANNED: { area: string; icon: SvgIconComponent; order: number }[] = [
  { area: 'correspondence', icon: MailOutlined, order: 40 },
  { area: 'history', icon: HistoryOutlined, order: 60 },
];

export const plannedAreas: Feature[] = PLANNED.map(({ area, icon, order }, i) => ({
  name: `planned-${area}`,
  routes: [{ path: area, Page: () => createElement(PlannedAreaPage, { area }) }],
  nav: { path: `/${area}`, labelKey: `nav.${area}`, icon, order },
  // The texts of every planned area live in one file; the first entry brings them.
  ...(i === 0 ? { translations: { fa, en } } : {}),
}));
