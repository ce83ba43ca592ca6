/**
 * The follow-ups on one item (a task, an identity, an appointment…): note, next date,
 * done or not, and a form for a new one. Other features put it on their item pages.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { ItemRef } from '../../../main/contract';
import { FollowUpFields, FollowUpList, useFollowUpForm } from './FollowUpForm';

export function ItemFollowUps({ item }: { item: ItemRef }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const form = useFollowUpForm(item, () => setAdding(false));

  return (
    <Stack spacing={1} data-testid="item-followups">
      <FollowUpList item={item} />
      {adding ? (
        <Stack component="form" onSubmit={form.submit} spacing={1} noValidate>
          <FollowUpFields form={form} />
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={form.busy || !form.ready} data-testid="followup-save">
              {t('followups.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Stack>
        </Stack>
      ) : (
        <Button startIcon={<PlaylistAddCheckOutlined />} onClick={() => setAdding(true)} sx={{ alignSelf: 'flex-start' }} data-testid="followup-add">
          {t('followups.add')}
        </Button>
      )}
    </Stack>
  );
}
