import { useTranslation } from 'react-i18next';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { SettingsCard } from '../../app/SettingsCard';
import { playChime } from './chime';

/** Settings → Reminders: whether a reminder also plays a sound on this desk. */
export function ReminderSettings() {
  const { t } = useTranslation();
  const api = useApi();
  const prefs = useQuery('reminders.preferences', {}, { reads: [] });
  const sound = prefs.data?.sound ?? true;
  return (
    <SettingsCard title={t('reminders.settings.title')} id="settings-reminders">
      <FormControlLabel
        control={
          <Switch
            checked={sound}
            disabled={!prefs.data}
            onChange={async (_, on) => {
              const r = await api.call('reminders.setPreferences', { sound: on });
              if (r.ok) prefs.replace(r.value);
              // Hearing it once is how a person knows what it will sound like.
              if (r.ok && on) playChime();
            }}
            slotProps={{ input: { 'data-testid': 'reminder-sound' } as object }}
          />
        }
        label={t('reminders.settings.sound')}
      />
    </SettingsCard>
  );
}
