import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { ItemFollowUps } from './ItemFollowUps';

/** Above an identity's history: its follow-ups and a form for a new one. */
export function IdentityFollowUps({ identityId }: { identityId: string }) {
  const { t } = useTranslation();
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('followups.title')}
      </Typography>
      <ItemFollowUps item={{ kind: 'identity', id: identityId }} />
    </Paper>
  );
}
