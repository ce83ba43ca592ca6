/**
 * Reminders that have fallen due, one card each over every page, until the person acts:
 * snooze (5, 10, 30 minutes or a chosen time), dismiss, or open the item. They survive a
 * reload and a restart (the backend keeps them fired until handled) and close in every
 * window at once when handled in one.
 */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import ButtonGroup from '@mui/material/ButtonGroup';
import Chip from '@mui/material/Chip';
import Alert from '@mui/material/Alert';
import AlarmOutlined from '@mui/icons-material/AlarmOutlined';
import type { Reminder } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { JalaliDateField } from '../../app/JalaliDateField';
import { jalaliInputText } from '../../format/jalaliInput';
import { playChime } from './chime';
import { usePresenceReport } from './usePresenceReport';
import { errorMessage } from '../../app/formErrors';

const SNOOZE_MINUTES = [5, 10, 30] as const;

function ReminderCard({ reminder }: { reminder: Reminder }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const navigate = useNavigate();
  const [choosing, setChoosing] = useState(false);
  const [until, setUntil] = useState(() => jalaliInputText(Date.now() + 60 * 60_000, fmt.language, true));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (call: () => ReturnType<typeof api.call>) => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    setError(r.ok ? null : (errorMessage(r.error)));
  };
  const snooze = (minutes: number) => act(() => api.call('reminders.snooze', { id: reminder.id, minutes }));
  const labelId = `reminder-${reminder.id}-title`;

  return (
    <Paper
      elevation={8}
      role="alertdialog"
      aria-labelledby={labelId}
      sx={{ p: 2, width: 380, maxWidth: 'calc(100vw - 32px)', borderInlineStart: (th) => `4px solid ${th.palette.warning.main}` }}
      data-testid="reminder-popup"
      data-reminder={reminder.id}
    >
      <Stack spacing={1}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <AlarmOutlined color="warning" />
          <Typography id={labelId} sx={{ fontWeight: 700, flex: 1, minWidth: 0 }} noWrap>
            <bdi>{reminder.title ?? t('reminders.itemGone')}</bdi>
          </Typography>
          {reminder.late && <Chip size="small" color="warning" label={t('reminders.late')} data-testid="reminder-late" />}
        </Stack>
        {reminder.note && (
          <Typography className="preserve-lines" dir="auto">
            {reminder.note}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary">
          {t('reminders.dueAt', { time: fmt.dateTime(reminder.dueAt) })}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography variant="body2">{t('reminders.snooze')}</Typography>
          <ButtonGroup size="small" variant="outlined" disabled={busy}>
            {SNOOZE_MINUTES.map((m) => (
              <Button key={m} onClick={() => void snooze(m)} data-testid={`snooze-${m}`}>
                {t('reminders.minutes', { n: fmt.number(m) })}
              </Button>
            ))}
            <Button onClick={() => setChoosing((c) => !c)} data-testid="snooze-choose">
              {t('reminders.chooseTime')}
            </Button>
          </ButtonGroup>
        </Stack>
        {choosing && (
          <Stack
            direction="row"
            spacing={1}
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(() => api.call('reminders.snooze', { id: reminder.id, until }));
            }}
          >
            <JalaliDateField label={t('reminders.until')} value={until} onChange={setUntil} withTime testId="snooze-until" sx={{ flex: 1 }} />
            <Button type="submit" variant="outlined" disabled={busy}>
              {t('reminders.snoozeUntil')}
            </Button>
          </Stack>
        )}
        {error && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          {reminder.link && (
            <Button
              onClick={() => {
                navigate(reminder.link!);
              }}
              data-testid="reminder-open"
            >
              {t('reminders.open')}
            </Button>
          )}
          <Button variant="contained" disabled={busy} onClick={() => void act(() => api.call('reminders.dismiss', { id: reminder.id }))} data-testid="reminder-dismiss">
            {t('reminders.dismiss')}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}

export function ReminderPopups() {
  const api = useApi();
  const { session } = useAppState();
  const active = useQuery('reminders.active', session?.user ? {} : null, { reads: ['reminders'] });
  // The sound setting belongs to the desk, and is read signed out too (the sign-in screen plays it).
  const prefs = useQuery('reminders.preferences', {}, { reads: [] });
  const sound = prefs.data?.sound ?? true;
  const { refetch } = active;
  usePresenceReport();

  useEffect(
    () =>
      api.on('reminder.due', () => {
        refetch();
        if (sound) playChime();
      }),
    [api, refetch, sound],
  );
  // Someone's reminder fell due while nobody is signed in: only the sound, nothing of what it
  // is (the backend's native notification says whose it is; the popup waits for them).
  useEffect(
    () =>
      api.on('reminder.waiting', () => {
        if (sound) playChime();
      }),
    [api, sound],
  );

  const list = active.data ?? [];
  if (list.length === 0) return null;
  return (
    <Stack
      spacing={1.5}
      sx={{ position: 'fixed', bottom: 16, insetInlineEnd: 16, zIndex: (th) => th.zIndex.modal + 1, maxHeight: 'calc(100vh - 96px)', overflowY: 'auto' }}
      data-testid="reminder-popups"
    >
      {list.map((r) => (
        <ReminderCard key={`${r.id}:${r.firedAt}`} reminder={r} />
      ))}
    </Stack>
  );
}
