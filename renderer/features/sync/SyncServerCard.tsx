/**
 * The sync server card (Settings and the sync page): sign in to a server, or, once signed
 * in, who and where, when last synced, "sync now" and "sign out". A failed sign-in keeps
 * what was typed and says why in the interface language.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import Typography from '@mui/material/Typography';
import LinearProgress from '@mui/material/LinearProgress';
import type { SyncStatus } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { SettingsCard } from '../../app/SettingsCard';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';
import { useSyncStatus } from './useSyncStatus';

function SignInForm({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const [server, setServer] = useState(status.server ?? '');
  const [username, setUsername] = useState(status.user?.username ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('sync.signIn', { server: server.trim(), username: username.trim(), password });
    setBusy(false);
    if (r.ok) {
      setPassword('');
      setError(null);
    } else {
      const issue = r.error.issues?.[0];
      setError({ message: issue?.message ?? r.error.message, field: issue ? String(issue.path[0]) : undefined });
    }
  };
  const fieldError = (name: string) => (error?.field === name ? error.message : undefined);

  return (
    <Stack component="form" spacing={1.5} onSubmit={submit} noValidate data-testid="sync-sign-in">
      <TextField
        label={t('sync.server')}
        value={server}
        onChange={(e) => setServer(e.target.value)}
        error={Boolean(fieldError('server'))}
        helperText={fieldError('server') ?? t('sync.serverHelp')}
        slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sync-server', inputMode: 'url', autoComplete: 'url' } }}
        required
      />
      <Stack direction="row" spacing={1.5}>
        <TextField
          label={t('sync.username')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={Boolean(fieldError('username'))}
          helperText={fieldError('username')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sync-username', autoComplete: 'username' } }}
          required
          sx={{ flex: 1 }}
        />
        <TextField
          label={t('sync.password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={Boolean(fieldError('password'))}
          helperText={fieldError('password')}
          slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': 'sync-password', autoComplete: 'current-password' } }}
          required
          sx={{ flex: 1 }}
        />
      </Stack>
      {error && !error.field && (
        <Alert severity="error" data-testid="sync-error">
          {error.message}
        </Alert>
      )}
      <div>
        <Button type="submit" variant="contained" disabled={busy || !server.trim() || !username.trim() || !password} data-testid="sync-sign-in-button">
          {t('sync.signIn')}
        </Button>
      </div>
      {busy && <LinearProgress />}
    </Stack>
  );
}

function SignedIn({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const [busy, setBusy] = useState(false);
  const problem = status.problem?.message?.[fmt.language];
  return (
    <Stack spacing={1.5} data-testid="sync-signed-in">
      <Typography>
        {t('sync.signedInAs', { name: status.user?.displayName ?? '' })} — <Ltr>{status.server}</Ltr>
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="sync-state-help">
        {t(`sync.state.${status.state}`)}: {t(`sync.stateHelp.${status.state}`)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {status.lastSyncedAt ? t('sync.lastSynced', { when: fmt.dateTime(status.lastSyncedAt) }) : t('sync.neverSynced')}
        {status.pending > 0 && ` — ${t('sync.pending', { n: fmt.number(status.pending) })}`}
      </Typography>
      {status.progress && (
        <Stack spacing={0.5}>
          <Typography variant="body2">
            {t('sync.progress', { done: fmt.number(status.progress.done), total: fmt.number(status.progress.total) })}
          </Typography>
          <LinearProgress variant="determinate" value={Math.min(100, (100 * status.progress.done) / Math.max(1, status.progress.total))} />
        </Stack>
      )}
      {problem && <Alert severity={status.state === 'signedOut' ? 'warning' : 'error'}>{problem}</Alert>}
      <Stack direction="row" spacing={1.5}>
        <Button
          variant="contained"
          disabled={busy || status.state === 'syncing'}
          onClick={async () => {
            setBusy(true);
            await api.call('sync.now', {});
            setBusy(false);
          }}
          data-testid="sync-now"
        >
          {t('sync.syncNow')}
        </Button>
        <Button variant="outlined" onClick={() => void api.call('sync.signOut', {})} data-testid="sync-sign-out">
          {t('sync.signOut')}
        </Button>
      </Stack>
    </Stack>
  );
}

export function SyncServerCard() {
  const { t } = useTranslation();
  const status = useSyncStatus();
  return (
    <SettingsCard title={t('sync.settingsTitle')} id="settings-sync">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('sync.help')}
      </Typography>
      {status &&
        (status.configured && status.state !== 'signedOut' ? (
          <SignedIn status={status} />
        ) : (
          <>
            {status.configured && <Alert severity="warning" sx={{ mb: 1.5 }}>{t('sync.stateHelp.signedOut')}</Alert>}
            <SignInForm status={status} />
          </>
        ))}
    </SettingsCard>
  );
}
