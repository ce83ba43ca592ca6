/**
 * The follow-ups on one item (a task, an identity, an appointment…): note, next date,
 * done or not, and a form for a new one. Other features put it on their item pages.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Checkbox from '@mui/material/Checkbox';
import Box from '@mui/material/Box';
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useFormat } from '../../app/useFormat';
import { JalaliDateField } from '../../app/JalaliDateField';

export function ItemFollowUps({ item }: { item: { kind: string; id: string } }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const list = useQuery('followups.forItem', { item }, { reads: ['followups'] });
  const [adding, setAdding] = useState(false);
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
      setAdding(false);
      setNote('');
      setNext('');
      setErrors({});
      return;
    }
    const byField = Object.fromEntries((r.error.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    setErrors({ note: byField.note, next: byField.next, form: byField.note || byField.next ? undefined : r.error.message });
  };

  return (
    <Stack spacing={1} data-testid="item-followups">
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
      {adding ? (
        <Stack component="form" onSubmit={submit} spacing={1} noValidate>
          <TextField
            label={t('followups.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            multiline
            minRows={2}
            error={Boolean(errors.note)}
            helperText={errors.note}
            required
            slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'followup-note' } }}
          />
          <JalaliDateField label={t('followups.next')} value={next} onChange={setNext} error={errors.next} testId="followup-next" helperText={t('followups.nextHelp')} />
          {errors.form && <Typography color="error">{errors.form}</Typography>}
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={busy || !note.trim()} data-testid="followup-save">
              {t('followups.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Stack>
        </Stack>
      ) : (
        <Button startIcon={<PlaylistAddCheckOutlined />} onClick={() => setAdding(true)} sx={{ alignSelf: 'flex-start' }} data-testid="followup-add">
          {t('followups.add')}
        </Button>
      )}
    </Stack>
  );
}
