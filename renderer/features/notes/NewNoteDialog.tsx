/** A new note about an identity, as a dialog (the screen pop's "a new note for the caller"): it files into their history. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useApi } from '../../api/ApiProvider';
import { GuardedDialog } from '../../app/GuardedDialog';
import type { NewItemFormProps } from '../../app/feature';
import { errorMessage } from '../../app/formErrors';

export function NewNoteDialog({ identity, onClose }: NewItemFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.call('notes.create', { identityId: identity.id, body });
    if (r.ok) onClose();
    else setError(errorMessage(r.error));
  };
  return (
    // Escape or a click beside it asks before a typed note is thrown away.
    <GuardedDialog
      dirty={body.trim() !== ''}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      slotProps={{ paper: { component: 'form', onSubmit: save } as object }}
    >
      <DialogTitle>
        {t('history.newNote')} — <bdi>{identity.displayName}</bdi>
      </DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          label={t('notes.dialog.label')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          autoFocus
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'new-note-body' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={!body.trim()}>
          {t('history.addNote')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
