/**
 * The box above an identity's history that files a note (Ctrl+Enter saves).
 */
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Button from '@mui/material/Button';
import Box from '@mui/material/Box';
import { useApi } from '../../api/ApiProvider';
import { errorMessage } from '../../app/formErrors';

export function NoteForm({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !body.trim()) return;
    setBusy(true);
    const r = await api.call('notes.create', { identityId, body });
    setBusy(false);
    if (r.ok) {
      setBody('');
      setError(null);
    } else {
      setError(errorMessage(r.error));
    }
  };
  // In a multi-line box Enter is a new line; Ctrl+Enter files the note.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
  };

  return (
    <Paper variant="outlined" component="form" onSubmit={submit} sx={{ p: 2 }}>
      <Stack spacing={1.5}>
        <TextField
          label={t('history.newNote')}
          placeholder={t('history.newNotePlaceholder')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={onKeyDown}
          multiline
          minRows={2}
          maxRows={10}
          error={Boolean(error)}
          helperText={error ?? t('history.newNoteHelp')}
          slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'note-body' } }}
        />
        <Box>
          <Button type="submit" variant="contained" disabled={busy || !body.trim()}>
            {t('history.addNote')}
          </Button>
        </Box>
      </Stack>
    </Paper>
  );
}
