/**
 * Choosing a password: typed twice, checked here before it is sent (length, the two the
 * same) so the person sees the mistake at once; the backend checks the length again.
 */
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import { PasswordField } from './PasswordField';

export const MIN_PASSWORD_LENGTH = 8;

export interface NewPassword {
  password: string;
  repeat: string;
}

/** The translation key of what is wrong with a new password, or null. */
export function newPasswordProblem(p: NewPassword): 'session.tooShort' | 'session.mismatch' | null {
  if ([...p.password].length < MIN_PASSWORD_LENGTH) return 'session.tooShort';
  if (p.password !== p.repeat) return 'session.mismatch';
  return null;
}

export function NewPasswordFields({
  value,
  onChange,
  showErrors,
  serverError,
  autoFocus,
}: {
  value: NewPassword;
  onChange(next: NewPassword): void;
  /** Show what is wrong (after a first submit), not while the person is still typing. */
  showErrors: boolean;
  serverError?: string | null;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const problem = showErrors ? newPasswordProblem(value) : null;
  return (
    <Stack spacing={2}>
      <PasswordField
        label={t('session.newPassword')}
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
        testId="new-password"
        autoComplete="new-password"
        autoFocus={autoFocus}
        error={problem === 'session.tooShort' || Boolean(serverError)}
        helperText={problem === 'session.tooShort' ? t(problem) : (serverError ?? t('session.passwordHelp'))}
      />
      <PasswordField
        label={t('session.repeatPassword')}
        value={value.repeat}
        onChange={(repeat) => onChange({ ...value, repeat })}
        testId="repeat-password"
        autoComplete="new-password"
        error={problem === 'session.mismatch'}
        helperText={problem === 'session.mismatch' ? t(problem) : ' '}
      />
    </Stack>
  );
}
