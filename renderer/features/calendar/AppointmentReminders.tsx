/**
 * An appointment's reminders and follow-ups (mine on it), in its dialog: the reminders and
 * follow-ups features' own panels, attached to the `appointment` item kind.
 */
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { ItemReminders } from '../reminders/ItemReminders';
import { ItemFollowUps } from '../followups/ItemFollowUps';

export function AppointmentReminders({ appointmentId }: { appointmentId: string }) {
  const { t } = useTranslation();
  const item = { kind: 'appointment', id: appointmentId };
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(280px, 1fr))', gap: 2 }} data-testid="appointment-reminders">
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
          {t('calendar.item.reminders')}
        </Typography>
        <ItemReminders item={item} />
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ fontWeight: 700, mb: 1 }}>
          {t('calendar.item.followups')}
        </Typography>
        <ItemFollowUps item={item} />
      </Box>
    </Box>
  );
}
