/**
 * "Remind me" beside a listed item (a call in the call history; an `itemActions`
 * contribution): a dialog with my reminders on the item and the reminder form.
 */
import { useTranslation } from 'react-i18next';
import AlarmAddOutlined from '@mui/icons-material/AlarmAddOutlined';
import type { ItemRef } from '../../../main/contract';
import { ItemActionDialog } from '../../app/ItemActionDialog';
import { ReminderFields, ReminderList, useReminderForm } from './ReminderForm';

export function RemindAction({ item, label }: { item: ItemRef; label: string }) {
  const { t } = useTranslation();
  return (
    <ItemActionDialog
      label={t('reminders.remindMe')}
      icon={<AlarmAddOutlined fontSize="small" />}
      title={t('reminders.remindAbout')}
      itemLabel={label}
      saveLabel={t('reminders.save')}
      testIds={{ button: 'item-remind', dialog: 'remind-dialog', save: 'reminder-save' }}
      item={item}
      useForm={useReminderForm}
    >
      {(form) => (
        <>
          <ReminderList item={item} />
          <ReminderFields form={form} autoFocus />
        </>
      )}
    </ItemActionDialog>
  );
}
