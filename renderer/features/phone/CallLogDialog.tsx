/**
 * The short form after a call: subject, summary and an optional follow-up; for a number no
 * identity has, the identity to file it under. Saving files the call into that identity's
 * history. What was typed is kept: Escape or a click beside the dialog asks before it
 * throws it away once something is typed ("Later" does, on purpose).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { CallDirection, IdentitySummary } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { GuardedDialog } from '../../app/GuardedDialog';
import { useFormat } from '../../app/useFormat';
import { IdentitySearch } from './IdentitySearch';
import { NumberText, useCallerName } from './callText';
import { formErrors } from '../../app/formErrors';

export interface LoggableCall {
  id: string;
  direction: CallDirection;
  number: string;
  remoteName: string | null;
  identity: { id: string; displayName: string } | null;
}

const FOLLOW_UPS = { none: 0, tomorrow: 1, in3: 3, week: 7 } as const;
type FollowUp = keyof typeof FOLLOW_UPS;
const DAY = 24 * 3600 * 1000;

/** 09:00 local time, `days` days from now. */
function followUpAt(days: number): number {
  const d = new Date(Date.now() + days * DAY);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

export function CallLogDialog({ call, onClose }: { call: LoggableCall; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const name = useCallerName();
  const [subject, setSubject] = useState('');
  const [summary, setSummary] = useState('');
  const [followUp, setFollowUp] = useState<FollowUp>('none');
  const [note, setNote] = useState('');
  const [identity, setIdentity] = useState<IdentitySummary | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dirty = Boolean(subject || summary || note || identity || followUp !== 'none');

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('phone.calls.log', {
      id: call.id,
      subject,
      summary,
      ...(followUp !== 'none' ? { followUp: { at: followUpAt(FOLLOW_UPS[followUp]), note } } : {}),
      ...(identity ? { identityId: identity.id } : {}),
    });
    setBusy(false);
    if (r.ok) {
      onClose(true);
      return;
    }
    setError(r.error.message);
    setErrors(formErrors(r.error).fields);
  };

  return (
    <GuardedDialog
      dirty={dirty}
      onClose={() => onClose(false)}
      fullWidth
      maxWidth="sm"
      slotProps={{ paper: { component: 'form', onSubmit: save, 'data-testid': 'call-log-form' } as object }}
    >
      <DialogTitle>
        {t('phone.log.title', { name: name({ ...call, withheld: call.number === '' }) })} {call.number && <NumberText number={call.number} />}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {error && <Alert severity="error">{error}</Alert>}
          {!call.identity && (
            <IdentitySearch label={t('phone.log.identity')} value={identity} onChange={setIdentity} testId="log-identity" />
          )}
          <TextField
            label={t('phone.log.subject')}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            required
            autoFocus
            error={Boolean(errors.subject)}
            helperText={errors.subject}
            slotProps={{ htmlInput: { dir: 'auto', maxLength: 200, 'data-testid': 'log-subject' } }}
          />
          <TextField
            label={t('phone.log.summary')}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            multiline
            minRows={3}
            error={Boolean(errors.summary)}
            helperText={errors.summary}
            slotProps={{ htmlInput: { dir: 'auto', maxLength: 5000, 'data-testid': 'log-summary' } }}
          />
          <TextField
            select
            label={t('phone.log.followUp')}
            value={followUp}
            onChange={(e) => setFollowUp(e.target.value as FollowUp)}
            helperText={followUp !== 'none' ? t('phone.log.followUpOn', { date: fmt.dateTime(followUpAt(FOLLOW_UPS[followUp])) }) : ' '}
            slotProps={{ htmlInput: { 'data-testid': 'log-follow-up' } }}
          >
            <MenuItem value="none">{t('phone.log.followUpNone')}</MenuItem>
            <MenuItem value="tomorrow">{t('phone.log.followUpTomorrow')}</MenuItem>
            <MenuItem value="in3">{t('phone.log.followUpIn3')}</MenuItem>
            <MenuItem value="week">{t('phone.log.followUpWeek')}</MenuItem>
          </TextField>
          {followUp !== 'none' && (
            <TextField
              label={t('phone.log.followUpNote')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              slotProps={{ htmlInput: { dir: 'auto', maxLength: 500 } }}
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('phone.log.later')}</Button>
        <Button type="submit" variant="contained" disabled={busy || !subject.trim()} data-testid="log-save">
          {t('phone.log.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
