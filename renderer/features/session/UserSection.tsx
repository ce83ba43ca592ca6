/** Settings → User: who is signed in, switching user (with that user's password), changing my password. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useAppState } from '../../app/AppState';
import { SettingsCard } from '../../app/SettingsCard';
import { ChangePasswordDialog, SwitchUserDialog } from './UserMenu';

export function UserSection() {
  const { t } = useTranslation();
  const { session } = useAppState();
  const [dialog, setDialog] = useState<'switch' | 'password' | null>(null);
  const [changed, setChanged] = useState(false);
  const user = session?.user;
  return (
    <SettingsCard title={t('session.userTitle')} id="settings-user">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('session.userHelp')}
      </Typography>
      {user && (
        <Typography sx={{ mb: 1.5 }} data-testid="settings-signed-in">
          {t('session.signedInAs')}: <bdi>{user.displayName}</bdi>
          {user.position && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ marginInlineStart: 1 }}>
              (<bdi>{user.position.title}</bdi>)
            </Typography>
          )}
        </Typography>
      )}
      <Stack direction="row" spacing={1.5}>
        <Button variant="outlined" onClick={() => setDialog('switch')} data-testid="settings-switch-user">
          {t('session.switchUser')}
        </Button>
        <Button variant="outlined" onClick={() => setDialog('password')} data-testid="settings-change-password">
          {t('session.changePassword')}
        </Button>
      </Stack>
      {changed && (
        <Alert severity="success" sx={{ mt: 1.5 }} onClose={() => setChanged(false)}>
          {t('session.passwordChanged')}
        </Alert>
      )}
      <SwitchUserDialog open={dialog === 'switch'} onClose={() => setDialog(null)} />
      <ChangePasswordDialog
        open={dialog === 'password'}
        onClose={() => setDialog(null)}
        onChanged={() => {
          setDialog(null);
          setChanged(true);
        }}
      />
    </SettingsCard>
  );
}
