/**
 * The follow-up form — what to follow up, the next date — shared by the panel on item pages
 * (ItemFollowUps) and the "follow up" dialog beside a listed item (FollowUpAction), and the
 * list of the follow-ups on one item that both show above it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import Checkbox from '@mui/material/Checkbox';
import Box from '@mui/material/Box';
import type { ItemRef } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { JalaliDateField } from '../../app/JalaliDateField';
import { formErrors } from '../../app/formErrors';

/** The form's state and its save; `dirty` once something is typed. */
export function useFollowUpForm(item: ItemRef, onSaved: () => void) {
  const api = useApi();
  const [note, setNote] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<{ note?: string; next?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('followups.create', { item, note, ...(next.trim() ? { next } : {}) });
    setBusy(false);
    if (r.ok) {
      setNote('');
      setNext('');
      setErrors({});
      onSaved();
      return;
    }
    const byField = formErrors(r.error).fields;
    setErrors({ note: byField.note, next: byField.next, form: byField.note || byField.next ? undefined : r.error.message });
  };
  return { note, setNote, next, setNext, errors, busy, submit, dirty: note.trim() !== '' || next.trim() !== '', ready: note.trim() !== '' };
}

export type FollowUpFormState = ReturnType<typeof useFollowUpForm>;

export function FollowUpFields({ form, autoFocus }: { form: FollowUpFormState; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t('followups.note')}
        value={form.note}
        onChange={(e) => form.setNote(e.target.value)}
        multiline
        minRows={2}
        error={Boolean(form.errors.note)}
        helperText={form.errors.note}
        required
        autoFocus={autoFocus}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'followup-note' } }}
      />
      <JalaliDateField
        label={t('followups.next')}
        value={form.next}
        onChange={form.setNext}
        error={form.errors.next}
        testId="followup-next"
        helperText={t('followups.nextHelp')}
      />
      {form.errors.form && <Typography color="error">{form.errors.form}</Typography>}
    </>
  );
}

/** The follow-ups on the item, each with its done box. */
export function FollowUpList({ item }: { item: ItemRef }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const list = useQuery('followups.forItem', { item }, { reads: ['followups'] });
  return (
    <>
      {list.data?.map((f) => (
        <Stack key={f.id} direction="row" spacing={1} sx={{ alignItems: 'flex-start' }} data-testid="item-followup">
          <Checkbox
            size="small"
            checked={f.done}
            onChange={(_, done) => void api.call('followups.update', { id: f.id, done })}
            slotProps={{ input: { 'aria-label': t('followups.markDone') } }}
          />
          <Box sx={{ flex: 1, minWidth: 0, pt: 1 }}>
            <Typography dir="auto" className="preserve-lines" sx={{ textDecoration: f.done ? 'line-through' : undefined }}>
              {f.note}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              <bdi>{f.owner.displayName}</bdi>
              {f.next && ` · ${t('followups.next')}: ${f.next.hasTime ? fmt.dateTime(f.next.at) : fmt.date(f.next.at)}`}
            </Typography>
          </Box>
        </Stack>
      ))}
    </>
  );
}
