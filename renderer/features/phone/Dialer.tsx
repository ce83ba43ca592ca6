/**
 * The dialer: a number field that takes Persian, Arabic or Latin digits with spaces and
 * dashes (the backend reads them all), a keypad, and Enter or the button to call. During a
 * call the keypad sends DTMF instead.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Call from '@mui/icons-material/Call';
import { useApi } from '../../api/ApiProvider';
import { useFormat } from '../../app/useFormat';
import { errorMessage } from '../../app/formErrors';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

export function Keypad({ onKey, testId }: { onKey: (key: string) => void; testId?: string }) {
  const fmt = useFormat();
  return (
    <Box dir="ltr" data-testid={testId} sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 0.5 }}>
      {KEYS.map((k) => (
        <Button key={k} variant="outlined" size="small" onClick={() => onKey(k)} aria-label={k} sx={{ minWidth: 0, fontSize: '1.1rem' }}>
          {fmt.digits(k)}
        </Button>
      ))}
    </Box>
  );
}

export function Dialer({ onCalled, initial = '', autoFocus = false }: { onCalled?: () => void; initial?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const [number, setNumber] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async (e?: FormEvent) => {
    e?.preventDefault();
    if (busy || !number.trim()) return;
    setBusy(true);
    const r = await api.call('phone.dial', { number });
    setBusy(false);
    if (r.ok) {
      setError(null);
      setNumber('');
      onCalled?.();
    } else {
      setError(errorMessage(r.error));
    }
  };

  return (
    <Stack component="form" onSubmit={call} spacing={1} sx={{ width: 240 }} data-testid="dialer">
      <TextField
        label={t('phone.dialer.number')}
        placeholder={t('phone.dialer.placeholder')}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        error={Boolean(error)}
        helperText={error ?? ' '}
        autoFocus={autoFocus}
        size="small"
        slotProps={{ htmlInput: { dir: 'ltr', inputMode: 'tel', 'data-testid': 'dialer-number' } }}
      />
      <Keypad onKey={(k) => setNumber((n) => n + fmt.digits(k))} />
      <Button type="submit" variant="contained" color="success" startIcon={<Call />} disabled={busy || !number.trim()}>
        {t('phone.dialer.call')}
      </Button>
    </Stack>
  );
}
