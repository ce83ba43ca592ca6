/**
 * Shown in the identity form when a number typed there is already another identity's:
 * who has it, a button to open that record instead (the form closes), and one to save
 * anyway (two people may share an office line). Names are text from the store, never HTML.
 */
import { useTranslation } from 'react-i18next';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { PhoneOwners } from '../../../main/contract';
import { KindIcon, PhoneText } from './display';

interface Props {
  owners: PhoneOwners['owners'];
  onOpen(identityId: string): void;
  onSaveAnyway(): void;
  saving: boolean;
}

export function DuplicatePhones({ owners, onOpen, onSaveAnyway, saving }: Props) {
  const { t } = useTranslation();
  return (
    <Alert
      severity="warning"
      data-testid="duplicate-phones"
      action={
        <Button color="inherit" size="small" onClick={onSaveAnyway} disabled={saving} data-testid="save-anyway" sx={{ whiteSpace: 'nowrap' }}>
          {t('identityForm.duplicate.saveAnyway')}
        </Button>
      }
    >
      <AlertTitle>{t('identityForm.duplicate.title')}</AlertTitle>
      <Stack spacing={1}>
        {owners.map((o) => (
          <Box key={o.e164}>
            <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="duplicate-number">
              <PhoneText display={o.number} />
            </Typography>
            {o.matches.map((m) => (
              <Stack key={m.id} direction="row" spacing={1} sx={{ alignItems: 'center', mt: 0.5 }} data-testid="duplicate-owner">
                <KindIcon kind={m.kind} />
                <Typography variant="body2" sx={{ fontWeight: 600 }}>
                  <bdi>{m.displayName}</bdi>
                </Typography>
                {(m.jobTitle || m.organisationName) && (
                  <Typography variant="body2" color="text.secondary">
                    <bdi>{[m.jobTitle, m.organisationName].filter(Boolean).join(' — ')}</bdi>
                  </Typography>
                )}
                <Button size="small" variant="outlined" color="inherit" onClick={() => onOpen(m.id)}>
                  {t('identityForm.duplicate.open')}
                </Button>
              </Stack>
            ))}
          </Box>
        ))}
        <Typography variant="body2">{t('identityForm.duplicate.hint')}</Typography>
      </Stack>
    </Alert>
  );
}
