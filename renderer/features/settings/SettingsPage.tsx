/**
 * Settings (تنظیمات): interface language, the default area code for local numbers, which
 * local user is signed in, and where this computer keeps the data.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import RadioGroup from '@mui/material/RadioGroup';
import Radio from '@mui/material/Radio';
import FormControlLabel from '@mui/material/FormControlLabel';
import Alert from '@mui/material/Alert';
import type { Settings } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { contributions, useFeatures } from '../../app/features';
import { SettingsCard as Card } from '../../app/SettingsCard';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';
import { toLatinDigits } from '../../format/digits';
import { isLanguage, LANGUAGES } from '../../format/language';
import { errorMessage } from '../../app/formErrors';

function LanguageCard() {
  const { t } = useTranslation();
  const { language, setLanguage } = useAppState();
  const [error, setError] = useState<string | null>(null);
  return (
    <Card title={t('settings.language')} id="settings-language">
      <RadioGroup
        row
        aria-labelledby="settings-language"
        value={language}
        onChange={async (_, v) => {
          if (!isLanguage(v)) return;
          const e = await setLanguage(v);
          setError(e?.message ?? null);
        }}
      >
        {LANGUAGES.map((l) => (
          // Each language is named in itself, so someone who cannot read the other can find theirs.
          <FormControlLabel key={l} value={l} control={<Radio />} label={t(`settings.languages.${l}`)} lang={l} data-testid={`language-${l}`} />
        ))}
      </RadioGroup>
      {error && <Alert severity="error">{error}</Alert>}
    </Card>
  );
}

function AreaCodeForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const [value, setValue] = useState(() => fmt.digits(settings.defaultAreaCode));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // Typed in Persian or Latin digits; the setting's rule is written for Latin ones.
    const r = await api.call('settings.update', { defaultAreaCode: toLatinDigits(value).trim() });
    setBusy(false);
    setSaved(r.ok);
    setError(r.ok ? null : (errorMessage(r.error)));
  };

  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'flex-start' }}>
        <TextField
          label={t('settings.areaCode')}
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setSaved(false);
          }}
          error={Boolean(error)}
          helperText={error ?? (saved ? t('settings.saved') : t('settings.areaCodeHelp'))}
          slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric', 'data-testid': 'area-code' } }}
          sx={{ width: 440 }}
        />
        <Button type="submit" variant="contained" disabled={busy}>
          {t('common.save')}
        </Button>
      </Stack>
    </Box>
  );
}

function AboutCard() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const info = useQuery('app.info', {});
  const x = info.data;
  const row = (label: string, value: ReactNode) => (
    <Box component="div" sx={{ display: 'contents' }}>
      <Typography component="dt" color="text.secondary" variant="body2">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {value}
      </Typography>
    </Box>
  );
  return (
    <Card title={t('settings.about')} id="settings-about">
      {info.error && <Alert severity="error">{info.error.message}</Alert>}
      {x && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }} data-testid="about">
          {row(t('settings.version'), <Ltr>{fmt.digits(x.version)}</Ltr>)}
          {row(t('settings.dataDir'), <Ltr>{x.dataDir}</Ltr>)}
          {row(t('settings.databaseFile'), <Ltr>{x.databaseFile}</Ltr>)}
          {row(t('settings.logFile'), <Ltr>{x.logFile}</Ltr>)}
          {row(t('settings.counts.identities'), fmt.number(x.counts.identities))}
          {row(t('settings.counts.users'), fmt.number(x.counts.users))}
          {row(t('settings.counts.notes'), fmt.number(x.counts.notes))}
          {row(t('settings.counts.pendingChanges'), fmt.number(x.counts.pendingChanges))}
        </Box>
      )}
    </Card>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { settings, language } = useAppState();
  const features = useFeatures();
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">
        {t('settings.title')}
      </Typography>
      <LanguageCard />
      <Card title={t('settings.phone')} id="settings-phone">
        {settings && <AreaCodeForm key={`${settings.defaultAreaCode}:${language}`} settings={settings} />}
      </Card>
      {contributions(features, 'settings').map(({ key, Component }) => (
        <Component key={key} />
      ))}
      <AboutCard />
    </Stack>
  );
}
