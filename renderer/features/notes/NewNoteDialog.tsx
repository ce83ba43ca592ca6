/** A new note about an identity, as a dialog (the screen pop's "a new note for the caller"): it files into their history. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import TextField from '@mui/material/TextField';
import { useApi } from '../../api/ApiProvider';
import type { NewItemFormProps } from '../../app/feature';
import { FormDialog } from '../../app/FormDialog';
import { errorMessage } from '../../app/formErrors';

export function NewNoteDialog({ identity, onClose }: NewItemFormProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('notes.create', { identityId: identity.id, body });
    setBusy(false);
    if (r.ok) onClose();
    else setError(errorMessage(r.error));
  };
  return (
    <FormDialog
      title={
        <>
          {t('history.newNote')} — <bdi>{identity.displayName}</bdi>
        </>
      }
      dirty={body.trim() !== ''}
      busy={busy}
      ready={body.trim() !== ''}
      summary={error}
      submitLabel={t('history.addNote')}
      testIds={{ dialog: 'new-note-dialog', save: 'new-note-save', error: 'new-note-error' }}
      onSubmit={save}
      onClose={onClose}
    >
      <TextField
        label={t('notes.dialog.label')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        multiline
        minRows={3}
        fullWidth
        autoFocus
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'new-note-body' } }}
      />
    </FormDialog>
  );
}
