/** "Add to an existing identity": the number joins the chosen identity's phones, and the call is filed under it. */
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
import type { IdentitySummary } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { GuardedDialog } from '../../app/GuardedDialog';
import { useFormat } from '../../app/useFormat';
import { IdentitySearch } from './IdentitySearch';
import { errorMessage } from '../../app/formErrors';

const KINDS = ['mobile', 'work', 'home', 'other'] as const;

export function AddToExistingDialog({ callId, number, onClose }: { callId: string; number: string; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const [identity, setIdentity] = useState<IdentitySummary | null>(null);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('mobile');
  const [error, setError] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!identity) return;
    const r = await api.call('phone.calls.assign', { id: callId, identityId: identity.id, addNumber: kind });
    if (r.ok) onClose();
    else setError(errorMessage(r.error));
  };

  return (
    // A chosen identity is the only thing to lose; Escape asks before dropping it.
    <GuardedDialog dirty={identity !== null} onClose={onClose} fullWidth maxWidth="xs" slotProps={{ paper: { component: 'form', onSubmit: save, 'data-testid': 'add-to-existing-form' } as object }}>
      <DialogTitle>{t('phone.add.title', { number: fmt.digits(number) })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          <IdentitySearch label={t('phone.add.search')} value={identity} onChange={setIdentity} testId="add-identity" />
          <TextField select size="small" label={t('phone.add.kind')} value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
            {KINDS.map((k) => (
              <MenuItem key={k} value={k}>
                {t(`phoneKinds.${k}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('phone.log.later')}</Button>
        <Button type="submit" variant="contained" disabled={!identity}>
          {t('phone.add.confirm')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
