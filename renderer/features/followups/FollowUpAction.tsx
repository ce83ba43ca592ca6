/**
 * "Follow up" beside a listed item (a call in the call history; an `itemActions`
 * contribution): a dialog with the follow-ups on the item and the follow-up form.
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
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { ItemRef } from '../../../main/contract';
import { GuardedDialog } from '../../app/GuardedDialog';
import { FollowUpFields, FollowUpList, useFollowUpForm } from './FollowUpForm';

export function FollowUpAction({ item, label }: { item: ItemRef; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title={t('followups.followUp')}>
        <IconButton edge="end" aria-label={t('followups.followUp')} onClick={() => setOpen(true)} data-testid="item-follow-up">
          <PlaylistAddCheckOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
      {open && <FollowUpDialog item={item} label={label} onClose={() => setOpen(false)} />}
    </>
  );
}

function FollowUpDialog({ item, label, onClose }: { item: ItemRef; label: string; onClose: () => void }) {
  const { t } = useTranslation();
  const form = useFollowUpForm(item, onClose);
  return (
    // Escape or a click beside it asks before a typed note or date is thrown away.
    <GuardedDialog
      dirty={form.dirty}
      onClose={onClose}
      fullWidth
      maxWidth="xs"
      slotProps={{ paper: { component: 'form', onSubmit: form.submit, noValidate: true, 'data-testid': 'follow-up-dialog' } as object }}
    >
      <DialogTitle>
        {t('followups.followUpOn')} <bdi>{label}</bdi>
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <FollowUpList item={item} />
          <FollowUpFields form={form} autoFocus />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={form.busy || !form.ready} data-testid="followup-save">
          {t('followups.save')}
        </Button>
      </DialogActions>
    </GuardedDialog>
  );
}
