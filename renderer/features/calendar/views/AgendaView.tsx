/** The agenda: from the chosen day to a week ahead, day by day, earliest first. */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { CalendarInfo, OccasionView, OccurrenceView } from '../../../../main/contract';
import type { Language } from '../../../format/language';
import { fullDate, timeOf } from '../calendarGrid';
import { occasionTitle } from '../display';

interface Props {
  days: string[];
  occurrences: OccurrenceView[];
  occasions: OccasionView[];
  calendars: Map<string, CalendarInfo>;
  language: Language;
  onOpen(o: OccurrenceView): void;
}

export function AgendaView(p: Props) {
  const { t } = useTranslation();
  return (
    <Box sx={{ overflowY: 'auto', flex: 1 }} data-testid="agenda-view">
      {p.days.map((d) => {
        const items = p.occurrences.filter((o) => (o.allDay ? o.startDate! <= d && o.endDate! >= d : o.startLocal.slice(0, 10) === d));
        const occasions = p.occasions.filter((x) => x.date === d);
        return (
          <Box key={d} sx={{ mb: 1.5 }}>
            <Typography variant="subtitle2" sx={{ fontWeight: 700, color: occasions.some((x) => x.dayOff) ? 'error.main' : 'text.primary' }}>
              {fullDate(d, p.language)}
              {occasions.length > 0 && (
                <Typography component="span" variant="caption" sx={{ marginInlineStart: 1, color: 'text.secondary' }}>
                  {occasions.map((x) => occasionTitle(x, p.language)).join('، ')}
                </Typography>
              )}
            </Typography>
            {items.length === 0 ? (
              <Typography variant="body2" color="text.secondary" sx={{ px: 2 }}>
                {t('calendar.nothing')}
              </Typography>
            ) : (
              <List dense disablePadding>
                {items.map((o) => (
                  <ListItemButton key={o.key} onClick={() => p.onOpen(o)} data-testid="appointment" sx={{ borderInlineStart: '4px solid', borderColor: p.calendars.get(o.calendarId)?.colour ?? 'primary.main', mb: 0.5, borderRadius: 1 }}>
                    <Typography variant="body2" sx={{ width: 110, flexShrink: 0, color: 'text.secondary' }}>
                      {o.allDay ? t('calendar.allDay') : `${timeOf(o.startLocal, p.language)}–${timeOf(o.endLocal, p.language)}`}
                    </Typography>
                    <ListItemText primary={<bdi>{o.subject}</bdi>} secondary={o.location ? <bdi>{o.location}</bdi> : null} sx={{ my: 0 }} />
                  </ListItemButton>
                ))}
              </List>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
