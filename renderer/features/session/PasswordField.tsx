/**
 * A password box: always left-to-right (passwords are typed as they are, whatever the page
 * direction), never autocorrected, with a button that shows what was typed.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';

type Props = Omit<TextFieldProps, 'type' | 'onChange' | 'value'> & {
  value: string;
  onChange(value: string): void;
  testId: string;
  autoComplete: 'current-password' | 'new-password';
};

export function PasswordField({ value, onChange, testId, autoComplete, ...rest }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <TextField
      {...rest}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      fullWidth
      slotProps={{
        htmlInput: { dir: 'ltr', autoComplete, spellCheck: false, autoCapitalize: 'off', 'data-testid': testId },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton
                onClick={() => setShown((s) => !s)}
                edge="end"
                size="small"
                aria-label={shown ? t('session.hidePassword') : t('session.showPassword')}
              >
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
