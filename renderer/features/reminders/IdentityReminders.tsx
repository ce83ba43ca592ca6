import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ItemReminders } from './ItemReminders';

/** Above an identity's history: my reminders about this person or organisation. */
export function IdentityReminders({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('reminders.mine')}
      </Typography>
      <ItemReminders item={{ kind: 'identity', id: identityId }} />
    </Paper>
  );
}
