/**
 * An announcement: one notice to a group, a department or everyone, which becomes a task
 * of their own for each person. After sending, the dialog opens its roll-up.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import RadioGroup from '@mui/material/RadioGroup';
import Radio from '@mui/material/Radio';
import FormControlLabel from '@mui/material/FormControlLabel';
import type { AnnouncementDetail, Priority } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { JalaliDateField } from '../../app/JalaliDateField';
import { formErrors } from '../../app/formErrors';
import { PeoplePicker, type PersonOrGroup } from './PeoplePicker';
import { FormDialog } from '../../app/FormDialog';
import { PriorityField, SubjectField } from './TaskFields';
import { announcementWouldLose } from './unsavedInput';

export function AnnouncementDialog({ onClose, onSent }: { onClose(): void; onSent(a: AnnouncementDetail): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [everyone, setEveryone] = useState(true);
  const [audience, setAudience] = useState<PersonOrGroup[]>([]);
  const [deadline, setDeadline] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('tasks.announce', {
      subject,
      priority,
      audience: everyone
        ? { everyone: true }
        : {
            userIds: audience.filter((a) => a.kind === 'user').map((a) => a.id),
            groupIds: audience.filter((a) => a.kind === 'group').map((a) => a.id),
          },
      ...(body.trim() ? { body } : {}),
      ...(deadline.trim() ? { deadline } : {}),
    });
    setBusy(false);
    if (r.ok) return onSent(r.value);
    const { fields, summary: s } = formErrors(r.error);
    setErrors(fields);
    setSummary(s ?? fields.audience ?? null);
  };

  return (
    <FormDialog
      testIds={{ dialog: 'announce-dialog', error: 'announce-error', save: 'announce-send' }}
      title={t('tasks.announce.title')}
      dirty={announcementWouldLose({ subject, body, audience, deadline, priority })}
      summary={summary}
      busy={busy}
      submitLabel={t('tasks.announce.send')}
            onSubmit={submit}
      onClose={onClose}
    >
      <SubjectField value={subject} onChange={setSubject} error={errors.subject} testId="announce-subject" />
      <TextField
        label={t('tasks.announce.body')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        multiline
        minRows={3}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'announce-body' } }}
      />
      <RadioGroup row value={everyone ? 'everyone' : 'chosen'} onChange={(_, v) => setEveryone(v === 'everyone')}>
        <FormControlLabel value="everyone" control={<Radio />} label={t('tasks.announce.everyone')} />
        <FormControlLabel value="chosen" control={<Radio />} label={t('tasks.announce.chosen')} data-testid="announce-chosen" />
      </RadioGroup>
      {!everyone && <PeoplePicker label={t('tasks.announce.audience')} value={audience} onChange={setAudience} testId="announce-audience" />}
      <Stack direction="row" spacing={2}>
        <JalaliDateField label={t('tasks.field.deadline')} value={deadline} onChange={setDeadline} error={errors.deadline} testId="announce-deadline" sx={{ flex: 1 }} />
        <PriorityField value={priority} onChange={setPriority} />
      </Stack>
    </FormDialog>
  );
}
