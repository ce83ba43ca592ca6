/**
 * A call in an identity's history: how it went, how long, and its log (subject, summary,
 * follow-up); its number can be called back from here like any number shown.
 */
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { CallTimelineData, TimelineItem } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';
import { CallButton } from './CallButton';
import { NumberText, useDuration } from './callText';

export function callTitle(item: TimelineItem): string {
  const d = item.data as CallTimelineData;
  if (d.direction === 'incoming' && (d.outcome === 'missed' || d.outcome === 'busy')) return 'phone.timeline.missed';
  return `phone.timeline.${d.direction}`;
}

export function CallTimelineBody({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const duration = useDuration();
  const d = item.data as CallTimelineData;
  return (
    <Stack spacing={0.5} data-testid="timeline-call">
      <Typography variant="body2" color="text.secondary">
        <NumberText number={d.number} />
        {d.number && <CallButton number={d.number} />}
        {d.outcome && ` · ${t(`phone.outcome.${d.outcome}`)}`}
        {d.durationMs ? ` · ${t('phone.history.duration', { duration: duration(d.durationMs) })}` : ''}
      </Typography>
      {d.subject && (
        <Typography sx={{ fontWeight: 600 }} dir="auto" data-testid="timeline-call-subject">
          {d.subject}
        </Typography>
      )}
      {d.summary && (
        <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }} dir="auto">
          {d.summary}
        </Typography>
      )}
      {d.followUpAt && (
        <Typography variant="body2" color="primary">
          {t('phone.log.followUpOn', { date: fmt.dateTime(d.followUpAt) })}
          {d.followUpNote ? ` — ${d.followUpNote}` : ''}
        </Typography>
      )}
    </Stack>
  );
}
