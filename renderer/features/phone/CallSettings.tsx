/**
 * Settings → Calls: this desk's SIP account (the password is never shown again, only
 * replaced) and the user's own screen-pop choice. Every field keeps what was typed when
 * the save is refused, with the reason under the field.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { PhoneAccountView, ScreenPopAction } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';
import { useAppState } from '../../app/AppState';
import { useNewItemForms } from '../../app/useNewItemForms';
import { SettingsCard } from '../../app/SettingsCard';
import { usePhone } from './phoneState';
import { useRegistrationText } from './PhoneToolbar';
import { formErrors } from '../../app/formErrors';

interface AccountDraft {
  server: string;
  user: string;
  authUser: string;
  password: string;
  domain: string;
  displayName: string;
  trustedCaPem: string;
  enabled: boolean;
}

function draftOf(a: PhoneAccountView | null | undefined): AccountDraft {
  return {
    server: a?.server ?? '',
    user: a?.user ?? '',
    authUser: a?.authUser ?? '',
    password: '',
    domain: a?.domain ?? '',
    displayName: a?.displayName ?? '',
    trustedCaPem: a?.trustedCaPem ?? '',
    enabled: a?.enabled ?? true,
  };
}

export function CallSettings() {
  const { t } = useTranslation();
  const { can } = useAppState();
  if (!can('phone.use')) return null;
  return (
    <SettingsCard title={t('phone.settings.title')} id="settings-calls">
      <Stack spacing={3}>
        {can('phone.configure') && <AccountForm />}
        <ScreenPopChoice />
      </Stack>
    </SettingsCard>
  );
}

function AccountForm() {
  const account = useQuery('phone.account.get', {});
  if (account.data === undefined) return null;
  // Keyed by nothing that changes while typing: a refetch never overwrites what was typed.
  return <AccountFormLoaded saved={account.data} />;
}

function AccountFormLoaded({ saved }: { saved: PhoneAccountView | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const { status } = usePhone();
  const registration = useRegistrationText(status);
  const [d, setDraft] = useState<AccountDraft>(() => draftOf(saved));
  const [hasPassword, setHasPassword] = useState(saved?.hasPassword ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => {
    setDraft({ ...d, [key]: value });
    setErrors(({ [key]: _gone, ...rest }) => rest);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('phone.account.save', {
      server: d.server,
      user: d.user,
      ...(d.authUser.trim() ? { authUser: d.authUser } : {}),
      ...(d.password ? { password: d.password } : {}),
      ...(d.domain.trim() ? { domain: d.domain } : {}),
      displayName: d.displayName,
      trustedCaPem: d.trustedCaPem,
      enabled: d.enabled,
    });
    setBusy(false);
    if (r.ok) {
      setDraft(draftOf(r.value));
      setHasPassword(r.value.hasPassword);
      setErrors({});
      setMessage({ ok: true, text: t('phone.settings.saved') });
    } else {
      setErrors(formErrors(r.error).fields);
      setMessage({ ok: false, text: r.error.message });
    }
  };

  const field = (key: keyof Omit<AccountDraft, 'enabled'>, label: string, extra: Record<string, unknown> = {}, help?: string) => (
    <TextField
      label={label}
      value={d[key]}
      onChange={(e) => set(key, e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? help}
      size="small"
      fullWidth
      // A form with a password: every field says what it is, or the browser guesses (and warns).
      slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': `sip-${key}`, autoComplete: 'off', ...extra } }}
    />
  );

  return (
    <Stack component="form" spacing={1.5} onSubmit={save} data-testid="sip-account-form">
      <Typography variant="subtitle2">{t('phone.settings.account')}</Typography>
      <Typography variant="body2" color="text.secondary" data-testid="sip-registration">
        {registration}
      </Typography>
      {message && <Alert severity={message.ok ? 'success' : 'error'}>{message.text}</Alert>}
      {field('server', t('phone.settings.server'), {}, t('phone.settings.serverHelp'))}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
        {field('user', t('phone.settings.user'))}
        {field('authUser', t('phone.settings.authUser'), { autoComplete: 'username' })}
      </Stack>
      {field(
        'password',
        t('phone.settings.password'),
        { type: 'password', autoComplete: 'new-password' },
        hasPassword ? t('phone.settings.passwordKept') : undefined,
      )}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5}>
        {field('domain', t('phone.settings.domain'))}
        <TextField
          label={t('phone.settings.displayName')}
          value={d.displayName}
          onChange={(e) => set('displayName', e.target.value)}
          size="small"
          fullWidth
          error={Boolean(errors.displayName)}
          helperText={errors.displayName}
          slotProps={{ htmlInput: { dir: 'auto', autoComplete: 'off' } }}
        />
      </Stack>
      <TextField
        label={t('phone.settings.ca')}
        value={d.trustedCaPem}
        onChange={(e) => set('trustedCaPem', e.target.value)}
        error={Boolean(errors.trustedCaPem)}
        helperText={errors.trustedCaPem ?? t('phone.settings.caHelp')}
        multiline
        minRows={2}
        maxRows={6}
        size="small"
        slotProps={{ htmlInput: { dir: 'ltr', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 12 } } }}
      />
      <FormControlLabel control={<Switch checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} />} label={t('phone.settings.enabled')} />
      <Button type="submit" variant="contained" disabled={busy} sx={{ alignSelf: 'flex-start' }} data-testid="sip-save">
        {t('phone.settings.save')}
      </Button>
    </Stack>
  );
}

function ScreenPopChoice() {
  const { t } = useTranslation();
  const api = useApi();
  const forms = useNewItemForms();
  const pop = useQuery('phone.screenPop.get', {}, { reads: ['phone_preferences'] });
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const action = pop.data?.action ?? 'profile';
  // The saved form, if this user still has it; else the first one offered.
  const item = forms.find((f) => f.key === pop.data?.item)?.key ?? forms[0]?.key;
  const choose = async (next: { action: ScreenPopAction; item: string | undefined }) => {
    const r = await api.call('phone.screenPop.set', { action: next.action, ...(next.item ? { item: next.item } : {}) });
    setSaved(r.ok);
    setError(r.ok ? null : r.error.message);
    if (r.ok) pop.replace(r.value);
  };
  return (
    <Stack spacing={0.5}>
      <Typography variant="subtitle2" id="screen-pop-label">
        {t('phone.settings.screenPop')}
      </Typography>
      <RadioGroup aria-labelledby="screen-pop-label" value={action} onChange={(e) => void choose({ action: e.target.value as ScreenPopAction, item })} data-testid="screen-pop">
        <FormControlLabel value="profile" control={<Radio />} label={t('phone.settings.screenPopProfile')} />
        {forms.length > 0 && <FormControlLabel value="new-item" control={<Radio />} label={t('phone.settings.screenPopNewItem')} />}
        {forms.length > 0 && action === 'new-item' && (
          <TextField
            select
            size="small"
            label={t('phone.settings.screenPopItem')}
            value={item ?? ''}
            onChange={(e) => void choose({ action, item: e.target.value })}
            sx={{ maxWidth: 280, marginInlineStart: 4 }}
            slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'screen-pop-item' } as object } }}
          >
            {forms.map((f) => (
              <MenuItem key={f.key} value={f.key} data-testid={`screen-pop-item-${f.key}`}>
                {t(f.labelKey)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <FormControlLabel value="nothing" control={<Radio />} label={t('phone.settings.screenPopNothing')} />
      </RadioGroup>
      {saved && <Typography variant="body2" color="success.main">{t('phone.settings.screenPopSaved')}</Typography>}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
