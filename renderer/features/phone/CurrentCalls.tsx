/**
 * The calls in progress with their buttons: answer or decline while ringing; hold, mute,
 * keypad (DTMF), transfer (to a number, or to the other call after consulting) and hang up
 * while connected.
 */
import { useEffect, useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Call from '@mui/icons-material/Call';
import CallEnd from '@mui/icons-material/CallEnd';
import Dialpad from '@mui/icons-material/Dialpad';
import Mic from '@mui/icons-material/Mic';
import MicOff from '@mui/icons-material/MicOff';
import Pause from '@mui/icons-material/Pause';
import PlayArrow from '@mui/icons-material/PlayArrow';
import PhoneForwarded from '@mui/icons-material/PhoneForwarded';
import type { CallView } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { Keypad } from './Dialer';
import { NumberText, useCallerName, useDuration } from './callText';
import { usePhone } from './phoneState';
import { errorMessage } from '../../app/formErrors';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

export function CurrentCalls({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const { status } = usePhone();
  const calls = status?.calls ?? [];
  if (calls.length === 0) {
    return compact ? null : <Typography color="text.secondary">{t('phone.call.none')}</Typography>;
  }
  return (
    <Stack spacing={1} data-testid="current-calls">
      {calls.map((c) => (
        <CallCard key={c.id} call={c} others={calls.filter((o) => o.id !== c.id)} />
      ))}
    </Stack>
  );
}

function CallCard({ call, others }: { call: CallView; others: CallView[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useCallerName();
  const duration = useDuration();
  const now = useNow(call.state === 'connected');
  const [error, setError] = useState<string | null>(null);
  const [keypad, setKeypad] = useState<HTMLElement | null>(null);
  const [transfer, setTransfer] = useState<HTMLElement | null>(null);

  const act = async (run: () => Promise<{ ok: boolean; error?: { message: string } } | { ok: true }>) => {
    const r = (await run()) as { ok: boolean; error?: { message: string } };
    setError(r.ok ? null : (r.error?.message ?? null));
  };
  const ref = { callId: call.id };
  const stateText =
    call.state === 'ringing'
      ? t(call.waiting ? 'phone.call.waiting' : 'phone.call.ringing')
      : call.state === 'dialing'
        ? t(call.remoteRinging ? 'phone.call.remoteRinging' : 'phone.call.dialing')
        : call.held
          ? t('phone.call.held')
          : t('phone.call.connected');

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid="call-card" data-call-id={call.id} data-state={call.state}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 700 }} data-testid="call-name">
          {call.identity ? (
            <Link component={RouterLink} to={`/identities/${call.identity.id}`}>
              {name(call)}
            </Link>
          ) : (
            name(call)
          )}
        </Typography>
        {call.number && <NumberText number={call.number} />}
        <Chip size="small" label={stateText} color={call.state === 'connected' && !call.held ? 'success' : 'default'} data-testid="call-state" />
        {call.muted && <Chip size="small" label={t('phone.call.muted')} color="warning" />}
        {call.state === 'connected' && call.answeredAt !== null && (
          <Typography variant="body2" color="text.secondary" data-testid="call-timer">
            {duration(now - call.answeredAt)}
          </Typography>
        )}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mt: 1, flexWrap: 'wrap', gap: 1 }}>
        {call.state === 'ringing' && call.direction === 'incoming' && (
          <>
            <Button size="small" variant="contained" color="success" startIcon={<Call />} onClick={() => act(() => api.call('phone.answer', ref))}>
              {t('phone.call.answer')}
            </Button>
            <Button size="small" variant="outlined" color="error" startIcon={<CallEnd />} onClick={() => act(() => api.call('phone.decline', ref))}>
              {t('phone.call.decline')}
            </Button>
          </>
        )}
        {call.state === 'connected' && (
          <>
            <Button
              size="small"
              startIcon={call.held ? <PlayArrow /> : <Pause />}
              onClick={() => act(() => api.call('phone.hold', { callId: call.id, held: !call.held }))}
            >
              {t(call.held ? 'phone.call.resume' : 'phone.call.hold')}
            </Button>
            <Button
              size="small"
              startIcon={call.muted ? <Mic /> : <MicOff />}
              onClick={() => act(() => api.call('phone.mute', { callId: call.id, muted: !call.muted }))}
            >
              {t(call.muted ? 'phone.call.unmute' : 'phone.call.mute')}
            </Button>
            <Button size="small" startIcon={<Dialpad />} onClick={(e: MouseEvent<HTMLElement>) => setKeypad(e.currentTarget)}>
              {t('phone.call.keypad')}
            </Button>
            <Button size="small" startIcon={<PhoneForwarded />} onClick={(e: MouseEvent<HTMLElement>) => setTransfer(e.currentTarget)}>
              {t('phone.call.transfer')}
            </Button>
          </>
        )}
        {(call.state === 'connected' || call.state === 'dialing') && (
          <Button size="small" variant="contained" color="error" startIcon={<CallEnd />} onClick={() => act(() => api.call('phone.hangup', ref))}>
            {t('phone.call.hangup')}
          </Button>
        )}
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      )}
      <Popover open={Boolean(keypad)} anchorEl={keypad} onClose={() => setKeypad(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Box sx={{ p: 1.5, width: 200 }}>
          <Keypad testId="dtmf-keypad" onKey={(k) => void act(() => api.call('phone.dtmf', { callId: call.id, tones: k }))} />
        </Box>
      </Popover>
      <Popover open={Boolean(transfer)} anchorEl={transfer} onClose={() => setTransfer(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <TransferForm
          call={call}
          others={others.filter((o) => o.state === 'connected')}
          onDone={(r) => {
            setError(r);
            if (!r) setTransfer(null);
          }}
        />
      </Popover>
    </Paper>
  );
}

function TransferForm({ call, others, onDone }: { call: CallView; others: CallView[]; onDone: (error: string | null) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const name = useCallerName();
  const [to, setTo] = useState('');
  const blind = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.call('phone.transfer', { callId: call.id, to });
    onDone(r.ok ? null : (errorMessage(r.error)));
  };
  return (
    <Stack spacing={1.5} sx={{ p: 2, width: 280 }}>
      <Stack component="form" spacing={1} onSubmit={blind}>
        <TextField
          size="small"
          label={t('phone.call.transferTo')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          autoFocus
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'transfer-number' } }}
        />
        <Button type="submit" variant="contained" disabled={!to.trim()}>
          {t('phone.call.transferBlind')}
        </Button>
      </Stack>
      {others.map((o) => (
        <Button
          key={o.id}
          variant="outlined"
          onClick={async () => {
            const r = await api.call('phone.transferAttended', { callId: call.id, consultCallId: o.id });
            onDone(r.ok ? null : r.error.message);
          }}
        >
          {t('phone.call.transferAttendedTo', { name: name(o) })}
        </Button>
      ))}
    </Stack>
  );
}
