/**
 * The appointment cartable (کارتابل قرارها): what I coordinate or am invited to, with every
 * attendee's answer, filtered by answer and dates; my own answer in one click.
 */
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Chip from '@mui/material/Chip';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import type { AttendeeStatus, CartableItem, CartableQuery } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { fullDate, timeOf } from './calendarGrid';
import { STATUS_COLOURS } from './display';
import { JalaliDateField, JalaliPickersProvider } from './JalaliPickers';
import { APPOINTMENT_TABLES } from './useCalendarBasics';

const STATUSES: AttendeeStatus[] = ['invited', 'accepted', 'declined', 'maybe', 'attended', 'absent'];

export function CartablePage() {
  const { t } = useTranslation();
  const [role, setRole] = useState<'all' | 'coordinating' | 'invited'>('all');
  const [status, setStatus] = useState<AttendeeStatus | ''>('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [pages, setPages] = useState<NonNullable<CartableQuery['after']>[]>([]);
  const base = { role, ...(status ? { status } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), limit: 25 };
  return (
    <Stack spacing={2} data-testid="cartable-page">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography variant="h5" component="h1" sx={{ flex: 1 }}>
          {t('calendar.cartable.title')}
        </Typography>
        <Button component={RouterLink} to="/calendar">
          {t('calendar.cartable.backToCalendar')}
        </Button>
      </Stack>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <JalaliPickersProvider>
          <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
            <TextField select size="small" label={t('calendar.cartable.role')} value={role} onChange={(e) => { setRole(e.target.value as typeof role); setPages([]); }} sx={{ minWidth: 170 }} data-testid="cartable-role">
              {(['all', 'coordinating', 'invited'] as const).map((r) => (
                <MenuItem key={r} value={r}>
                  {t(`calendar.cartable.roles.${r}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" label={t('calendar.cartable.status')} value={status} onChange={(e) => { setStatus(e.target.value as AttendeeStatus | ''); setPages([]); }} sx={{ minWidth: 170 }} data-testid="cartable-status">
              <MenuItem value="">{t('calendar.cartable.anyStatus')}</MenuItem>
              {STATUSES.map((s) => (
                <MenuItem key={s} value={s}>
                  {t(`calendar.status.${s}`)}
                </MenuItem>
              ))}
            </TextField>
            <JalaliDateField label={t('calendar.cartable.from')} value={from} onChange={(v) => { setFrom(v); setPages([]); }} />
            <JalaliDateField label={t('calendar.cartable.to')} value={to} onChange={(v) => { setTo(v); setPages([]); }} />
          </Stack>
        </JalaliPickersProvider>
      </Paper>
      {[null, ...pages].map((after, i) => (
        <CartablePageOf key={i} query={{ ...base, ...(after ? { after } : {}) }} last={i === pages.length} onMore={(next) => setPages([...pages, next])} />
      ))}
    </Stack>
  );
}

function CartablePageOf({ query, last, onMore }: { query: CartableQuery; last: boolean; onMore(next: NonNullable<CartableQuery['after']>): void }) {
  const { t } = useTranslation();
  const page = useQuery('calendar.cartable', query, { reads: APPOINTMENT_TABLES });
  if (page.error) return <Alert severity="error">{page.error.message}</Alert>;
  if (!page.data) return null;
  if (page.data.items.length === 0 && !query.after) return <Typography color="text.secondary">{t('calendar.cartable.empty')}</Typography>;
  return (
    <>
      {page.data.items.map((item) => (
        <CartableRow key={item.appointmentId} item={item} />
      ))}
      {last && page.data.next && (
        <Box>
          <Button onClick={() => onMore(page.data!.next!)}>{t('calendar.cartable.more')}</Button>
        </Box>
      )}
    </>
  );
}

function CartableRow({ item }: { item: CartableItem }) {
  const { t } = useTranslation();
  const api = useApi();
  const { language } = useAppState();
  const [error, setError] = useState<string | null>(null);
  const answer = async (status: 'accepted' | 'declined' | 'maybe') => {
    const r = await api.call('calendar.appointments.respond', { appointmentId: item.appointmentId, status });
    setError(r.ok ? null : r.error.message);
  };
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="cartable-item">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 220 }}>
          <Link component={RouterLink} to={`/calendar?open=${item.appointmentId}&date=${item.startLocal.slice(0, 10)}`} sx={{ fontWeight: 700 }} data-testid="cartable-subject">
            <bdi>{item.subject}</bdi>
          </Link>
          <Typography variant="body2" color="text.secondary">
            {fullDate(item.startLocal.slice(0, 10), language)}
            {item.allDay ? '' : ` ${timeOf(item.startLocal, language)}`}
            {item.recurring ? ` — ${t('calendar.cartable.repeats')}` : ''}
            {item.location ? ' — ' : ''}
            {item.location && <bdi>{item.location}</bdi>}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {item.coordinating ? t('calendar.cartable.youCoordinate') : item.coordinator ? t('calendar.cartable.coordinator', { name: item.coordinator.name }) : ''}
          </Typography>
        </Box>
        {item.myAttendeeId && (
          <Stack direction="row" spacing={1} data-testid="cartable-answer">
            {(['accepted', 'maybe', 'declined'] as const).map((s) => (
              <Button key={s} size="small" variant={item.myStatus === s ? 'contained' : 'outlined'} color={s === 'declined' ? 'error' : s === 'maybe' ? 'warning' : 'success'} onClick={() => void answer(s)} data-testid={`cartable-${s}`}>
                {t(`calendar.answer.${s}`)}
              </Button>
            ))}
          </Stack>
        )}
      </Stack>
      <Stack direction="row" spacing={0.5} sx={{ mt: 1, flexWrap: 'wrap', rowGap: 0.5 }}>
        {item.attendees.map((a) => (
          <Chip key={a.id} size="small" variant="outlined" color={STATUS_COLOURS[a.status]} label={`${a.name} · ${t(`calendar.status.${a.status}`)}`} data-testid="cartable-attendee" />
        ))}
      </Stack>
      {error && <Alert severity="error" sx={{ mt: 1 }}>{error}</Alert>}
    </Paper>
  );
}
