/**
 * My reminders on one item (a task, an identity, an appointment…) and a form to add one
 * at a chosen day and time. Other features put it on their item pages.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import Button from '@mui/material/Button';
import AlarmAddOutlined from '@mui/icons-material/AlarmAddOutlined';
import type { ItemRef } from '../../../main/contract';
import { ReminderFields, ReminderList, useReminderForm } from './ReminderForm';

export function ItemReminders({ item }: { item: ItemRef }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const form = useReminderForm(item, () => setAdding(false));

  return (
    <Stack spacing={1} data-testid="item-reminders">
      <ReminderList item={item} />
      {adding ? (
        <Stack component="form" onSubmit={form.submit} spacing={1} noValidate>
          <ReminderFields form={form} />
          <Stack direction="row" spacing={1}>
            <Button type="submit" variant="contained" disabled={form.busy} data-testid="reminder-save">
              {t('reminders.save')}
            </Button>
            <Button onClick={() => setAdding(false)}>{t('common.cancel')}</Button>
          </Stack>
        </Stack>
      ) : (
        <Button
          startIcon={<AlarmAddOutlined />}
          onClick={() => {
            form.suggestTime();
            setAdding(true);
          }}
          sx={{ alignSelf: 'flex-start' }}
          data-testid="reminder-add"
        >
          {t('reminders.add')}
        </Button>
      )}
    </Stack>
  );
}
