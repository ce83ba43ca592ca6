import CalendarMonthOutlined from '@mui/icons-material/CalendarMonthOutlined';
import EventOutlined from '@mui/icons-material/EventOutlined';
import type { AppointmentTimelineData } from '../../../main/contract';
import type { Feature } from '../../app/feature';
import { CalendarPage } from './CalendarPage';
import { CartablePage } from './CartablePage';
import { AppointmentHistoryBody } from './HistoryItem';
import { NewAppointmentDialog } from './NewAppointmentDialog';
import { TodayWidget } from './TodayWidget';
import { CalendarOptionsSettings } from './settings/CalendarOptionsSettings';
import { CalendarsSettings } from './settings/CalendarsSettings';
import { HolidaysSettings } from './settings/HolidaysSettings';
import { RoomsSettings } from './settings/RoomsSettings';
import { TemplatesSettings } from './settings/TemplatesSettings';
import fa from './i18n/fa.json';
import en from './i18n/en.json';

/**
 * Calendars and appointments: my work calendar, the appointment cartable, today's list on
 * the dashboard, appointments in an identity's history, and the calendar's settings.
 */
export const calendar: Feature = {
  name: 'calendar',
  routes: [
    { path: 'calendar', Page: CalendarPage },
    { path: 'calendar/cartable', Page: CartablePage },
  ],
  nav: { path: '/calendar', labelKey: 'nav.calendar', icon: CalendarMonthOutlined, order: 10 },
  translations: { fa, en },
  timeline: {
    appointment: {
      icon: EventOutlined,
      title: (item) => ((item.data as AppointmentTimelineData).cancelled ? 'calendar.history.cancelledTitle' : 'calendar.history.title'),
      Body: AppointmentHistoryBody,
    },
  },
  dashboard: [{ key: 'calendar-today', order: 10, Component: TodayWidget }],
  newItemForms: [{ key: 'appointment', order: 30, labelKey: 'calendar.form.newTitle', permission: 'calendar.book', Component: NewAppointmentDialog }],
  settings: [
    { key: 'calendar-options', order: 30, Component: CalendarOptionsSettings },
    { key: 'calendar-calendars', order: 31, Component: CalendarsSettings },
    { key: 'calendar-rooms', order: 32, Component: RoomsSettings },
    { key: 'calendar-holidays', order: 33, Component: HolidaysSettings },
    { key: 'calendar-templates', order: 34, Component: TemplatesSettings },
  ],
};
