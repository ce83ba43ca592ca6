/**
 * Settings sections about access: after how many idle minutes the desk locks, and (for
 * administrators) setting a new password for a user who forgot theirs.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import type { User } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { SettingsCard } from '../../app/SettingsCard';
import { GuardedDialog } from '../../app/GuardedDialog';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from './NewPasswordFields';
import { errorMessage } from '../../app/formErrors';

const LOCK_CHOICES = [0, 1, 5, 10, 15, 30, 60];

export function LockSettingSection() {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const { settings, can, refreshSettings } = useAppState();
  const [error, setError] = useState<string | null>(null);
  if (!settings) return null;
  const mayChange = can('settings.manage');
  const label = (n: number) => (n === 0 ? t('session.lockNever') : t('session.lockMinutes', { count: n, n: fmt.number(n) }));
  return (
    <SettingsCard title={t('session.securityTitle')} id="settings-lock">
      <Stack spacing={1.5}>
        <TextField
          select
          label={t('session.lockAfter')}
          value={settings.lockAfterMinutes}
          disabled={!mayChange}
          onChange={async (e) => {
            const r = await api.call('settings.update', { lockAfterMinutes: Number(e.target.value) });
            setError(r.ok ? null : r.error.message);
            refreshSettings();
          }}
          helperText={mayChange ? t('session.lockAfterHelp') : t('session.lockAdminOnly')}
          sx={{ maxWidth: 440 }}
          slotProps={{ htmlInput: { 'data-testid': 'lock-after' } }}
        >
          {[...new Set([...LOCK_CHOICES, settings.lockAfterMinutes])].sort((a, b) => a - b).map((n) => (
            <MenuItem key={n} value={n}>
              {label(n)}
            </MenuItem>
          ))}
        </TextField>
        {error && <Alert severity="error">{error}</Alert>}
      </Stack>
    </SettingsCard>
  );
}

function SetPasswordDialog({ user, onClose, onDone }: { user: User | null; onClose(): void; onDone(name: string): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!user) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (newPasswordProblem(value) || busy) return;
    setBusy(true);
    const r = await api.call('session.setPassword', { userId: user.id, password: value.password });
    setBusy(false);
    if (!r.ok) return setError(errorMessage(r.error));
    onDone(user.displayName);
  };
  return (
    <GuardedDialog dirty={Boolean(value.password || value.repeat)} onClose={onClose} maxWidth="xs" fullWidth data-testid="set-password-dialog">
      <form onSubmit={submit} noValidate>
        <DialogTitle>
          {t('session.setPasswordTitle', { name: user.displayName })}
        </DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error">{error}</Alert>}
            <NewPasswordFields value={value} onChange={setValue} showErrors={tried} autoFocus />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="set-password-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </GuardedDialog>
  );
}

/** Administrators (organisation.manage): a new password for any user. */
export function UserPasswordsSection() {
  const { t } = useTranslation();
  const { can } = useAppState();
  const allowed = can('organisation.manage');
  const org = useQuery('organisation.get', allowed ? {} : null);
  const [editing, setEditing] = useState<User | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!allowed) return null;
  return (
    <SettingsCard title={t('session.passwordsTitle')} id="settings-passwords">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('session.passwordsHelp')}
      </Typography>
      {done && (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setDone(null)} data-testid="password-set">
          {t('session.passwordSet', { name: done })}
        </Alert>
      )}
      <Table size="small" data-testid="user-passwords">
        <TableBody>
          {(org.data?.users ?? [])
            .filter((u) => u.active)
            .map((u) => (
              <TableRow key={u.id}>
                <TableCell>
                  <bdi>{u.displayName}</bdi>
                </TableCell>
                <TableCell>
                  <Ltr>{u.username}</Ltr>
                </TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => setEditing(u)} data-testid={`set-password-${u.username}`}>
                    {t('session.setPassword')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
      <SetPasswordDialog
        key={editing?.id ?? 'none'}
        user={editing}
        onClose={() => setEditing(null)}
        onDone={(name) => {
          setEditing(null);
          setDone(name);
        }}
      />
    </SettingsCard>
  );
}
