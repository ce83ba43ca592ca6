/**
 * Calendar feeds (on the sync page): for each calendar the user may read, a secret address
 * a phone's calendar app can subscribe to. The address is shown once, when made (the server
 * keeps only its hash); a feed can be revoked at any time.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Alert from '@mui/material/Alert';
import type { CalendarFeed } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { SettingsCard } from '../../app/SettingsCard';
import { useFormat } from '../../app/useFormat';

export function CalendarFeedsCard() {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const calendars = useQuery('calendar.calendars.list', {}, { reads: ['calendars', 'calendar_access'] });
  const feeds = useQuery('sync.feeds.list', {});
  const [made, setMade] = useState<CalendarFeed | null>(null);
  const [error, setError] = useState<string | null>(null);
  const nameOf = (id: string) => calendars.data?.find((c) => c.id === id)?.name ?? '—';

  const create = async (calendarId: string) => {
    const r = await api.call('sync.feeds.create', { calendarId });
    if (r.ok) {
      setMade(r.value);
      setError(null);
      feeds.refetch();
    } else setError(r.error.message);
  };
  const revoke = async (id: string) => {
    const r = await api.call('sync.feeds.revoke', { id });
    if (r.ok) {
      if (made?.id === id) setMade(null);
      feeds.refetch();
    } else setError(r.error.message);
  };

  return (
    <SettingsCard title={t('sync.feeds.title')} id="sync-feeds">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('sync.feeds.help')}
      </Typography>
      <Stack spacing={1}>
        {calendars.data
          ?.filter((c) => c.access !== 'none')
          .map((c) => (
            <Stack key={c.id} direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
              <Typography sx={{ flex: 1 }}>
                <bdi>{c.name}</bdi>
              </Typography>
              <Button size="small" variant="outlined" onClick={() => void create(c.id)} data-testid="sync-feed-create">
                {t('sync.feeds.create')}
              </Button>
            </Stack>
          ))}
      </Stack>
      {made?.url && (
        <Alert severity="success" sx={{ mt: 1.5 }}>
          {t('sync.feeds.made', { name: nameOf(made.calendarId) })}
          <TextField
            fullWidth
            size="small"
            value={made.url}
            sx={{ mt: 1 }}
            slotProps={{ htmlInput: { readOnly: true, dir: 'ltr', 'data-testid': 'sync-feed-url' } }}
            onFocus={(e) => e.target.select()}
          />
        </Alert>
      )}
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {feeds.data && feeds.data.length > 0 && (
        <Stack spacing={1} sx={{ mt: 2 }}>
          <Typography variant="subtitle2">{t('sync.feeds.existing')}</Typography>
          {feeds.data.map((f) => (
            <Stack key={f.id} direction="row" spacing={1.5} sx={{ alignItems: 'center' }} data-testid="sync-feed">
              <Typography sx={{ flex: 1 }}>
                <bdi>{nameOf(f.calendarId)}</bdi> — {fmt.dateTime(f.createdAt)}
              </Typography>
              <Button size="small" color="error" onClick={() => void revoke(f.id)} data-testid="sync-feed-revoke">
                {t('sync.feeds.revoke')}
              </Button>
            </Stack>
          ))}
        </Stack>
      )}
    </SettingsCard>
  );
}
