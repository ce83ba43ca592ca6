/**
 * Refer a task on: to (original, may be referred on), copy (for information) and hidden
 * copy (the other recipients do not see it), each a list of people or groups; with a new
 * instruction and deadline. The sender keeps the task.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import TextField from '@mui/material/TextField';
import type { ReferralMode, TaskView } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { JalaliDateField } from '../../app/JalaliDateField';
import { errorMessage, formErrors } from '../../app/formErrors';
import { asRecipients, PeoplePicker, type PersonOrGroup } from './PeoplePicker';
import { FormDialog } from '../../app/FormDialog';
import { referralWouldLose } from './unsavedInput';

const MODES: readonly ReferralMode[] = ['original', 'copy', 'hidden'];

export function ReferDialog({ task, onClose, onSaved }: { task: { id: string; subject: string }; onClose(): void; onSaved(task: TaskView): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { session } = useAppState();
  const [people, setPeople] = useState<Record<ReferralMode, PersonOrGroup[]>>({ original: [], copy: [], hidden: [] });
  const [instruction, setInstruction] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const recipients = MODES.flatMap((mode) => asRecipients(people[mode]).map((r) => ({ ...r, mode })));
    const r = await api.call('tasks.refer', {
      taskId: task.id,
      recipients,
      ...(instruction.trim() ? { instruction } : {}),
      ...(deadline.trim() ? { deadline } : {}),
    });
    setBusy(false);
    if (r.ok) return onSaved(r.value);
    const { fields } = formErrors(r.error);
    setErrors(fields);
    // A cycle or a deleted user names the person in the sentence: show it whole.
    setSummary(errorMessage(r.error));
  };

  return (
    <FormDialog
      testIds={{ dialog: 'refer-dialog', error: 'refer-error', save: 'refer-send' }}
      title={
        <>
          {t('tasks.refer.title')}: <bdi>{task.subject}</bdi>
        </>
      }
      dirty={referralWouldLose({ people, instruction, deadline })}
      summary={summary}
      busy={busy}
      submitLabel={t('tasks.refer.send')}
            onSubmit={submit}
      onClose={onClose}
    >
      {MODES.map((mode) => (
        <PeoplePicker
          key={mode}
          label={t(`tasks.mode.${mode}`)}
          value={people[mode]}
          onChange={(v) => setPeople((p) => ({ ...p, [mode]: v }))}
          testId={`refer-${mode}`}
          exclude={session?.user ? [session.user.id] : []}
          error={mode === 'original' ? errors.recipients : undefined}
        />
      ))}
      <TextField
        label={t('tasks.refer.instruction')}
        value={instruction}
        onChange={(e) => setInstruction(e.target.value)}
        multiline
        minRows={2}
        error={Boolean(errors.instruction)}
        helperText={errors.instruction}
        slotProps={{ htmlInput: { dir: 'auto', 'data-testid': 'refer-instruction' } }}
      />
      <JalaliDateField
        label={t('tasks.refer.deadline')}
        value={deadline}
        onChange={setDeadline}
        error={errors.deadline}
        helperText={t('tasks.refer.deadlineHelp')}
        testId="refer-deadline"
      />
    </FormDialog>
  );
}
