/**
 * The sync page (from the indicator): the server card, open conflicts for this user to
 * decide, and the changes the server refused, with its reasons.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Alert from '@mui/material/Alert';
import type { SyncConflict } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { SettingsCard } from '../../app/SettingsCard';
import { useFormat } from '../../app/useFormat';
import { SyncServerCard } from './SyncServerCard';
import { CalendarFeedsCard } from './CalendarFeedsCard';
import { useAppState } from '../../app/AppState';
import { useSyncStatus } from './useSyncStatus';

function ConflictItem({ conflict }: { conflict: SyncConflict }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A rule's sentence lives with its feature's translations (sync.rules.<rule>), else a general one.
  const key = `sync.rules.${conflict.rule}`;
  // A time among the details (epoch ms) reads as a Jalali date and time.
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(conflict.details)) params[k] = typeof v === 'number' && k === 'start' ? fmt.dateTime(v) : String(v);
  if (params.start) params.when = params.start;
  const sentence = i18n.exists(key) ? t(key, params) : t('sync.rules.unknown');
  return (
    <ListItem divider data-testid="sync-conflict" sx={{ alignItems: 'flex-start', flexDirection: 'column', gap: 1 }}>
      <ListItemText
        primary={sentence}
        secondary={`${fmt.dateTime(conflict.createdAt)} — ${t('sync.between', { names: conflict.parties.map((p) => p.displayName).join('، ') })}`}
      />
      <Stack direction="row" spacing={1.5} sx={{ width: '100%' }}>
        <TextField size="small" label={t('sync.resolveNote')} value={note} onChange={(e) => setNote(e.target.value)} sx={{ flex: 1 }} slotProps={{ htmlInput: { dir: 'auto' } }} />
        <Button
          variant="outlined"
          onClick={async () => {
            const r = await api.call('sync.resolveConflict', { id: conflict.id, note: note.trim() || undefined });
            setError(r.ok ? null : r.error.message);
          }}
          data-testid="sync-resolve"
        >
          {t('sync.resolve')}
        </Button>
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
    </ListItem>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session } = useAppState();
  const status = useSyncStatus();
  const conflicts = useQuery('sync.conflicts', {}, { reads: ['sync_conflicts'] });
  // Refusals come with pushes, which change no table this page reads: asked again on any change.
  const refusals = useQuery('sync.refusals', {});
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">
        {t('sync.title')}
      </Typography>
      <SyncServerCard />
      <SettingsCard title={t('sync.conflicts')} id="sync-conflicts">
        {conflicts.error && <Alert severity="warning">{conflicts.error.message}</Alert>}
        {conflicts.data && conflicts.data.length === 0 && <Typography color="text.secondary">{t('sync.noConflicts')}</Typography>}
        <List disablePadding>
          {conflicts.data?.map((c) => <ConflictItem key={c.id} conflict={c} />)}
        </List>
      </SettingsCard>
      {status?.configured && status.state !== 'signedOut' && session?.permissions.includes('calendar.read') && <CalendarFeedsCard />}
      <SettingsCard title={t('sync.refusals')} id="sync-refusals">
        {refusals.data && refusals.data.length === 0 && <Typography color="text.secondary">{t('sync.noRefusals')}</Typography>}
        {refusals.data && refusals.data.length > 0 && (
          <>
            <Typography sx={{ mb: 1 }}>{t('sync.refused', { n: fmt.number(refusals.data.length) })}</Typography>
            <List disablePadding>
              {refusals.data.map((r, i) => (
                <ListItem key={`${r.rowId}-${i}`} divider data-testid="sync-refusal">
                  <ListItemText primary={r.message?.[fmt.language] ?? r.code} />
                </ListItem>
              ))}
            </List>
          </>
        )}
      </SettingsCard>
    </Stack>
  );
}
