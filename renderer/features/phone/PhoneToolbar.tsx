/**
 * The phone in the app bar, on every page: registration state (with why it failed and when
 * it tries again), do-not-disturb, the dialer, the calls in progress and the missed-calls
 * badge that leads to the call history.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Popover from '@mui/material/Popover';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import Dialpad from '@mui/icons-material/Dialpad';
import DoNotDisturbOn from '@mui/icons-material/DoNotDisturbOn';
import DoNotDisturbOff from '@mui/icons-material/DoNotDisturbOffOutlined';
import PhoneInTalk from '@mui/icons-material/PhoneInTalk';
import PhoneCallback from '@mui/icons-material/PhoneCallback';
import type { PhoneStatus } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { CurrentCalls } from './CurrentCalls';
import { Dialer } from './Dialer';
import { usePhone } from './phoneState';

const DOT: Record<string, string> = {
  registered: 'success.light',
  connecting: 'warning.light',
  unregistered: 'error.light',
  off: 'grey.400',
};

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** One sentence for the registration state, with the reason and the retry countdown. */
export function useRegistrationText(status: PhoneStatus | null): string {
  const { t } = useTranslation();
  const fmt = useFormat();
  const seconds = useSecondsUntil(status?.state === 'unregistered' ? status.retryAt : null);
  if (!status) return t('phone.registration.connecting');
  if (!status.account) return t('phone.registration.unconfigured');
  const parts = [t(`phone.registration.${status.state}`)];
  if (status.state !== 'registered' && status.error) parts.push(t(`phone.registration.error.${status.error}`));
  if (seconds !== null) parts.push(t('phone.registration.retryIn', { seconds: fmt.digits(String(seconds)) }));
  return parts.join(' — ');
}

export function PhoneToolbar() {
  const { t } = useTranslation();
  const { can } = useAppState();
  const api = useApi();
  const fmt = useFormat();
  const { status } = usePhone();
  const text = useRegistrationText(status);
  const [dialer, setDialer] = useState<HTMLElement | null>(null);
  const [calls, setCalls] = useState<{ anchor: HTMLElement; ids: string[] } | null>(null);
  const missed = useQuery('phone.calls.list', can('phone.use') ? { filter: 'missed', limit: 1 } : null, {
    reads: ['call_records', 'phone_preferences'],
  });
  if (!can('phone.use')) return null;

  const state = status?.account ? status.state : 'off';
  const count = status?.calls.length ?? 0;
  const missedCount = missed.data?.missedUnseen ?? 0;

  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }} data-testid="phone-toolbar" data-registration={state}>
      <Tooltip title={text}>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', px: 1 }} role="status" aria-label={text}>
          <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: DOT[state] }} />
          <Typography variant="body2" sx={{ display: { xs: 'none', lg: 'block' }, whiteSpace: 'nowrap' }} data-testid="registration-text">
            {t(status?.account ? `phone.registration.${state}` : 'phone.registration.unconfigured')}
          </Typography>
        </Stack>
      </Tooltip>
      {status?.account && (
        <Tooltip title={status.dnd ? t('phone.dndOn') : t('phone.dnd')}>
          <IconButton
            color="inherit"
            aria-pressed={status.dnd}
            aria-label={t('phone.dnd')}
            data-testid="dnd-toggle"
            onClick={() => void api.call('phone.dnd', { on: !status.dnd })}
          >
            {status.dnd ? <DoNotDisturbOn /> : <DoNotDisturbOff />}
          </IconButton>
        </Tooltip>
      )}
      <Tooltip title={t('phone.dialer.open')}>
        <IconButton color="inherit" aria-label={t('phone.dialer.open')} data-testid="open-dialer" onClick={(e: MouseEvent<HTMLElement>) => setDialer(e.currentTarget)}>
          <Dialpad />
        </IconButton>
      </Tooltip>
      <Tooltip title={t('phone.call.current')}>
        <IconButton color="inherit" aria-label={t('phone.call.current')} data-testid="open-calls" onClick={(e: MouseEvent<HTMLElement>) => setCalls({ anchor: e.currentTarget, ids: (status?.calls ?? []).map((c) => c.id) })}>
          <Badge badgeContent={count ? fmt.digits(String(count)) : 0} color="success">
            <PhoneInTalk />
          </Badge>
        </IconButton>
      </Tooltip>
      <Tooltip title={t('phone.history.title')}>
        <IconButton
          color="inherit"
          component={RouterLink}
          to="/phone"
          aria-label={missedCount ? t('phone.history.missedBadge', { count: missedCount }) : t('phone.history.title')}
          data-testid="missed-badge"
          data-missed={missedCount}
        >
          <Badge badgeContent={missedCount ? fmt.digits(String(missedCount)) : 0} color="error">
            <PhoneCallback />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover open={Boolean(dialer)} anchorEl={dialer} onClose={() => setDialer(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}>
        <Box sx={{ p: 2 }}>
          <Dialer autoFocus onCalled={() => setDialer(null)} />
        </Box>
      </Popover>
      {/* Opened on calls, it closes by itself once those calls ended (the log form comes next). */}
      <Popover
        open={Boolean(calls) && (calls!.ids.length === 0 || Boolean(status?.calls.some((c) => calls!.ids.includes(c.id))))}
        anchorEl={calls?.anchor}
        onClose={() => setCalls(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Box sx={{ p: 2, width: 420, maxWidth: '90vw' }}>
          <CurrentCalls />
        </Box>
      </Popover>
    </Stack>
  );
}
