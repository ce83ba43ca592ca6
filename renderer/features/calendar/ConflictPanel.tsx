/**
 * What a booking clashes with (a room already booked, a mandatory attendee already busy),
 * the next free slots of the same length (each booked in one click), and saving anyway —
 * an explicit override the backend records.
 */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ConflictReport, Slot } from '../../../main/contract';
import { useLanguage } from '../../app/AppState';
import { localiseDigits } from '../../format/digits';
import { fullDate, timeOf } from './calendarGrid';

interface Props {
  report: ConflictReport;
  /** The backend's sentence when saving was refused; absent while only checking. */
  message?: string | undefined;
  busy: boolean;
  onTake(slot: Slot): void;
  onOverride(): void;
}

export function ConflictPanel({ report, message, busy, onTake, onOverride }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const when = (start: string, end: string) =>
    start.slice(0, 10) === end.slice(0, 10)
      ? `${fullDate(start.slice(0, 10), language)} ${timeOf(start, language)}–${timeOf(end, language)}`
      : `${fullDate(start.slice(0, 10), language)} ${timeOf(start, language)} – ${fullDate(end.slice(0, 10), language)} ${timeOf(end, language)}`;
  return (
    <Alert severity="warning" data-testid="conflict-panel" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle>{message ?? t('calendar.conflict.title')}</AlertTitle>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
        {report.conflicts.slice(0, 6).map((c) => (
          <li key={`${c.resource.kind}:${c.resource.id}:${c.appointmentId}:${c.occurrence}`} data-testid="conflict">
            <Typography variant="body2">
              <strong>
                <bdi>{c.resource.name}</bdi>
              </strong>{' '}
              ({t(`calendar.conflict.${c.resource.kind}`)}): {c.subject ? <bdi>{c.subject}</bdi> : t('calendar.conflict.busy')} — {when(c.startLocal, c.endLocal)}
            </Typography>
          </li>
        ))}
        {report.conflicts.length > 6 && <li>{t('calendar.conflict.andMore', { n: localiseDigits(String(report.conflicts.length - 6), language) })}</li>}
      </Box>
      {report.proposals.length > 0 ? (
        <>
          <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }}>
            {t('calendar.conflict.proposals')}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: 'wrap', rowGap: 1 }}>
            {report.proposals.map((s) => (
              <Button key={s.startMs} size="small" variant="outlined" disabled={busy} onClick={() => onTake(s)} data-testid="proposal">
                {s.startDate && s.endDate ? fullDate(s.startDate, language) : when(s.start, s.end)}
              </Button>
            ))}
          </Stack>
        </>
      ) : (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {t('calendar.conflict.noProposals')}
        </Typography>
      )}
      <Button size="small" color="warning" sx={{ mt: 1 }} disabled={busy} onClick={onOverride} data-testid="override">
        {t('calendar.conflict.override')}
      </Button>
    </Alert>
  );
}
