/**
 * Create or edit an identity. The whole record is one form; on an error the form stays as
 * typed, each field error appears under its field (in the backend's Persian words), and
 * the general message in an alert above. Enter saves, Escape closes (after asking, when
 * something typed would be lost).
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import IconButton from '@mui/material/IconButton';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RadioGroup from '@mui/material/RadioGroup';
import Radio from '@mui/material/Radio';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormControl from '@mui/material/FormControl';
import FormLabel from '@mui/material/FormLabel';
import Autocomplete from '@mui/material/Autocomplete';
import Add from '@mui/icons-material/Add';
import DeleteOutlined from '@mui/icons-material/DeleteOutlined';
import type { Identity, IdentityKind, PhoneOwners } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../app/useFormat';
import { GuardedDialog } from '../../app/GuardedDialog';
import {
  draftChanged,
  draftFromIdentity,
  draftToInput,
  emptyDraft,
  numbersToCheck,
  newAddressRow,
  newEmailRow,
  newPhoneRow,
  placeIssues,
  type IdentityDraft,
  type PlacedErrors,
} from './identityForm';
import { ADDRESS_KINDS, EMAIL_KINDS, IDENTITY_KINDS, PHONE_KINDS } from './kinds';
import { OrganisationPicker } from './OrganisationPicker';
import { DuplicatePhones } from './DuplicatePhones';
import { directionOf, directionOfText } from '../../format/language';

/** create with `phone`: the first phone row is filled in (a caller's number nobody has yet). */
export type IdentityDialogMode = { action: 'create'; kind?: IdentityKind; phone?: string } | { action: 'edit'; identity: Identity };

interface Props {
  mode: IdentityDialogMode;
  onClose(): void;
  onSaved(identity: Identity): void;
}

const NO_ERRORS: PlacedErrors = { fields: {}, general: [] };

/** Free text reads in its own direction (a Persian name in the English interface, and back). */
function textDir(value: string, fallback: 'rtl' | 'ltr') {
  return { htmlInput: { dir: directionOfText(value) ?? fallback } };
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, minWidth: 0 }}>
      <Typography component="legend" variant="subtitle2" color="text.secondary" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Stack spacing={1.5}>{children}</Stack>
    </Box>
  );
}

function withPhone(draft: IdentityDraft, phone: string | undefined): IdentityDraft {
  if (!phone) return draft;
  return { ...draft, phones: draft.phones.map((r, i) => (i === 0 ? { ...r, number: phone } : r)) };
}

export function IdentityDialog({ mode, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const fmt = useFormat();
  const uiDir = directionOf(fmt.language);
  // What the form started from (a caller's number filled in counts as that), to tell
  // whether closing it would lose anything.
  const [initial] = useState<IdentityDraft>(() =>
    mode.action === 'edit' ? draftFromIdentity(mode.identity) : withPhone(emptyDraft(mode.kind), mode.phone),
  );
  const [draft, setDraft] = useState<IdentityDraft>(initial);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [errors, setErrors] = useState<PlacedErrors>(NO_ERRORS);
  const content = useRef<HTMLDivElement>(null);

  // After a refused save, put the cursor on the first field to fix.
  useEffect(() => {
    if (Object.keys(errors.fields).length === 0) return;
    content.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const err = (key: string) => errors.fields[key];
  const clearError = (key: string) => {
    if (!errors.fields[key]) return;
    const { [key]: _gone, ...rest } = errors.fields;
    setErrors({ ...errors, fields: rest });
  };
  const set = <K extends keyof IdentityDraft>(key: K, value: IdentityDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    clearError(key);
  };
  const setRow = <L extends 'phones' | 'emails' | 'addresses'>(
    list: L,
    rowKey: string,
    field: keyof IdentityDraft[L][number],
    value: string,
  ) => {
    setDraft((d) => ({ ...d, [list]: d[list].map((r) => (r.key === rowKey ? { ...r, [field]: value } : r)) }));
    clearError(`${list}.${rowKey}.${String(field)}`);
  };
  const removeRow = (list: 'phones' | 'emails' | 'addresses', rowKey: string) =>
    setDraft((d) => ({ ...d, [list]: d[list].filter((r) => r.key !== rowKey) }));

  // Numbers other identities already have. Looked up when a phone field is left and again
  // before saving; saving goes on only once the person has seen them ("save anyway").
  const [duplicates, setDuplicates] = useState<PhoneOwners['owners']>([]);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const duplicatesPanel = useRef<HTMLDivElement>(null);
  const findDuplicates = async (numbers: string[]) => {
    if (numbers.length === 0) return [];
    const r = await api.call('identities.phoneOwners', {
      numbers,
      ...(mode.action === 'edit' ? { exceptId: mode.identity.id } : {}),
    });
    // A failed look-up never blocks saving; the save itself says what is wrong with a number.
    return r.ok ? r.value.owners : [];
  };
  const recheckDuplicates = () => void findDuplicates(numbersToCheck(initial, draft)).then(setDuplicates);

  const save = async (anyway: boolean) => {
    if (saving) return;
    setSaving(true);
    const numbers = numbersToCheck(initial, draft);
    const seen = JSON.stringify(numbers);
    if (anyway) {
      setAcknowledged(seen);
    } else if (seen !== acknowledged) {
      const owners = await findDuplicates(numbers);
      setDuplicates(owners);
      if (owners.length > 0) {
        setSaving(false);
        duplicatesPanel.current?.scrollIntoView({ block: 'nearest' });
        return;
      }
    }
    const { input, sent } = draftToInput(draft);
    const r =
      mode.action === 'edit'
        ? await api.call('identities.update', { ...input, id: mode.identity.id })
        : await api.call('identities.create', input);
    setSaving(false);
    if (r.ok) {
      onSaved(r.value);
      return;
    }
    setMessage(r.error.message);
    setErrors(placeIssues(r.error.issues, sent));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  // The person chose the existing record over this form.
  const openExisting = (id: string) => {
    onClose();
    navigate(`/identities/${id}`);
  };

  const person = draft.kind === 'person';
  const title = mode.action === 'edit' ? t('identityForm.titleEdit') : t('identityForm.titleNew');

  return (
    <GuardedDialog
      dirty={draftChanged(initial, draft)}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      scroll="paper"
      aria-labelledby="identity-dialog-title"
      slotProps={{ paper: { component: 'form', onSubmit: submit, noValidate: true } as object }}
    >
      <DialogTitle id="identity-dialog-title">{title}</DialogTitle>
      <DialogContent dividers ref={content}>
        <Stack spacing={3}>
          {message && (
            <Alert severity="error" data-testid="form-error">
              {message}
              {errors.general.length > 0 && (
                <Box component="ul" sx={{ m: 0, mt: 0.5, paddingInlineStart: 2.5 }}>
                  {errors.general.map((g, i) => (
                    <li key={i}>{g}</li>
                  ))}
                </Box>
              )}
            </Alert>
          )}

          <FormControl>
            <FormLabel id="identity-kind-label">{t('identityForm.kind')}</FormLabel>
            <RadioGroup
              row
              aria-labelledby="identity-kind-label"
              value={draft.kind}
              onChange={(_, v) => set('kind', v as IdentityKind)}
            >
              {IDENTITY_KINDS.map((k) => (
                <FormControlLabel key={k} value={k} control={<Radio />} label={t(`kinds.${k}`)} />
              ))}
            </RadioGroup>
          </FormControl>

          {person ? (
            <Stack spacing={2}>
              <Box sx={{ display: 'grid', gridTemplateColumns: '140px 1fr 1fr', gap: 2 }}>
                <TextField
                  label={t('identityForm.honorific')}
                  value={draft.honorific}
                  onChange={(e) => set('honorific', e.target.value)}
                  error={Boolean(err('honorific'))}
                  helperText={err('honorific')}
                  slotProps={textDir(draft.honorific, uiDir)}
                />
                <TextField
                  label={t('identityForm.firstName')}
                  value={draft.firstName}
                  onChange={(e) => set('firstName', e.target.value)}
                  error={Boolean(err('firstName'))}
                  helperText={err('firstName')}
                  slotProps={textDir(draft.firstName, uiDir)}
                  autoFocus
                />
                <TextField
                  label={t('identityForm.lastName')}
                  value={draft.lastName}
                  onChange={(e) => set('lastName', e.target.value)}
                  error={Boolean(err('lastName'))}
                  helperText={err('lastName')}
                  slotProps={textDir(draft.lastName, uiDir)}
                />
              </Box>
              <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2 }}>
                <OrganisationPicker
                  value={draft.organisation}
                  onChange={(v) => set('organisation', v)}
                  error={err('organisation')}
                />
                <TextField
                  label={t('identityForm.jobTitle')}
                  value={draft.jobTitle}
                  onChange={(e) => set('jobTitle', e.target.value)}
                  error={Boolean(err('jobTitle'))}
                  helperText={err('jobTitle')}
                  slotProps={textDir(draft.jobTitle, uiDir)}
                />
              </Box>
            </Stack>
          ) : (
            <TextField
              label={t('identityForm.organisationName')}
              value={draft.organisationName}
              onChange={(e) => set('organisationName', e.target.value)}
              error={Boolean(err('organisationName'))}
              helperText={err('organisationName')}
              slotProps={textDir(draft.organisationName, uiDir)}
              autoFocus
            />
          )}

          <Section title={t('identityForm.phones')}>
            {draft.phones.map((row, i) => (
              <Box key={row.key} sx={{ display: 'grid', gridTemplateColumns: '160px 1fr 40px', gap: 1.5, alignItems: 'start' }}>
                <TextField
                  select
                  label={t('identityForm.phoneKind')}
                  value={row.kind}
                  onChange={(e) => setRow('phones', row.key, 'kind', e.target.value)}
                >
                  {PHONE_KINDS.map((k) => (
                    <MenuItem key={k} value={k}>
                      {t(`phoneKinds.${k}`)}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  label={t('identityForm.phoneNumber')}
                  value={row.number}
                  onChange={(e) => setRow('phones', row.key, 'number', e.target.value)}
                  onBlur={recheckDuplicates}
                  error={Boolean(err(`phones.${row.key}.number`) ?? err(`phones.${row.key}.kind`))}
                  helperText={err(`phones.${row.key}.number`) ?? err(`phones.${row.key}.kind`)}
                  placeholder={fmt.digits('0912 345 6789')}
                  slotProps={{
                    htmlInput: { dir: 'ltr', inputMode: 'tel', autoComplete: 'off', 'data-testid': `phone-number-${i}` },
                    formHelperText: { 'data-testid': `phone-error-${i}` } as object,
                  }}
                />
                <IconButton
                  aria-label={t('identityForm.removePhone', { n: fmt.number(i + 1) })}
                  onClick={() => removeRow('phones', row.key)}
                  sx={{ mt: 0.25 }}
                >
                  <DeleteOutlined />
                </IconButton>
              </Box>
            ))}
            {duplicates.length > 0 && (
              <Box ref={duplicatesPanel}>
                <DuplicatePhones owners={duplicates} onOpen={openExisting} onSaveAnyway={() => void save(true)} saving={saving} />
              </Box>
            )}
            <Box>
              <Button startIcon={<Add />} onClick={() => set('phones', [...draft.phones, newPhoneRow('work')])}>
                {t('identityForm.addPhone')}
              </Button>
            </Box>
          </Section>

          <Section title={t('identityForm.emails')}>
            {draft.emails.map((row, i) => (
              <Box key={row.key} sx={{ display: 'grid', gridTemplateColumns: '160px 1fr 40px', gap: 1.5, alignItems: 'start' }}>
                <TextField
                  select
                  label={t('identityForm.emailKind')}
                  value={row.kind}
                  onChange={(e) => setRow('emails', row.key, 'kind', e.target.value)}
                >
                  {EMAIL_KINDS.map((k) => (
                    <MenuItem key={k} value={k}>
                      {t(`emailKinds.${k}`)}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  label={t('identityForm.emailAddress')}
                  type="email"
                  value={row.address}
                  onChange={(e) => setRow('emails', row.key, 'address', e.target.value)}
                  error={Boolean(err(`emails.${row.key}.address`))}
                  helperText={err(`emails.${row.key}.address`)}
                  slotProps={{ htmlInput: { dir: 'ltr', autoComplete: 'off', 'data-testid': `email-address-${i}` } }}
                />
                <IconButton
                  aria-label={t('identityForm.removeEmail', { n: fmt.number(i + 1) })}
                  onClick={() => removeRow('emails', row.key)}
                  sx={{ mt: 0.25 }}
                >
                  <DeleteOutlined />
                </IconButton>
              </Box>
            ))}
            <Box>
              <Button startIcon={<Add />} onClick={() => set('emails', [...draft.emails, newEmailRow()])}>
                {t('identityForm.addEmail')}
              </Button>
            </Box>
          </Section>

          <Section title={t('identityForm.addresses')}>
            {draft.addresses.map((row, i) => (
              <Box
                key={row.key}
                sx={{ display: 'grid', gridTemplateColumns: '160px 1fr 160px 140px 40px', gap: 1.5, alignItems: 'start' }}
              >
                <TextField
                  select
                  label={t('identityForm.addressKind')}
                  value={row.kind}
                  onChange={(e) => setRow('addresses', row.key, 'kind', e.target.value)}
                >
                  {ADDRESS_KINDS.map((k) => (
                    <MenuItem key={k} value={k}>
                      {t(`addressKinds.${k}`)}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  label={t('identityForm.addressLine')}
                  value={row.line}
                  onChange={(e) => setRow('addresses', row.key, 'line', e.target.value)}
                  error={Boolean(err(`addresses.${row.key}.line`))}
                  helperText={err(`addresses.${row.key}.line`)}
                  slotProps={{ htmlInput: { ...textDir(row.line, uiDir).htmlInput, 'data-testid': `address-line-${i}` } }}
                />
                <TextField
                  label={t('identityForm.city')}
                  value={row.city}
                  onChange={(e) => setRow('addresses', row.key, 'city', e.target.value)}
                  error={Boolean(err(`addresses.${row.key}.city`))}
                  helperText={err(`addresses.${row.key}.city`)}
                  slotProps={textDir(row.city, uiDir)}
                />
                <TextField
                  label={t('identityForm.postalCode')}
                  value={row.postalCode}
                  onChange={(e) => setRow('addresses', row.key, 'postalCode', e.target.value)}
                  error={Boolean(err(`addresses.${row.key}.postalCode`))}
                  helperText={err(`addresses.${row.key}.postalCode`)}
                  slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'numeric' } }}
                />
                <IconButton
                  aria-label={t('identityForm.removeAddress', { n: fmt.number(i + 1) })}
                  onClick={() => removeRow('addresses', row.key)}
                  sx={{ mt: 0.25 }}
                >
                  <DeleteOutlined />
                </IconButton>
              </Box>
            ))}
            <Box>
              <Button startIcon={<Add />} onClick={() => set('addresses', [...draft.addresses, newAddressRow()])}>
                {t('identityForm.addAddress')}
              </Button>
            </Box>
          </Section>

          <Autocomplete
            multiple
            freeSolo
            autoSelect
            options={[] as string[]}
            value={draft.tags}
            onChange={(_, v) => set('tags', Array.from(new Set(v.map((x) => x.trim()).filter(Boolean))))}
            renderInput={(params) => (
              <TextField
                {...params}
                label={t('identityForm.tags')}
                helperText={err('tags') ?? t('identityForm.tagsHelp')}
                error={Boolean(err('tags'))}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'tags-input' } }}
              />
            )}
          />

          <TextField
            label={t('identityForm.notes')}
            value={draft.notes}
            onChange={(e) => set('notes', e.target.value)}
            multiline
            minRows={2}
            maxRows={8}
            error={Boolean(err('notes'))}
            helperText={err('notes')}
            slotProps={textDir(draft.notes, uiDir)}
          />
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, py: 1.5 }}>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={saving} data-testid="identity-save">
          {mode.action === 'edit' ? t('identityForm.submitSave') : t('identityForm.submitCreate')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
