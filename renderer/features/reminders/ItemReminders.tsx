/**
 * My reminders on one item (a task, an identity, an appointment…) and a form to add one
 * at a chosen day and time. Other features put it on their item pages.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import IconButton from '@mui/material/IconButton';
import Chip from '@mui/material/Chip';
import AlarmAddOutlined from '@mui/icons-material/AlarmAddOutlined';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { JalaliDateField } from '../../app/JalaliDateField';
import { jalaliInputText } from '../../format/jalaliInput';

export function ItemReminders({ item }: { item: { kind: string; id: string } }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const list = useQuery('reminders.list', { item }, { reads: ['reminders'] });
  const [adding, setAdding] = useState(false);
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<{ at?: string; note?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const startAdding = () => {
    setAt(jalaliInputText(Date.now() + 60 * 60_000, fmt.language, true));
    setAdding(true);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('reminders.create', { item, at, ...(note.trim() ? { note } : {}) });
    setBusy(false);
    if (r.ok) {
      setAdding(false);
      setNote('');
      setErrors({});
      return;
    }
    const byField = Object.fromEntries((r.error.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    setErrors({ at: byField.at, note: byField.note, form: byField.at || byField.note ? undefined : r.error.message });
  };

  return (
    <Stack spacing={1} data-testid="item-reminders">
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
      {adding ? (
        <Stack component="form" onSubmit={submit} spacing={1} noValidate>
          <JalaliDateField label={t('reminders.at')} value={at} onChange={setAt} withTime error={errors.at} testId="reminder-at" required />
          <TextField
            label={t('reminders.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={Boolean(errors.note)}
            helperText={errors.note}
            slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'reminder-note' } }}
          />
          {errors.form && <Typography color="error">{errors.form}</Typography>}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={busy} data-testid="reminder-save">
              {t('reminders.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Stack>
        </Stack>
      ) : (
        <Button startIcon={<AlarmAddOutlined />} onClick={startAdding} sx={{ alignSelf: 'flex-start' }} data-testid="reminder-add">
          {t('reminders.add')}
        </Button>
      )}
    </Stack>
  );
}
