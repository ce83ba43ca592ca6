/**
 * Asks before deleting. The delete is soft (the record and its history stay, marked
 * deleted), which the question says, so nobody fears losing the history.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
// A confirmation: nothing is typed here, so nothing to guard.
// eslint-disable-next-line no-restricted-imports
import Dialog from '@mui/material/Dialog';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import type { Identity } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';

interface Props {
  identity: Identity;
  onClose(): void;
  onDeleted(): void;
}

export function DeleteIdentityDialog({ identity, onClose, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    const r = await api.call('identities.delete', { id: identity.id });
    setBusy(false);
    if (r.ok) onDeleted();
    else setError(r.error.message);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="delete-identity-title" aria-describedby="delete-identity-text">
      <DialogTitle id="delete-identity-title">{t('profile.deleteTitle')}</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" sx={{ mb: 2 }}>
            {error}
          </Alert>
        )}
        <DialogContentText sx={{ fontWeight: 700, color: 'text.primary', mb: 1 }}>
          <bdi>{identity.displayName}</bdi>
        </DialogContentText>
        <DialogContentText id="delete-identity-text">{t('profile.deleteConfirm')}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          {t('common.cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={confirm} disabled={busy} data-testid="confirm-delete">
          {t('common.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
