/**
 * Username and password, for the sign-in screen, the lock screen's "someone else" and the
 * switch-user dialog. What was typed stays after a wrong attempt (the password too, so a
 * typo can be fixed); the backend's sentence says what went wrong or how long to wait.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { Session } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { PasswordField } from './PasswordField';
import { errorMessage } from '../../app/formErrors';

export function SignInForm({
  initialUsername = '',
  onSignedIn,
  submitLabel,
  onDirtyChange,
}: {
  initialUsername?: string;
  onSignedIn?(session: Session): void;
  submitLabel?: string;
  /** Told whether anything is typed, so a dialog around the form asks before closing. */
  onDirtyChange?(dirty: boolean): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = username !== initialUsername || password !== '';
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await api.call('session.signIn', { username, password });
    setBusy(false);
    if (!r.ok) {
      setError(errorMessage(r.error));
      return;
    }
    setError(null);
    onSignedIn?.(r.value);
  };

  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate data-testid="sign-in-form">
      {error && (
        <Alert severity="error" role="alert" data-testid="sign-in-error">
          {error}
        </Alert>
      )}
      <TextField
        label={t('session.username')}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        autoFocus={!initialUsername}
        fullWidth
        slotProps={{ htmlInput: { dir: 'ltr', autoComplete: 'username', spellCheck: false, autoCapitalize: 'off', 'data-testid': 'sign-in-username' } }}
      />
      <PasswordField
        label={t('session.password')}
        value={password}
        onChange={setPassword}
        testId="sign-in-password"
        autoComplete="current-password"
        autoFocus={Boolean(initialUsername)}
      />
      <Button type="submit" variant="contained" size="large" disabled={busy || !username || !password} data-testid="sign-in-submit">
        {busy ? t('session.busy') : (submitLabel ?? t('session.signIn'))}
      </Button>
    </Stack>
  );
}
