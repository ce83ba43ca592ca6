/**
 * A follow-up about a person, as a new-item form (`newItemForms`): the screen pop can open it
 * for the caller, so "call him back about the quote" is written while he is on the line.
 * The follow-up hangs on the identity item.
 */
import { useTranslation } from 'react-i18next';
import type { NewItemFormProps } from '../../app/feature';
import { ItemFormDialog } from '../../app/ItemActionDialog';
import { FollowUpFields, FollowUpList, useFollowUpForm } from './FollowUpForm';

export function NewFollowUpDialog({ identity, onClose }: NewItemFormProps) {
  const { t } = useTranslation();
  const item = { kind: 'identity', id: identity.id };
  return (
    <ItemFormDialog
      item={item}
      title={t('followups.followUpOn')}
      itemLabel={identity.displayName}
      saveLabel={t('followups.save')}
      testIds={{ dialog: 'follow-up-dialog', save: 'followup-save' }}
      useForm={useFollowUpForm}
      onClose={onClose}
    >
      {(form) => (
        <>
          <FollowUpList item={item} />
          <FollowUpFields form={form} autoFocus />
        </>
      )}
    </ItemFormDialog>
  );
}
