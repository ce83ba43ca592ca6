/**
 * Settings → Calendars: each calendar's name, colour, owner and who may read or write it
 * (per user or group; a user's own entry wins over their groups').
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import IconButton from '@mui/material/IconButton';
import Alert from '@mui/material/Alert';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import type { AccessLevel, CalendarInfo } from '../../../../main/contract';
import type { ApiErrorBody } from '../../../../main/api/rpc';
import { useApi } from '../../../api/ApiProvider';
import { useAppState } from '../../../app/AppState';
import { SettingsCard } from '../../../app/SettingsCard';
import { UserPicker } from '../Pickers';
import { useCalendarBasics, type CalendarBasics } from '../useCalendarBasics';
import { GuardedDialog } from '../../../app/GuardedDialog';
import { errorMessage } from '../../../app/formErrors';

const LEVELS: AccessLevel[] = ['none', 'read', 'read-write'];
type Entry = { who: string; access: AccessLevel };

export function CalendarsSettings() {
  const { t } = useTranslation();
  const { can } = useAppState();
  const basics = useCalendarBasics();
  const [editing, setEditing] = useState<CalendarInfo | 'new' | null>(null);
  if (!can('calendar.manage')) return null;
  return (
    <SettingsCard title={t('calendar.settings.calendars.title')} id="settings-calendars">
      <Stack spacing={1}>
        {basics.calendars.map((c) => (
          <Stack key={c.id} direction="row" spacing={1.5} sx={{ alignItems: 'center' }} data-testid="calendar-row">
            <Box sx={{ width: 14, height: 14, borderRadius: '50%', bgcolor: c.colour, flexShrink: 0 }} />
            <Typography sx={{ flex: 1, fontWeight: 600 }}>{c.kind === 'occasions' ? t('calendar.occasionsCalendar') : <bdi>{c.name}</bdi>}</Typography>
            <Typography variant="body2" color="text.secondary">
              {t('calendar.settings.calendars.defaultIs', { level: t(`calendar.access.${c.defaultAccess}`) })}
            </Typography>
            <Button size="small" onClick={() => setEditing(c)}>
              {t('calendar.settings.edit')}
            </Button>
          </Stack>
        ))}
      </Stack>
      <Button sx={{ mt: 1 }} onClick={() => setEditing('new')} data-testid="add-calendar">
        {t('calendar.settings.calendars.add')}
      </Button>
      {editing && <CalendarDialog calendar={editing === 'new' ? null : editing} basics={basics} onClose={() => setEditing(null)} />}
    </SettingsCard>
  );
}

function CalendarDialog({ calendar, basics, onClose }: { calendar: CalendarInfo | null; basics: CalendarBasics; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(calendar?.name ?? '');
  const [colour, setColour] = useState(calendar?.colour ?? '#43a047');
  const [ownerId, setOwnerId] = useState<string | null>(calendar?.ownerId ?? null);
  const [defaultAccess, setDefaultAccess] = useState<AccessLevel>(calendar?.defaultAccess ?? 'none');
  const [entries, setEntries] = useState<Entry[]>(
    (calendar?.entries ?? []).map((e) => ({ who: e.userId ? `u:${e.userId}` : `g:${e.groupId}`, access: e.access })),
  );
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // Closing loses something only when what would be saved differs from what the dialog opened with.
  const current = JSON.stringify([name, colour, ownerId, defaultAccess, entries]);
  const [opened] = useState(current);
  const save = async () => {
    const input = {
      name,
      colour,
      ownerId,
      defaultAccess,
      access: entries.filter((e) => e.who).map((e) => (e.who.startsWith('u:') ? { userId: e.who.slice(2), access: e.access } : { groupId: e.who.slice(2), access: e.access })),
    };
    const r = calendar ? await api.call('calendar.calendars.update', { id: calendar.id, ...input }) : await api.call('calendar.calendars.create', input);
    if (r.ok) onClose();
    else setError(r.error);
  };
  const who = [
    ...basics.users.map((u) => ({ value: `u:${u.id}`, label: u.displayName })),
    ...basics.groups.map((g) => ({ value: `g:${g.id}`, label: `${t('calendar.settings.calendars.group')}: ${g.name}` })),
  ];
  return (
    <GuardedDialog dirty={current !== opened} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="calendar-title" data-testid="calendar-dialog">
      <DialogTitle id="calendar-title">{calendar ? t('calendar.settings.calendars.editTitle') : t('calendar.settings.calendars.add')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <Stack direction="row" spacing={2}>
            <TextField label={t('calendar.settings.calendars.name')} value={name} onChange={(e) => setName(e.target.value)} size="small" sx={{ flex: 1 }} disabled={calendar?.kind === 'occasions'} />
            <TextField label={t('calendar.settings.calendars.colour')} type="color" value={colour} onChange={(e) => setColour(e.target.value)} size="small" sx={{ width: 100 }} />
          </Stack>
          {calendar?.kind !== 'occasions' && <UserPicker label={t('calendar.settings.calendars.owner')} users={basics.users} value={ownerId} onChange={setOwnerId} />}
          <TextField select size="small" label={t('calendar.settings.calendars.default')} value={defaultAccess} onChange={(e) => setDefaultAccess(e.target.value as AccessLevel)}>
            {LEVELS.map((l) => (
              <MenuItem key={l} value={l}>
                {t(`calendar.access.${l}`)}
              </MenuItem>
            ))}
          </TextField>
          <Typography variant="subtitle2">{t('calendar.settings.calendars.entries')}</Typography>
          {entries.map((e, i) => (
            <Stack key={i} direction="row" spacing={1}>
              <TextField select size="small" label={t('calendar.settings.calendars.who')} value={e.who} onChange={(x) => setEntries(entries.map((y, j) => (j === i ? { ...y, who: x.target.value } : y)))} sx={{ flex: 1 }}>
                {who.map((w) => (
                  <MenuItem key={w.value} value={w.value}>
                    {w.label}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select size="small" label={t('calendar.settings.calendars.access')} value={e.access} onChange={(x) => setEntries(entries.map((y, j) => (j === i ? { ...y, access: x.target.value as AccessLevel } : y)))} sx={{ width: 150 }}>
                {LEVELS.map((l) => (
                  <MenuItem key={l} value={l}>
                    {t(`calendar.access.${l}`)}
                  </MenuItem>
                ))}
              </TextField>
              <IconButton aria-label={t('calendar.form.remove')} onClick={() => setEntries(entries.filter((_, j) => j !== i))}>
                <DeleteOutlined />
              </IconButton>
            </Stack>
          ))}
          <Box>
            <Button onClick={() => setEntries([...entries, { who: '', access: 'read' }])}>{t('calendar.settings.calendars.addEntry')}</Button>
          </Box>
          {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
        <Button variant="contained" onClick={() => void save()}>
          {t('calendar.form.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
