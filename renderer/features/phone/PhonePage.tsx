/** The phone page: the calls in progress, the dialer, and the call history. */
import { useTranslation } from 'react-i18next';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CallHistory } from './CallHistory';
import { CurrentCalls } from './CurrentCalls';
import { Dialer } from './Dialer';
import { usePhone } from './phoneState';
import { useRegistrationText } from './PhoneToolbar';

export function PhonePage() {
  const { t } = useTranslation();
  const { status } = usePhone();
  const registration = useRegistrationText(status);
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1" tabIndex={-1}>
        {t('phone.title')}
      </Typography>
      <Typography color="text.secondary" data-testid="registration-detail">
        {registration}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 2 }}>
          <Dialer />
        </Paper>
        <Stack spacing={1} sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="subtitle1" component="h2" sx={{ fontWeight: 700 }}>
            {t('phone.call.current')}
          </Typography>
          <CurrentCalls />
        </Stack>
      </Stack>
      <CallHistory />
    </Stack>
  );
}
