/**
 * The History tab: everything related to this identity, newest first — each kind drawn by
 * the feature that owns it (notes, the change log, appointments, calls, …), with the panels
 * features put above it (the note box). Every entry says who and when (Jalali).
 */
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import type { TimelineItem } from '../../../main/contract';
import { useFormat } from '../../app/useFormat';
import { contributions, useFeatures } from '../../app/features';
import { useTimeline } from './useTimeline';

function Entry({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const renderer = useFeatures()
    .map((f) => f.timeline?.[item.kind])
    .find((r) => r !== undefined);
  // A kind no feature draws (a newer desk synced it here) is left out rather than guessed at.
  if (!renderer) return null;
  const { icon: Icon, Body } = renderer;
  return (
    <Paper
      variant="outlined"
      component="li"
      sx={{ p: 1.5, display: 'flex', gap: 1.5, listStyle: 'none' }}
      data-testid="timeline-entry"
      data-kind={item.kind}
      data-action={renderer.action?.(item) ?? ''}
    >
      <Icon color="action" sx={{ mt: 0.25 }} />
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography sx={{ fontWeight: 700 }} data-testid="timeline-title">
            {t(renderer.title(item))}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="timeline-actor">
            {t('history.by')} <bdi>{item.actor?.displayName ?? t('history.system')}</bdi>
          </Typography>
          <Typography variant="body2" color="text.secondary" component="time" dateTime={new Date(item.at).toISOString()} data-testid="timeline-date">
            {fmt.dateTime(item.at)}
          </Typography>
        </Stack>
        {Body && <Body item={item} />}
      </Box>
    </Paper>
  );
}

export function HistoryTab({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(identityId);
  const features = useFeatures();
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      {contributions(features, 'identityHistory').map(({ key, Component }) => (
        <Component key={key} identityId={identityId} />
      ))}
      {timeline.error && <Alert severity="error">{timeline.error.message}</Alert>}
      {timeline.loading && <LinearProgress aria-label={t('common.loading')} />}
      {!timeline.loading && timeline.items.length === 0 && <Typography color="text.secondary">{t('history.empty')}</Typography>}
      <Stack component="ol" spacing={1} sx={{ m: 0, p: 0 }} data-testid="timeline" aria-label={t('profile.tabs.history')}>
        {timeline.items.map((item) => (
          <Entry key={item.key} item={item} />
        ))}
      </Stack>
      {timeline.hasMore && (
        <Box sx={{ textAlign: 'center' }}>
          <Button variant="outlined" onClick={timeline.loadMore} disabled={timeline.loadingMore}>
            {timeline.loadingMore ? t('common.loading') : t('common.loadMore')}
          </Button>
        </Box>
      )}
    </Stack>
  );
}
