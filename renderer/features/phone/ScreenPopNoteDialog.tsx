/** The screen pop "a new note for the caller": a note form that files into their history. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import type { CallerMatch } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { GuardedDialog } from '../../app/GuardedDialog';

export function ScreenPopNoteDialog({ identity, onClose }: { identity: CallerMatch; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.call('notes.create', { identityId: identity.id, body });
    if (r.ok) onClose();
    else setError(r.error.issues?.[0]?.message ?? r.error.message);
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
      <DialogTitle dir="auto">{identity.displayName}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error">{error}</Alert>}
        <TextField
          label={t('phone.note.label')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          multiline
          minRows={3}
          fullWidth
          autoFocus
          sx={{ mt: 1 }}
          slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'screen-pop-note' } }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('phone.log.later')}</Button>
        <Button type="submit" variant="contained" disabled={!body.trim()}>
          {t('phone.note.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
