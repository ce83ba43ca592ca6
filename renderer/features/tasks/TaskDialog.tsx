/**
 * A new task: subject, description, people or groups to do it, deadline (Jalali),
 * priority, and the identity it concerns. What was typed stays if the backend refuses it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import type { Priority, TaskView } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { GuardedDialog } from '../../app/GuardedDialog';
import { JalaliDateField } from '../../app/JalaliDateField';
import { PRIORITIES } from './display';
import { formErrors } from './formErrors';
import { IdentityPicker, type IdentityChoice } from './IdentityPicker';
import { asRecipients, PeoplePicker, type PersonOrGroup } from './PeoplePicker';
import { newTaskWouldLose } from './unsavedInput';

export function TaskDialog({ onClose, onSaved, identity }: { onClose(): void; onSaved(task: TaskView): void; identity?: IdentityChoice }) {
  const { t } = useTranslation();
  const api = useApi();
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [assignees, setAssignees] = useState<PersonOrGroup[]>([]);
  const [deadline, setDeadline] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [related, setRelated] = useState<IdentityChoice | null>(identity ?? null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const r = await api.call('tasks.create', {
      subject,
      priority,
      assignees: asRecipients(assignees),
      ...(description.trim() ? { description } : {}),
      ...(deadline.trim() ? { deadline } : {}),
      ...(related ? { identityId: related.id } : {}),
    });
    setBusy(false);
    if (r.ok) return onSaved(r.value);
    const { fields, summary: s } = formErrors(r.error);
    setErrors(fields);
    setSummary(s ?? (Object.keys(fields).length > 0 ? r.error.message : null));
  };

  return (
    <GuardedDialog
      dirty={newTaskWouldLose({ subject, description, assignees, deadline, priority, identityId: related?.id ?? null }, identity?.id ?? null)}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="task-dialog-title"
    >
      <form onSubmit={submit} noValidate data-testid="task-dialog">
        <DialogTitle id="task-dialog-title">{t('tasks.new.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {summary && <Alert severity="error">{summary}</Alert>}
            <TextField
              label={t('tasks.field.subject')}
              value={subject}
              onChange={(e) => setSubject(e.target.value)}
              required
              autoFocus
              error={Boolean(errors.subject)}
              helperText={errors.subject}
              slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'task-subject' } }}
            />
            <PeoplePicker label={t('tasks.field.assignees')} value={assignees} onChange={setAssignees} error={errors.assignees} testId="task-assignees" />
            <TextField
              label={t('tasks.field.description')}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              multiline
              minRows={3}
              error={Boolean(errors.description)}
              helperText={errors.description}
              slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'task-description' } }}
            />
            <Stack direction="row" spacing={2}>
              <JalaliDateField
                label={t('tasks.field.deadline')}
                value={deadline}
                onChange={setDeadline}
                error={errors.deadline}
                helperText={t('tasks.field.deadlineHelp')}
                testId="task-deadline"
                sx={{ flex: 1 }}
              />
              <TextField select label={t('tasks.field.priority')} value={priority} onChange={(e) => setPriority(e.target.value as Priority)} sx={{ width: 160 }}>
                {PRIORITIES.map((p) => (
                  <MenuItem key={p} value={p}>
                    {t(`tasks.priority.${p}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Stack>
            <IdentityPicker label={t('tasks.field.identity')} value={related} onChange={setRelated} error={errors.identityId} testId="task-identity" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="task-save">
            {t('tasks.new.save')}
          </Button>
        </DialogActions>
      </form>
    </GuardedDialog>
  );
}
