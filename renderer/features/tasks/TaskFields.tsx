/**
 * The fields the task feature's forms (new task, announcement) have in common: subject and
 * priority. The forms' frame is renderer/app/FormDialog.
 */
import { useTranslation } from 'react-i18next';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import type { Priority } from '../../../main/contract';
import { PRIORITIES } from './display';

export function SubjectField({ value, onChange, error, testId }: { value: string; onChange(v: string): void; error?: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <TextField
      label={t('tasks.field.subject')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required
      autoFocus
      error={Boolean(error)}
      helperText={error}
      slotProps={{ htmlInput: { dir: 'auto', 'data-testid': testId } }}
    />
  );
}

export function PriorityField({ value, onChange }: { value: Priority; onChange(p: Priority): void }) {
  const { t } = useTranslation();
  return (
    <TextField select label={t('tasks.field.priority')} value={value} onChange={(e) => onChange(e.target.value as Priority)} sx={{ width: 160 }}>
      {PRIORITIES.map((p) => (
        <MenuItem key={p} value={p}>
          {t(`tasks.priority.${p}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
