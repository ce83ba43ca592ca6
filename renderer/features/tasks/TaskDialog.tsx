/**
 * A new task: subject, description, people or groups to do it, deadline (Jalali),
 * priority, and the identity it concerns. What was typed stays if the backend refuses it.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { Priority, TaskView } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import type { NewItemFormProps } from '../../app/feature';
import { JalaliDateField } from '../../app/JalaliDateField';
import { formErrors } from '../../app/formErrors';
import { IdentityPicker, type IdentityChoice } from './IdentityPicker';
import { asRecipients, PeoplePicker, type PersonOrGroup } from './PeoplePicker';
import { FormDialog } from '../../app/FormDialog';
import { PriorityField, SubjectField } from './TaskFields';
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
    <FormDialog
      testIds={{ dialog: 'task-dialog', error: 'task-error', save: 'task-save' }}
      title={t('tasks.new.title')}
      dirty={newTaskWouldLose({ subject, description, assignees, deadline, priority, identityId: related?.id ?? null }, identity?.id ?? null)}
      summary={summary}
      busy={busy}
      submitLabel={t('tasks.new.save')}
            onSubmit={submit}
      onClose={onClose}
    >
      <SubjectField value={subject} onChange={setSubject} error={errors.subject} testId="task-subject" />
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
        <PriorityField value={priority} onChange={setPriority} />
      </Stack>
      <IdentityPicker label={t('tasks.field.identity')} value={related} onChange={setRelated} error={errors.identityId} testId="task-identity" />
    </FormDialog>
  );
}

/** The new-task form among the app's new-item forms (the screen pop): about the given identity. */
export function NewTaskDialog({ identity, onClose }: NewItemFormProps) {
  return <TaskDialog identity={identity} onClose={onClose} onSaved={onClose} />;
}
