/**
 * Click-to-call beside a phone number shown anywhere (the identities feature draws numbers
 * and asks every feature's `phoneActions` for buttons; it knows nothing of the phone).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import Call from '@mui/icons-material/Call';
import { useApi } from '../../api/ApiProvider';
import { useAppState } from '../../app/AppState';
import { useFormat } from '../../app/useFormat';

export function CallButton({ number }: { number: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const fmt = useFormat();
  const { can } = useAppState();
  const [error, setError] = useState<string | null>(null);
  if (!can('phone.use')) return null;
  const label = error ?? t('phone.call.clickToCall', { number: fmt.digits(number) });
  return (
    <Tooltip title={label}>
      <IconButton
        size="small"
        color={error ? 'error' : 'success'}
        aria-label={t('phone.call.clickToCall', { number: fmt.digits(number) })}
        data-testid="click-to-call"
        onClick={async (e) => {
          e.stopPropagation();
          e.preventDefault();
          const r = await api.call('phone.dial', { number });
          setError(r.ok ? null : r.error.message);
        }}
      >
        <Call sx={{ fontSize: 16 }} />
      </IconButton>
    </Tooltip>
  );
}
