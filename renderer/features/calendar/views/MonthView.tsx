/**
 * The month view: our own Jalali month grid (no library draws one well), weeks from
 * Saturday, days of the neighbouring months dimmed, days off in red with their occasion,
 * and the first few appointments of each day; "+ n more" opens that day.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import ButtonBase from '@mui/material/ButtonBase';
import type { CalendarInfo, OccasionView, OccurrenceView } from '../../../../main/contract';
import { localiseDigits } from '../../../format/digits';
import type { Language } from '../../../format/language';
import { dayNumber, jalaliOf, monthGrid, timeOf, weekday, weekdayShort } from '../calendarGrid';
import { occasionTitle } from '../display';
import { itemColours } from './WeekView';

const SHOWN_PER_DAY = 3;

interface Props {
  date: string;
  occurrences: OccurrenceView[];
  occasions: OccasionView[];
  calendars: Map<string, CalendarInfo>;
  weekendDays: number[];
  today: string;
  language: Language;
  onOpen(o: OccurrenceView): void;
  onDay(date: string): void;
}

export function MonthView(p: Props) {
  const { t } = useTranslation();
  const grid = useMemo(() => monthGrid(p.date), [p.date]);
  const byDay = useMemo(() => {
    const m = new Map<string, OccurrenceView[]>();
    for (const o of p.occurrences) {
      const first = o.allDay ? o.startDate! : o.startLocal.slice(0, 10);
      const last = o.allDay ? o.endDate! : o.endLocal.slice(0, 10);
      for (const week of grid.weeks) {
        for (const d of week) {
          if (d >= first && d <= last && (o.allDay || d === first || `${d}T00:00` < o.endLocal)) {
            const list = m.get(d) ?? [];
            list.push(o);
            m.set(d, list);
          }
        }
      }
    }
    return m;
  }, [p.occurrences, grid]);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }} data-testid="month-view">
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', borderBottom: 1, borderColor: 'divider' }}>
        {grid.weeks[0]!.map((d) => (
          <Typography key={d} variant="body2" sx={{ textAlign: 'center', fontWeight: 700, py: 0.5, color: p.weekendDays.includes(weekday(d)) ? 'error.main' : 'text.secondary' }}>
            {weekdayShort(d, p.language)}
          </Typography>
        ))}
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gridAutoRows: 'minmax(96px, 1fr)', flex: 1, overflowY: 'auto' }}>
        {grid.weeks.flat().map((d) => {
          const inMonth = jalaliOf(d).month === grid.month.month;
          const occasions = p.occasions.filter((x) => x.date === d);
          const off = p.weekendDays.includes(weekday(d)) || occasions.some((x) => x.dayOff);
          const items = byDay.get(d) ?? [];
          // An occasion's line takes the place of one appointment.
          const room = SHOWN_PER_DAY - Math.min(1, occasions.length);
          return (
            <Box
              key={d}
              data-testid={`month-day-${d}`}
              sx={{ borderInlineStart: 1, borderBottom: 1, borderColor: 'divider', p: 0.5, minWidth: 0, bgcolor: inMonth ? undefined : 'action.hover', overflow: 'hidden' }}
            >
              <ButtonBase onClick={() => p.onDay(d)} sx={{ borderRadius: 1, px: 0.5 }} aria-label={t('calendar.openDay')}>
                <Typography
                  variant="body2"
                  sx={{
                    fontWeight: d === p.today ? 800 : 600,
                    color: off ? 'error.main' : inMonth ? 'text.primary' : 'text.disabled',
                    ...(d === p.today ? { bgcolor: 'primary.main', color: 'primary.contrastText', borderRadius: '50%', px: 0.75 } : {}),
                  }}
                >
                  {dayNumber(d, p.language)}
                </Typography>
              </ButtonBase>
              {occasions.slice(0, 1).map((x) => (
                <Typography key={x.id} variant="caption" component="div" noWrap sx={{ color: x.dayOff ? 'error.main' : 'text.secondary' }} title={occasionTitle(x, p.language)}>
                  {occasionTitle(x, p.language)}
                </Typography>
              ))}
              {items.slice(0, items.length > room ? room - 1 : room).map((o) => (
                <Box
                  key={o.key}
                  component="button"
                  type="button"
                  className="calendar-item"
                  data-testid="appointment"
                  onClick={() => p.onOpen(o)}
                  style={itemColours(p.calendars.get(o.calendarId)?.colour)}
                  sx={{ display: 'block', width: '100%', mt: 0.25, textAlign: 'start' }}
                >
                  {!o.allDay && <span className="calendar-time">{timeOf(o.startLocal, p.language)}</span>} <bdi>{o.subject}</bdi>
                </Box>
              ))}
              {items.length > room && (
                <ButtonBase onClick={() => p.onDay(d)} sx={{ typography: 'caption', color: 'primary.main', px: 0.5 }} data-testid="month-more">
                  {t('calendar.more', { n: localiseDigits(String(items.length - room + 1), p.language) })}
                </ButtonBase>
              )}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
