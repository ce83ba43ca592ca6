/**
 * "Remind me" beside a listed item (a call in the call history; an `itemActions`
 * contribution): a dialog with my reminders on the item and the reminder form.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import AlarmAddOutlined from '@mui/icons-material/AlarmAddOutlined';
import type { ItemRef } from '../../../main/contract';
import { GuardedDialog } from '../../app/GuardedDialog';
import { ReminderFields, ReminderList, useReminderForm } from './ReminderForm';

export function RemindAction({ item, label }: { item: ItemRef; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={t('reminders.remindMe')}>
        <IconButton edge="end" aria-label={t('reminders.remindMe')} onClick={() => setOpen(true)} data-testid="item-remind">
          <AlarmAddOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
      {open && <RemindDialog item={item} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}

function RemindDialog({ item, label, onClose }: { item: ItemRef; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useReminderForm(item, onClose);
  return (
    // Escape or a click beside it asks before a changed time or a typed note is thrown away.
    <GuardedDialog
      dirty={form.dirty}
      onClose={onClose}
      fullWidth
      maxWidth="xs"
      slotProps={{ paper: { component: 'form', onSubmit: form.submit, noValidate: true, 'data-testid': 'remind-dialog' } as object }}
    >
      <DialogTitle>
        {t('reminders.remindAbout')} <bdi>{label}</bdi>
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <ReminderList item={item} />
          <ReminderFields form={form} autoFocus />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={form.busy} data-testid="reminder-save">
          {t('reminders.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
