/** Settings → Rooms: the managed rooms the calendar books (name, capacity, equipment, place). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import TextField from '@mui/material/TextField';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import type { Room } from '../../../../main/contract';
import type { ApiErrorBody } from '../../../../main/api/rpc';
import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/hooks';
import { useAppState } from '../../../app/AppState';
import { SettingsCard } from '../../../app/SettingsCard';
import { localiseDigits, toLatinDigits } from '../../../format/digits';
import { GuardedDialog } from '../../../app/GuardedDialog';

export function RoomsSettings() {
  const { t } = useTranslation();
  const { can, language } = useAppState();
  const org = useQuery('organisation.get', {}, { reads: ['rooms'] });
  const [editing, setEditing] = useState<Room | 'new' | null>(null);
  if (!can('organisation.read')) return null;
  return (
    <SettingsCard title={t('calendar.settings.rooms.title')} id="settings-rooms">
      <Stack spacing={1} data-testid="rooms-list">
        {org.data?.rooms.length === 0 && <Typography color="text.secondary">{t('calendar.settings.rooms.empty')}</Typography>}
        {org.data?.rooms.map((r) => (
          <Stack key={r.id} direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} data-testid="room-row">
            <Typography sx={{ fontWeight: 600, minWidth: 140 }}>
              <bdi>{r.name}</bdi>
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ minWidth: 90 }}>
              {r.capacity ? t('calendar.capacity', { n: localiseDigits(String(r.capacity), language) }) : ''}
            </Typography>
            {r.equipment.map((e) => (
              <Chip key={e} size="small" label={e} />
            ))}
            <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
              {r.location ? <bdi>{r.location}</bdi> : null}
            </Typography>
            {can('organisation.manage') && (
              <Button size="small" onClick={() => setEditing(r)} data-testid="edit-room">
                {t('calendar.settings.edit')}
              </Button>
            )}
          </Stack>
        ))}
      </Stack>
      {can('organisation.manage') && (
        <Button sx={{ mt: 1 }} onClick={() => setEditing('new')} data-testid="add-room">
          {t('calendar.settings.rooms.add')}
        </Button>
      )}
      {editing && <RoomDialog room={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </SettingsCard>
  );
}

function RoomDialog({ room, onClose }: { room: Room | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState(room?.name ?? '');
  const [capacity, setCapacity] = useState(room?.capacity ? String(room.capacity) : '');
  const [location, setLocation] = useState(room?.location ?? '');
  const [equipment, setEquipment] = useState<string[]>(room?.equipment ?? []);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // Closing loses something only when what would be saved differs from what the dialog opened with.
  const current = JSON.stringify([name, capacity, location, equipment]);
  const [opened] = useState(current);
  const issue = (field: string) => error?.issues?.find((i) => i.path[0] === field)?.message;
  const save = async () => {
    const cap = toLatinDigits(capacity).trim();
    const input = { name, ...(cap ? { capacity: Number(cap) } : {}), ...(location.trim() ? { location } : {}), equipment };
    const r = room ? await api.call('organisation.updateRoom', { id: room.id, ...input }) : await api.call('organisation.createRoom', input);
    if (r.ok) onClose();
    else setError(r.error);
  };
  const remove = async () => {
    if (!room) return;
    const r = await api.call('organisation.deleteRoom', { id: room.id });
    if (r.ok) onClose();
    else setError(r.error);
  };
  return (
    <GuardedDialog dirty={current !== opened} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="room-title" data-testid="room-dialog">
      <DialogTitle id="room-title">{room ? t('calendar.settings.rooms.editTitle') : t('calendar.settings.rooms.add')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField label={t('calendar.settings.rooms.name')} value={name} onChange={(e) => setName(e.target.value)} error={Boolean(issue('name'))} helperText={issue('name')} size="small" autoFocus />
          <TextField
            label={t('calendar.settings.rooms.capacity')}
            value={capacity}
            onChange={(e) => setCapacity(e.target.value)}
            error={Boolean(issue('capacity'))}
            helperText={issue('capacity')}
            size="small"
            slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'room-capacity' } }}
          />
          <Autocomplete
            multiple
            freeSolo
            options={[t('calendar.settings.rooms.projector'), t('calendar.settings.rooms.whiteboard'), t('calendar.settings.rooms.video')]}
            value={equipment}
            onChange={(_, v) => setEquipment(v.map((x) => x.trim()).filter(Boolean))}
            renderInput={(params) => <TextField {...params} label={t('calendar.settings.rooms.equipment')} helperText={t('calendar.settings.rooms.equipmentHint')} size="small" data-testid="room-equipment" />}
          />
          <TextField label={t('calendar.settings.rooms.location')} value={location} onChange={(e) => setLocation(e.target.value)} size="small" />
          {error && !error.issues?.length && <Alert severity="error">{error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        {room && (
          <Button color="error" onClick={() => void remove()} sx={{ marginInlineEnd: 'auto' }}>
            {t('calendar.settings.delete')}
          </Button>
        )}
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="save-room">
          {t('calendar.form.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
