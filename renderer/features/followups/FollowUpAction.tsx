/**
 * "Follow up" beside a listed item (a call in the call history; an `itemActions`
 * contribution): a dialog with the follow-ups on the item and the follow-up form.
 */
import { useTranslation } from 'react-i18next';
import PlaylistAddCheckOutlined from '@mui/icons-material/PlaylistAddCheckOutlined';
import type { ItemRef } from '../../../main/contract';
import { ItemActionDialog } from '../../app/ItemActionDialog';
import { FollowUpFields, FollowUpList, useFollowUpForm } from './FollowUpForm';

export function FollowUpAction({ item, label }: { item: ItemRef; label: string }) {
  const { t } = useTranslation();
  return (
    <ItemActionDialog
      label={t('followups.followUp')}
      icon={<PlaylistAddCheckOutlined fontSize="small" />}
      title={t('followups.followUpOn')}
      itemLabel={label}
      saveLabel={t('followups.save')}
      testIds={{ button: 'item-follow-up', dialog: 'follow-up-dialog', save: 'followup-save' }}
      item={item}
      useForm={useFollowUpForm}
    >
      {(form) => (
        <>
          <FollowUpList item={item} />
          <FollowUpFields form={form} autoFocus />
        </>
      )}
    </ItemActionDialog>
  );
}
