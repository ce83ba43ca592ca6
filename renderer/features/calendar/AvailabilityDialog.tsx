/**
 * One step for the questions an office manager is asked all day: "is meeting room 1 free
 * on Tuesday 10:00–11:00?", "which rooms are free then?", "is the CEO invited to anything
 * tomorrow?" — one call to calendar.availability, the answer per room and person.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import Alert from '@mui/material/Alert';
import type { Availability } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { localiseDigits } from '../../format/digits';
import { fullDate, timeOf } from './calendarGrid';
import { JalaliDateField, JalaliPickersProvider, TimeField } from './JalaliPickers';
import { UsersPicker } from './Pickers';
import type { CalendarBasics } from './useCalendarBasics';
import { GuardedDialog } from '../../app/GuardedDialog';
import { errorMessage } from '../../app/formErrors';

const ALL = '*';

export function AvailabilityDialog({ basics, date, onClose, onBook }: { basics: CalendarBasics; date: string; onClose(): void; onBook(start: string, end: string, roomId: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language, can } = useAppState();
  const [day, setDay] = useState<string | null>(date);
  const [from, setFrom] = useState<string | null>('10:00');
  const [to, setTo] = useState<string | null>('11:00');
  const [rooms, setRooms] = useState<string[]>([ALL]);
  const [people, setPeople] = useState<string[]>([]);
  const [answer, setAnswer] = useState<Availability | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The question typed but not asked yet is what closing would lose; once asked, the answer is read.
  const question = JSON.stringify([day, from, to, rooms, people]);
  const [asked, setAsked] = useState(question);

  const ask = async () => {
    if (!day || !from || !to) return;
    setAsked(question);
    const end = to === '00:00' ? `${addOneDay(day)}T00:00` : `${day}T${to}`;
    const r = await api.call('calendar.availability', {
      start: `${day}T${from}`,
      end,
      allRooms: rooms.includes(ALL),
      ...(rooms.includes(ALL) ? {} : { roomIds: rooms }),
      ...(people.length ? { userIds: people } : {}),
    });
    if (r.ok) {
      setAnswer(r.value);
      setError(null);
    } else {
      setAnswer(null);
      setError(errorMessage(r.error));
    }
  };

  return (
    <GuardedDialog dirty={question !== asked} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="availability-title" data-testid="availability-dialog">
      <DialogTitle id="availability-title">{t('calendar.availability.title')}</DialogTitle>
      <DialogContent dividers>
        <JalaliPickersProvider>
          <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2, mb: 2 }}>
            <JalaliDateField label={t('calendar.availability.day')} value={day} onChange={setDay} />
            <TimeField label={t('calendar.availability.from')} value={from} onChange={setFrom} />
            <TimeField label={t('calendar.availability.to')} value={to} onChange={setTo} />
            <Stack direction="row" spacing={1}>
              <Button size="small" onClick={() => { setFrom('00:00'); setTo('00:00'); }}>
                {t('calendar.availability.wholeDay')}
              </Button>
            </Stack>
          </Stack>
        </JalaliPickersProvider>
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2, mb: 2 }}>
          <TextField
            select
            size="small"
            label={t('calendar.availability.rooms')}
            value={rooms}
            onChange={(e) => {
              const v = typeof e.target.value === 'string' ? e.target.value.split(',') : (e.target.value as string[]);
              // Choosing a room after "all rooms" means just that room, and the other way round.
              setRooms(v.at(-1) === ALL ? [ALL] : v.filter((x) => x !== ALL));
            }}
            slotProps={{ select: { multiple: true } }}
            sx={{ minWidth: 220 }}
            data-testid="availability-rooms"
          >
            <MenuItem value={ALL}>{t('calendar.availability.allRooms')}</MenuItem>
            {basics.rooms.map((r) => (
              <MenuItem key={r.id} value={r.id}>
                {r.name}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ flex: 1, minWidth: 220 }}>
            <UsersPicker label={t('calendar.availability.people')} users={basics.users} value={people} onChange={setPeople} testId="availability-people" />
          </Box>
          <Button variant="contained" onClick={() => void ask()} data-testid="availability-ask">
            {t('calendar.availability.ask')}
          </Button>
        </Stack>
        {error && <Alert severity="error">{error}</Alert>}
        {answer && (
          <Stack spacing={1} data-testid="availability-answer">
            {[...answer.rooms, ...answer.people].map((r) => (
              <Stack key={`${r.kind}:${r.id}`} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid="availability-row" data-free={r.free ? 'true' : 'false'}>
                <Chip size="small" color={r.free ? 'success' : 'error'} label={t(r.free ? 'calendar.availability.free' : 'calendar.availability.busy')} />
                <Box sx={{ flex: 1 }}>
                  <Typography variant="body2" sx={{ fontWeight: 600 }}>
                    <bdi>{r.name}</bdi>
                    {r.kind === 'room' && r.capacity ? ` — ${t('calendar.capacity', { n: localiseDigits(String(r.capacity), language) })}` : ''}
                    {r.kind === 'room' && r.equipment && r.equipment.length > 0 ? ` — ${r.equipment.join('، ')}` : ''}
                  </Typography>
                  {r.busy.map((b) => (
                    <Typography key={`${b.appointmentId}:${b.occurrence}`} variant="caption" component="div" color="text.secondary">
                      {fullDate(b.startLocal.slice(0, 10), language)} {timeOf(b.startLocal, language)}–{timeOf(b.endLocal, language)}: {b.subject ? <bdi>{b.subject}</bdi> : t('calendar.conflict.busy')}
                    </Typography>
                  ))}
                </Box>
                {r.kind === 'room' && r.free && can('calendar.book') && day && from && to && (
                  <Button size="small" onClick={() => onBook(`${day}T${from}`, `${day}T${to}`, r.id)} data-testid="book-room">
                    {t('calendar.availability.book')}
                  </Button>
                )}
              </Stack>
            ))}
          </Stack>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
      </DialogActions>
    </GuardedDialog>
  );
}

function addOneDay(date: string): string {
  return new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + 1)).toISOString().slice(0, 10);
}
