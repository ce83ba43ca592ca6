/**
 * What the task feature's three forms (new task, referral, announcement) share: a guarded
 * dialog around one form — Escape or a click beside it asks before typed input is lost —
 * with a title, the backend's summary error on top, and Cancel / submit at the bottom; and
 * the subject and priority fields they have in common.
 */
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import DialogTitle from '@mui/material/DialogTitle';
import DialogContent from '@mui/material/DialogContent';
import DialogActions from '@mui/material/DialogActions';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Button from '@mui/material/Button';
import Alert from '@mui/material/Alert';
import type { Priority } from '../../../main/contract';
import { GuardedDialog } from '../../app/GuardedDialog';
import { PRIORITIES } from './display';

export function TaskFormDialog(props: {
  /** Prefix of the form's test ids: `<name>-dialog`, `<name>-dialog-title`, `<name>-error`. */
  name: string;
  title: ReactNode;
  dirty: boolean;
  summary: string | null;
  busy: boolean;
  submitLabel: string;
  submitTestId: string;
  onSubmit(e: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${props.name}-dialog-title`;
  return (
    <GuardedDialog dirty={props.dirty} onClose={props.onClose} fullWidth maxWidth="sm" aria-labelledby={titleId}>
      <form onSubmit={props.onSubmit} noValidate data-testid={`${props.name}-dialog`}>
        <DialogTitle id={titleId}>{props.title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {props.summary && (
              <Alert severity="error" data-testid={`${props.name}-error`}>
                {props.summary}
              </Alert>
            )}
            {props.children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={props.busy} data-testid={props.submitTestId}>
            {props.submitLabel}
          </Button>
        </DialogActions>
      </form>
    </GuardedDialog>
  );
}

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
