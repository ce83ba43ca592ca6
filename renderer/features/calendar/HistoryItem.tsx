/** An appointment in an identity's history: when, what, where, and the identity's answer. */
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Typography from '@mui/material/Typography';
import Link from '@mui/material/Link';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import type { AppointmentTimelineData, TimelineItem } from '../../../main/contract';
import { useAppState } from '../../app/AppState';
import { fullDate, timeOf } from './calendarGrid';
import { STATUS_COLOURS } from './display';

export function AppointmentHistoryBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const { language } = useAppState();
  const d = item.data as AppointmentTimelineData;
  const day = d.allDay ? d.startDate! : d.startLocal.slice(0, 10);
  return (
    <Stack spacing={0.5} data-testid="history-appointment">
      <Typography variant="body2">
        {d.cancelled ? (
          <s>
            <bdi>{d.subject}</bdi>
          </s>
        ) : (
          <Link component={RouterLink} to={`/calendar?open=${d.appointmentId}&date=${day}`}>
            <bdi>{d.subject}</bdi>
          </Link>
        )}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {fullDate(day, language)}
        {d.allDay ? '' : ` ${timeOf(d.startLocal, language)}–${timeOf(d.endLocal, language)}`}
        {d.recurring ? ` — ${t('calendar.cartable.repeats')}` : ''}
        {d.location ? ' — ' : ''}
        {d.location && <bdi>{d.location}</bdi>}
      </Typography>
      <Stack direction="row" spacing={1}>
        {d.cancelled && <Chip size="small" color="error" label={t('calendar.history.cancelled')} />}
        {d.status && <Chip size="small" color={STATUS_COLOURS[d.status]} label={t(`calendar.status.${d.status}`)} />}
      </Stack>
    </Stack>
  );
}
