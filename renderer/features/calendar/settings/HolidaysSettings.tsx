/**
 * Settings → Holidays and occasions, per Jalali year: the shipped official days off (rows
 * the data's sources mark as uncertain say so), plus the office's own closures.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import Chip from '@mui/material/Chip';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import FormControlLabel from '@mui/material/FormControlLabel';
import Alert from '@mui/material/Alert';
import Tooltip from '@mui/material/Tooltip';
import Box from '@mui/material/Box';
import type { OccasionKind, OccasionView } from '../../../../main/contract';
import type { ApiErrorBody } from '../../../../main/api/rpc';
import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/hooks';
import { useAppState } from '../../../app/AppState';
import { SettingsCard } from '../../../app/SettingsCard';
import { localiseDigits } from '../../../format/digits';
import { jalaliOf, longDate, todayIn } from '../calendarGrid';
import { occasionTitle } from '../display';
import { JalaliDateField, JalaliPickersProvider } from '../JalaliPickers';
import { GuardedDialog } from '../../../app/GuardedDialog';

const KINDS: OccasionKind[] = ['closure', 'solar', 'lunar', 'gregorian'];

export function HolidaysSettings() {
  const { t } = useTranslation();
  const { can, language } = useAppState();
  const [year, setYear] = useState(() => jalaliOf(todayIn('Asia/Tehran')).year);
  const [dayOffOnly, setDayOffOnly] = useState(true);
  const [editing, setEditing] = useState<OccasionView | 'new' | null>(null);
  const list = useQuery('calendar.occasions.list', can('calendar.read') ? { year } : null, { reads: ['occasions'] });
  if (!can('calendar.read')) return null;
  const rows = (list.data ?? []).filter((o) => !dayOffOnly || o.dayOff);
  return (
    <SettingsCard title={t('calendar.settings.holidays.title')} id="settings-holidays">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <TextField select size="small" label={t('calendar.settings.holidays.year')} value={year} onChange={(e) => setYear(Number(e.target.value))} sx={{ width: 120 }} data-testid="holiday-year">
          {[year - 1, year, year + 1, year + 2].map((y) => (
            <MenuItem key={y} value={y}>
              {localiseDigits(String(y), language)}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel control={<Switch checked={dayOffOnly} onChange={(e) => setDayOffOnly(e.target.checked)} />} label={t('calendar.settings.holidays.dayOffOnly')} />
        <Box sx={{ flex: 1 }} />
        {can('calendar.manage') && (
          <Button onClick={() => setEditing('new')} data-testid="add-occasion">
            {t('calendar.settings.holidays.add')}
          </Button>
        )}
      </Stack>
      {list.data && rows.length === 0 && <Typography color="text.secondary">{t('calendar.settings.holidays.empty')}</Typography>}
      <Stack spacing={0.5} sx={{ maxHeight: 320, overflowY: 'auto' }} data-testid="occasion-list">
        {rows.map((o) => (
          <Stack key={o.id} direction="row" spacing={1} sx={{ alignItems: 'center' }} data-testid="occasion-row">
            <Typography variant="body2" sx={{ width: 150, flexShrink: 0, color: o.dayOff ? 'error.main' : 'text.primary' }}>
              {longDate(o.date, language)}
            </Typography>
            <Typography variant="body2" sx={{ flex: 1, minWidth: 0 }}>
              {occasionTitle(o, language)}
            </Typography>
            {o.dayOff && <Chip size="small" color="error" variant="outlined" label={t('calendar.settings.holidays.dayOff')} />}
            {o.uncertain && (
              <Tooltip title={o.note ?? ''}>
                <Chip size="small" color="warning" label={t('calendar.settings.holidays.uncertain')} data-testid="uncertain" />
              </Tooltip>
            )}
            {can('calendar.manage') && (
              <Button size="small" onClick={() => setEditing(o)}>
                {t('calendar.settings.edit')}
              </Button>
            )}
          </Stack>
        ))}
      </Stack>
      {editing && (
        <JalaliPickersProvider>
          <OccasionDialog occasion={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        </JalaliPickersProvider>
      )}
    </SettingsCard>
  );
}

function OccasionDialog({ occasion, onClose }: { occasion: OccasionView | null; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [date, setDate] = useState<string | null>(occasion?.date ?? null);
  const [titleFa, setTitleFa] = useState(occasion?.titleFa ?? '');
  const [titleEn, setTitleEn] = useState(occasion?.titleEn ?? '');
  const [dayOff, setDayOff] = useState(occasion?.dayOff ?? true);
  const [kind, setKind] = useState<OccasionKind>(occasion?.kind ?? 'closure');
  const [note, setNote] = useState(occasion?.note ?? '');
  const [error, setError] = useState<ApiErrorBody | null>(null);
  // Closing loses something only when what would be saved differs from what the dialog opened with.
  const current = JSON.stringify([date, titleFa, titleEn, dayOff, kind, note]);
  const [opened] = useState(current);
  const issue = (field: string) => error?.issues?.find((i) => i.path[0] === field)?.message;
  const save = async () => {
    const input = { date: date ?? '', titleFa, ...(titleEn.trim() ? { titleEn } : {}), dayOff, kind, ...(note.trim() ? { note } : {}) };
    const r = occasion ? await api.call('calendar.occasions.update', { id: occasion.id, ...input }) : await api.call('calendar.occasions.create', input);
    if (r.ok) onClose();
    else setError(r.error);
  };
  const remove = async () => {
    if (!occasion) return;
    const r = await api.call('calendar.occasions.delete', { id: occasion.id });
    if (r.ok) onClose();
    else setError(r.error);
  };
  return (
    <GuardedDialog dirty={current !== opened} onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="occasion-title" data-testid="occasion-dialog">
      <DialogTitle id="occasion-title">{occasion ? t('calendar.settings.holidays.editTitle') : t('calendar.settings.holidays.add')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <JalaliDateField label={t('calendar.settings.holidays.date')} value={date} onChange={setDate} error={issue('date')} />
          <TextField label={t('calendar.settings.holidays.titleFa')} value={titleFa} onChange={(e) => setTitleFa(e.target.value)} error={Boolean(issue('titleFa'))} helperText={issue('titleFa')} size="small" />
          <TextField label={t('calendar.settings.holidays.titleEn')} value={titleEn} onChange={(e) => setTitleEn(e.target.value)} size="small" slotProps={{ htmlInput: { dir: 'ltr' } }} />
          <Stack direction="row" spacing={2}>
            <FormControlLabel control={<Switch checked={dayOff} onChange={(e) => setDayOff(e.target.checked)} />} label={t('calendar.settings.holidays.dayOff')} />
            <TextField select size="small" label={t('calendar.settings.holidays.kind')} value={kind} onChange={(e) => setKind(e.target.value as OccasionKind)} sx={{ minWidth: 150 }}>
              {KINDS.map((k) => (
                <MenuItem key={k} value={k}>
                  {t(`calendar.settings.holidays.kinds.${k}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <TextField label={t('calendar.settings.holidays.note')} value={note} onChange={(e) => setNote(e.target.value)} size="small" multiline />
          {error && !error.issues?.length && <Alert severity="error">{error.message}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        {occasion && (
          <Button color="error" onClick={() => void remove()} sx={{ marginInlineEnd: 'auto' }}>
            {t('calendar.settings.delete')}
          </Button>
        )}
        <Button onClick={onClose}>{t('calendar.form.close')}</Button>
        <Button variant="contained" onClick={() => void save()} data-testid="save-occasion">
          {t('calendar.form.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
