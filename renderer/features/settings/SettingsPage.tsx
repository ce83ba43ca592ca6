/**
 * Settings (تنظیمات): interface language, the default area code for local numbers, which
 * local user is signed in, and where this computer keeps the data.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import RadioGroup from '@mui/material/RadioGroup';
import Radio from '@mui/material/Radio';
import FormControlLabel from '@mui/material/FormControlLabel';
import Alert from '@mui/material/Alert';
import type { Settings } from '../../../main/api/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';
import { Ltr } from '../../app/Ltr';
import { toLatinDigits } from '../../format/digits';
import { isLanguage, LANGUAGES } from '../../format/language';
import { ChangePasswordDialog, SwitchUserDialog } from '../session/UserMenu';
import { DataSafetySection } from './DataSafety';
import { LockSettingSection, UserPasswordsSection } from './SecuritySections';

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ p: 2.5 }} component="section" aria-labelledby={id}>
      <Typography id={id} variant="subtitle1" component="h2" sx={{ fontWeight: 700, mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

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
    setError(r.ok ? null : (r.error.issues?.[0]?.message ?? r.error.message));
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

function UserCard() {
  const { t } = useTranslation();
  const { session } = useAppState();
  const [dialog, setDialog] = useState<'switch' | 'password' | null>(null);
  const [changed, setChanged] = useState(false);
  const user = session?.user;
  return (
    <Card title={t('settings.user')} id="settings-user">
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('settings.userHelp')}
      </Typography>
      {user && (
        <Typography sx={{ mb: 1.5 }} data-testid="settings-signed-in">
          {t('settings.signedInAs')}: <bdi>{user.displayName}</bdi>
          {user.position && (
            <Typography component="span" variant="body2" color="text.secondary" sx={{ marginInlineStart: 1 }}>
              (<bdi>{user.position.title}</bdi>)
            </Typography>
          )}
        </Typography>
      )}
      <Stack direction="row" spacing={1.5}>
        <Button variant="outlined" onClick={() => setDialog('switch')} data-testid="settings-switch-user">
          {t('session.switchUser')}
        </Button>
        <Button variant="outlined" onClick={() => setDialog('password')} data-testid="settings-change-password">
          {t('session.changePassword')}
        </Button>
      </Stack>
      {changed && (
        <Alert severity="success" sx={{ mt: 1.5 }} onClose={() => setChanged(false)}>
          {t('session.passwordChanged')}
        </Alert>
      )}
      <SwitchUserDialog open={dialog === 'switch'} onClose={() => setDialog(null)} />
      <ChangePasswordDialog
        open={dialog === 'password'}
        onClose={() => setDialog(null)}
        onChanged={() => {
          setDialog(null);
          setChanged(true);
        }}
      />
    </Card>
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
  return (
    <Stack spacing={2} sx={{ maxWidth: 900 }}>
      <Typography variant="h5" component="h1">
        {t('settings.title')}
      </Typography>
      <LanguageCard />
      <Card title={t('settings.phone')} id="settings-phone">
        {settings && <AreaCodeForm key={`${settings.defaultAreaCode}:${language}`} settings={settings} />}
      </Card>
      <UserCard />
      <LockSettingSection />
      <UserPasswordsSection />
      <DataSafetySection />
      <AboutCard />
    </Stack>
  );
}
