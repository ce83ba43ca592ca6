/** Settings → Calendar: weekend days (Friday by default), working hours and the office's time zone. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Typography from '@mui/material/Typography';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Alert from '@mui/material/Alert';
import type { CalendarSettings, WeekdayCode } from '../../../../main/contract';
import { useApi } from '../../../api/ApiProvider';
import { useQuery } from '../../../api/hooks';
import { useAppState } from '../../../app/AppState';
import { SettingsCard } from '../../../app/SettingsCard';
import { JalaliPickersProvider, TimeField } from '../JalaliPickers';
import { errorMessage } from '../../../app/formErrors';

/** Saturday first; the numbers are JavaScript's (0 = Sunday). */
const DAYS: { n: number; code: WeekdayCode }[] = [
  { n: 6, code: 'SA' },
  { n: 0, code: 'SU' },
  { n: 1, code: 'MO' },
  { n: 2, code: 'TU' },
  { n: 3, code: 'WE' },
  { n: 4, code: 'TH' },
  { n: 5, code: 'FR' },
];
const ZONES = ['Asia/Tehran', 'Asia/Dubai', 'Asia/Kabul', 'Europe/Istanbul', 'Europe/Berlin', 'Europe/London', 'UTC'];

export function CalendarOptionsSettings() {
  const { t } = useTranslation();
  const { can } = useAppState();
  const settings = useQuery('calendar.settings.get', can('calendar.read') ? {} : null, { reads: ['calendar_settings'] });
  if (!can('calendar.manage')) return null;
  return (
    <SettingsCard title={t('calendar.settings.options.title')} id="settings-calendar-options">
      {/* The form starts from the saved settings, and again when they change elsewhere. */}
      {settings.data && <OptionsForm key={JSON.stringify(settings.data)} saved={settings.data} />}
    </SettingsCard>
  );
}

function OptionsForm({ saved }: { saved: CalendarSettings }) {
  const { t } = useTranslation();
  const api = useApi();
  const [weekend, setWeekend] = useState<number[]>(saved.weekendDays);
  const [start, setStart] = useState<string | null>(saved.workStart);
  const [end, setEnd] = useState<string | null>(saved.workEnd);
  const [zone, setZone] = useState(saved.zone);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    const r = await api.call('calendar.settings.update', { weekendDays: weekend, ...(start ? { workStart: start } : {}), ...(end ? { workEnd: end } : {}), zone });
    setMessage(r.ok ? { ok: true, text: t('calendar.settings.saved') } : { ok: false, text: errorMessage(r.error) });
  };
  return (
    <Stack spacing={2}>
      <div>
        <Typography variant="body2" sx={{ mb: 0.5 }}>
          {t('calendar.settings.options.weekend')}
        </Typography>
        <FormGroup row data-testid="weekend-days">
          {DAYS.map((d) => (
            <FormControlLabel
              key={d.n}
              control={<Checkbox size="small" checked={weekend.includes(d.n)} onChange={(e) => setWeekend(e.target.checked ? [...weekend, d.n] : weekend.filter((x) => x !== d.n))} />}
              label={t(`calendar.weekdayLong.${d.code}`)}
            />
          ))}
        </FormGroup>
      </div>
      <JalaliPickersProvider>
        <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 2 }}>
          <TimeField label={t('calendar.settings.options.workStart')} value={start} onChange={setStart} />
          <TimeField label={t('calendar.settings.options.workEnd')} value={end} onChange={setEnd} />
          <TextField select size="small" label={t('calendar.settings.options.zone')} value={zone} onChange={(e) => setZone(e.target.value)} sx={{ minWidth: 180 }}>
            {[...new Set([zone, ...ZONES])].map((z) => (
              <MenuItem key={z} value={z} dir="ltr">
                {z}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </JalaliPickersProvider>
      {message && <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      <div>
        <Button variant="contained" onClick={() => void save()} data-testid="save-calendar-options">
          {t('calendar.form.save')}
        </Button>
      </div>
    </Stack>
  );
}
