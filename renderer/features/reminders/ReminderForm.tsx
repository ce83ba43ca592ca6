/**
 * The reminder form — day and time, an optional note — shared by the panel on item pages
 * (ItemReminders) and the "remind me" dialog beside a listed item (RemindAction), and the
 * list of my open reminders on one item that both show above it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import IconButton from '@mui/material/IconButton';
import Chip from '@mui/material/Chip';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import type { ItemRef } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { JalaliDateField } from '../../app/JalaliDateField';
import { jalaliInputText } from '../../format/jalaliInput';
import { formErrors } from '../../app/formErrors';

/** The form's state and its save; `dirty` once something differs from what it was opened with. */
export function useReminderForm(item: ItemRef, onSaved: () => void) {
  const api = useApi();
  const fmt = useFormat();
  // The suggested time (an hour from now) is what the form opens with: not the person's input.
  const suggest = () => jalaliInputText(Date.now() + 60 * 60_000, fmt.language, true);
  const [initialAt, setInitialAt] = useState(suggest);
  const [at, setAt] = useState(initialAt);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ at?: string; note?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  /** Opened again later: the suggested time moves on with the clock. */
  const suggestTime = () => {
    const next = suggest();
    setInitialAt(next);
    setAt(next);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('reminders.create', { item, at, ...(note.trim() ? { note } : {}) });
    setBusy(false);
    if (r.ok) {
      setNote('');
      setErrors({});
      onSaved();
      return;
    }
    const byField = formErrors(r.error).fields;
    setErrors({ at: byField.at, note: byField.note, form: byField.at || byField.note ? undefined : r.error.message });
  };
  return { at, setAt, note, setNote, errors, busy, submit, suggestTime, dirty: at !== initialAt || note.trim() !== '' };
}

export type ReminderFormState = ReturnType<typeof useReminderForm>;

export function ReminderFields({ form, autoFocus }: { form: ReminderFormState; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <JalaliDateField label={t('reminders.at')} value={form.at} onChange={form.setAt} withTime error={form.errors.at} testId="reminder-at" required />
      <TextField
        label={t('reminders.note')}
        value={form.note}
        onChange={(e) => form.setNote(e.target.value)}
        error={Boolean(form.errors.note)}
        helperText={form.errors.note}
        autoFocus={autoFocus}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'reminder-note' } }}
      />
      {form.errors.form && <Typography color="error">{form.errors.form}</Typography>}
    </>
  );
}

/** My reminders on the item that have not been dismissed, each with a remove button. */
export function ReminderList({ item }: { item: ItemRef }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const list = useQuery('reminders.list', { item }, { reads: ['reminders'] });
  return (
    <>
      {list.data?.map((r) => (
        <Stack key={r.id} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="item-reminder">
          <Typography variant="body2" sx={{ flex: 1 }}>
            {fmt.dateTime(r.dueAt)}
            {r.note && (
              <>
                {' — '}
                <bdi>{r.note}</bdi>
              </>
            )}
          </Typography>
          {r.state === 'fired' && <Chip size="small" color="warning" label={t('reminders.passed')} />}
          <IconButton size="small" aria-label={t('reminders.remove')} onClick={() => void api.call('reminders.remove', { id: r.id })}>
            <DeleteOutline fontSize="small" />
          </IconButton>
        </Stack>
      ))}
    </>
  );
}
