/**
 * The account menu in the app bar: lock (also Ctrl+L), switch user (with the other user's
 * password), change my password, sign out.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Snackbar from '@mui/material/Snackbar';
import LockOutlined from '@mui/icons-material/LockOutlined';
import SwitchAccountOutlined from '@mui/icons-material/SwitchAccountOutlined';
import PasswordOutlined from '@mui/icons-material/PasswordOutlined';
import LogoutOutlined from '@mui/icons-material/LogoutOutlined';
import ManageAccountsOutlined from '@mui/icons-material/ManageAccountsOutlined';
import { useApi } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { Ltr } from '../../app/Ltr';
import { NewPasswordFields, newPasswordProblem, type NewPassword } from './NewPasswordFields';
import { PasswordField } from './PasswordField';
import { SignInForm } from './SignInForm';
import { GuardedDialog } from '../../app/GuardedDialog';

export function SwitchUserDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [dirty, setDirty] = useState(false);
  return (
    <GuardedDialog open={open} dirty={dirty} onClose={onClose} maxWidth="xs" fullWidth data-testid="switch-user-dialog">
      <DialogTitle>{t('session.switchUserTitle')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('session.switchUserIntro')}
          </Typography>
          {open && <SignInForm onSignedIn={onClose} onDirtyChange={setDirty} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
      </DialogActions>
    </GuardedDialog>
  );
}

export function ChangePasswordDialog({ open, onClose, onChanged }: { open: boolean; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', repeat: '' });
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (newPasswordProblem(next) || !current || busy) return;
    setBusy(true);
    const r = await api.call('session.changePassword', { current, next: next.password });
    setBusy(false);
    if (r.ok) {
      setCurrent('');
      setNext({ password: '', repeat: '' });
      setTried(false);
      setError(null);
      setCurrentError(null);
      onChanged();
      return;
    }
    const onCurrent = r.error.issues?.find((i) => i.path[0] === 'current');
    setCurrentError(onCurrent?.message ?? null);
    setError(onCurrent ? null : r.error.message);
  };
  return (
    <GuardedDialog
      open={open}
      dirty={Boolean(current || next.password || next.repeat)}
      onClose={onClose}
      maxWidth="xs"
      fullWidth
      data-testid="change-password-dialog"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle>{t('session.changePasswordTitle')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error && <Alert severity="error">{error}</Alert>}
            <PasswordField
              label={t('session.currentPassword')}
              value={current}
              onChange={setCurrent}
              testId="current-password"
              autoComplete="current-password"
              autoFocus
              error={Boolean(currentError)}
              helperText={currentError ?? ' '}
            />
            <NewPasswordFields value={next} onChange={setNext} showErrors={tried} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="change-password-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </GuardedDialog>
  );
}

export function UserMenu() {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useAppState();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [dialog, setDialog] = useState<'switch' | 'password' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (session?.state !== 'signed-in') return null;
  const close = () => setAnchor(null);
  return (
    <>
      <IconButton color="inherit" onClick={(e) => setAnchor(e.currentTarget)} aria-label={t('session.menu')} aria-haspopup="menu" data-testid="user-menu">
        <ManageAccountsOutlined />
      </IconButton>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={close}>
        <MenuItem
          onClick={() => {
            close();
            void api.call('session.lock', {});
          }}
          data-testid="menu-lock"
        >
          <ListItemIcon>
            <LockOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('session.lock')}</ListItemText>
          <Typography variant="body2" color="text.secondary" sx={{ marginInlineStart: 3 }}>
            <Ltr>{t('session.lockShortcut')}</Ltr>
          </Typography>
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            setDialog('switch');
          }}
          data-testid="menu-switch-user"
        >
          <ListItemIcon>
            <SwitchAccountOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('session.switchUser')}</ListItemText>
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            setDialog('password');
          }}
          data-testid="menu-change-password"
        >
          <ListItemIcon>
            <PasswordOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('session.changePassword')}</ListItemText>
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            void api.call('session.signOut', {});
          }}
          data-testid="menu-sign-out"
        >
          <ListItemIcon>
            <LogoutOutlined fontSize="small" />
          </ListItemIcon>
          <ListItemText>{t('session.signOut')}</ListItemText>
        </MenuItem>
      </Menu>
      <SwitchUserDialog open={dialog === 'switch'} onClose={() => setDialog(null)} />
      <ChangePasswordDialog
        open={dialog === 'password'}
        onClose={() => setDialog(null)}
        onChanged={() => {
          setDialog(null);
          setNotice(t('session.passwordChanged'));
        }}
      />
      <Snackbar open={notice !== null} autoHideDuration={4000} onClose={() => setNotice(null)} message={notice} />
    </>
  );
}
