/**
 * The frame of a small form in a dialog: a guarded close (Escape or a click beside it asks
 * before typed input is lost; docs/architecture.md, "The renderer side"), a title, the
 * backend's summary error on top, the fields, and Cancel / submit at the bottom. The task
 * forms, the item forms (reminder, follow-up) and the new-note form all use it.
 */
import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { GuardedDialog } from './GuardedDialog';

export interface FormDialogProps {
  title: ReactNode;
  /** Something typed that closing would lose. */
  dirty: boolean;
  /** A save is on its way: the submit button waits. */
  busy?: boolean;
  /** False while a required field is still empty: the submit button waits. */
  ready?: boolean;
  /** The refusal that belongs to no field, shown above the fields. */
  summary?: string | null;
  submitLabel: string;
  testIds: { dialog: string; save?: string; error?: string };
  maxWidth?: 'xs' | 'sm';
  onSubmit(e: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}

export function FormDialog(props: FormDialogProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <GuardedDialog
      dirty={props.dirty}
      onClose={props.onClose}
      fullWidth
      maxWidth={props.maxWidth ?? 'sm'}
      aria-labelledby={titleId}
      // The paper is the form: Enter in a field submits, and the test id names the whole dialog.
      slotProps={{ paper: { component: 'form', onSubmit: props.onSubmit, noValidate: true, 'data-testid': props.testIds.dialog } as object }}
    >
      <DialogTitle id={titleId}>{props.title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {props.summary && (
            <Alert severity="error" data-testid={props.testIds.error}>
              {props.summary}
            </Alert>
          )}
          {props.children}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={props.busy === true || props.ready === false} data-testid={props.testIds.save}>
          {props.submitLabel}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
