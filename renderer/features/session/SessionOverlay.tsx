/**
 * Who may use the desk, drawn over every page:
 * - first start: the administrator chooses a password;
 * - nobody signed in: the sign-in form;
 * - locked: the page stays exactly as it was (forms keep what was typed) under a blurred
 *   cover, until the same user unlocks with their password or someone else signs in.
 * Signed in: nothing is drawn; Ctrl+L and the idle timer can lock.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import Modal from '@mui/material/Modal';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LockOutlined from '@mui/icons-material/LockOutlined';
import { useApi } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { LANGUAGES } from '../../format/language';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from './NewPasswordFields';
import { PasswordField } from './PasswordField';
import { SignInForm } from './SignInForm';
import { useLockTriggers } from './useLockTriggers';
import { errorMessage } from '../../app/formErrors';

function Card({ title, intro, children, icon }: { title: string; intro: ReactNode; children: ReactNode; icon?: ReactNode }) {
  const { t } = useTranslation();
  const { language, setLanguage } = useAppState();
  return (
    <Paper elevation={8} sx={{ width: 440, maxWidth: 'calc(100vw - 32px)', p: 4, outline: 'none' }} role="dialog" aria-labelledby="session-title">
      <Stack spacing={2.5}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          {icon}
          <Typography id="session-title" variant="h5" component="h1" sx={{ fontWeight: 700, flex: 1 }}>
            {title}
          </Typography>
          <Typography variant="subtitle2" component="span" color="primary" sx={{ fontWeight: 800 }}>
            {t('app.name')}
          </Typography>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {intro}
        </Typography>
        {children}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'center' }}>
          {LANGUAGES.filter((l) => l !== language).map((l) => (
            <Button key={l} size="small" lang={l} onClick={() => void setLanguage(l)} data-testid={`session-language-${l}`}>
              {t(`settings.languages.${l}`)}
            </Button>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

function SetUpAdministrator() {
  const { t } = useTranslation();
  const api = useApi();
  const [value, setValue] = useState<NewPassword>({ password: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (newPasswordProblem(value) || busy) return;
    setBusy(true);
    const r = await api.call('session.setUp', { password: value.password });
    setBusy(false);
    setError(r.ok ? null : (errorMessage(r.error)));
  };
  return (
    <Card title={t('session.setupTitle')} intro={t('session.setupIntro')}>
      <Stack component="form" spacing={2} onSubmit={submit} noValidate data-testid="setup-form">
        {error && <Alert severity="error">{error}</Alert>}
        <NewPasswordFields value={value} onChange={setValue} showErrors={tried} autoFocus />
        <Button type="submit" variant="contained" size="large" disabled={busy} data-testid="setup-submit">
          {busy ? t('session.busy') : t('session.setupSubmit')}
        </Button>
      </Stack>
    </Card>
  );
}

function Unlock() {
  const { t } = useTranslation();
  const api = useApi();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !password) return;
    setBusy(true);
    const r = await api.call('session.unlock', { password });
    setBusy(false);
    if (r.ok) setPassword('');
    setError(r.ok ? null : r.error.message);
  };
  return (
    <Stack component="form" spacing={2} onSubmit={submit} noValidate data-testid="unlock-form">
      {error && (
        <Alert severity="error" role="alert" data-testid="unlock-error">
          {error}
        </Alert>
      )}
      <PasswordField label={t('session.password')} value={password} onChange={setPassword} testId="unlock-password" autoComplete="current-password" autoFocus />
      <Button type="submit" variant="contained" size="large" disabled={busy || !password} data-testid="unlock-submit">
        {busy ? t('session.busy') : t('session.unlock')}
      </Button>
    </Stack>
  );
}

function Locked({ name }: { name: string }) {
  const { t } = useTranslation();
  const [someoneElse, setSomeoneElse] = useState(false);
  return (
    <Card
      title={t('session.lockedTitle')}
      intro={t('session.lockedBy', { name })}
      icon={<LockOutlined color="primary" />}
    >
      {someoneElse ? <SignInForm /> : <Unlock />}
      <Button size="small" onClick={() => setSomeoneElse((s) => !s)} data-testid="lock-someone-else">
        {someoneElse ? t('session.backToUnlock') : t('session.someoneElse')}
      </Button>
    </Card>
  );
}

export function SessionOverlay() {
  const { t } = useTranslation();
  const { session, settings } = useAppState();
  const navigate = useNavigate();
  const state = session?.state;
  useLockTriggers(state === 'signed-in', settings?.lockAfterMinutes ?? 0);

  // Someone else signed in from the lock screen: their desk starts on the dashboard, not on
  // the previous user's page.
  const userId = session?.user?.id ?? null;
  const lastUser = useRef<string | null>(null);
  useEffect(() => {
    if (state !== 'signed-in' || !userId) return;
    if (lastUser.current && lastUser.current !== userId) void navigate('/');
    lastUser.current = userId;
  }, [state, userId, navigate]);

  if (!session || state === 'signed-in') return null;
  const locked = state === 'locked';
  return (
    <Modal
      open
      slotProps={{
        backdrop: {
          sx: locked
            ? { backdropFilter: 'blur(10px)', backgroundColor: 'rgba(15, 23, 42, 0.55)' }
            : { backgroundColor: '#f4f6f8' },
        },
      }}
    >
      <Box
        sx={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', outline: 'none' }}
        data-testid="session-overlay"
        data-state={state}
      >
        {state === 'setup' && <SetUpAdministrator />}
        {state === 'signed-out' && (
          <Card title={t('session.signInTitle')} intro={t('session.signInIntro')}>
            <SignInForm initialUsername={session.lastUsername ?? ''} />
          </Card>
        )}
        {locked && session.user && <Locked name={session.user.displayName} />}
      </Box>
    </Modal>
  );
}
