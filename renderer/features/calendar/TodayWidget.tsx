/**
 * The dashboard's "today" list: today's appointments where I am invited or coordinate,
 * earliest first, each gone once it has ended; the subject opens the appointment, the
 * identity's name opens the identity.
 */
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Stack from '@mui/material/Stack';
import Link from '@mui/material/Link';
import Box from '@mui/material/Box';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { timeOf } from './calendarGrid';
import { APPOINTMENT_TABLES } from './useCalendarBasics';

const MINUTE = 60_000;

export function TodayWidget() {
  const { t } = useTranslation();
  const { language, can } = useAppState();
  const today = useQuery('calendar.today', can('calendar.read') ? {} : null, { reads: APPOINTMENT_TABLES });
  // Asked again every minute, so an appointment that ended leaves the list.
  const { refetch } = today;
  useEffect(() => {
    const id = setInterval(refetch, MINUTE);
    return () => clearInterval(id);
  }, [refetch]);
  if (!can('calendar.read')) return null;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="today-appointments-title" data-testid="today-appointments">
      <Typography id="today-appointments-title" variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1 }}>
        {t('calendar.todayWidget.title')}
      </Typography>
      {today.data && today.data.length === 0 && <Typography color="text.secondary">{t('calendar.todayWidget.empty')}</Typography>}
      <Stack spacing={1}>
        {today.data?.map((i) => (
          <Stack key={`${i.appointmentId}:${i.occurrence}`} direction="row" spacing={2} sx={{ alignItems: 'baseline' }} data-testid="today-item">
            <Typography variant="body2" sx={{ width: 100, flexShrink: 0, color: 'text.secondary' }}>
              {i.allDay ? t('calendar.allDay') : `${timeOf(i.startLocal, language)}–${timeOf(i.endLocal, language)}`}
            </Typography>
            <Box sx={{ flex: 1, minWidth: 0 }}>
              <Link component={RouterLink} to={`/calendar?open=${i.appointmentId}&date=${i.startLocal.slice(0, 10)}`} data-testid="today-subject">
                <bdi>{i.subject}</bdi>
              </Link>
              {i.identity && (
                <>
                  {' — '}
                  <Link component={RouterLink} to={`/identities/${i.identity.id}`} color="text.secondary" data-testid="today-identity">
                    <bdi>{i.identity.name}</bdi>
                  </Link>
                </>
              )}
              {i.location && (
                <Typography variant="caption" color="text.secondary" component="div">
                  <bdi>{i.location}</bdi>
                </Typography>
              )}
            </Box>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
