/**
 * A reminder about a person, as a new-item form (`newItemForms`): the screen pop can open it
 * for the caller ("remind me to call her back at four"). The reminder hangs on the identity
 * item and opens it when due.
 */
import { useTranslation } from 'react-i18next';
import type { NewItemFormProps } from '../../app/feature';
import { ItemFormDialog } from '../../app/ItemActionDialog';
import { ReminderFields, ReminderList, useReminderForm } from './ReminderForm';

export function NewReminderDialog({ identity, onClose }: NewItemFormProps) {
  const { t } = useTranslation();
  const item = { kind: 'identity', id: identity.id };
  return (
    <ItemFormDialog
      item={item}
      title={t('reminders.remindAbout')}
      itemLabel={identity.displayName}
      saveLabel={t('reminders.save')}
      testIds={{ dialog: 'remind-dialog', save: 'reminder-save' }}
      useForm={useReminderForm}
      onClose={onClose}
    >
      {(form) => (
        <>
          <ReminderList item={item} />
          <ReminderFields form={form} autoFocus />
        </>
      )}
    </ItemFormDialog>
  );
}
