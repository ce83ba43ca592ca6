/**
 * A Jalali date (and maybe time) typed as text: "۱۴۰۴/۰۲/۱۵" or "۱۴۰۴/۰۲/۱۵ ۰۹:۳۰", in
 * Persian or Latin digits. What was typed is kept as typed; the backend says plainly when
 * it is not a real day, and the form shows that under the field. The placeholder is
 * today, written the way the field expects.
 */
import { useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { jalaliInputText } from '../format/jalaliInput';
import { useLanguage } from './AppState';

type Props = Omit<TextFieldProps, 'value' | 'onChange' | 'error'> & {
  value: string;
  onChange(value: string): void;
  withTime?: boolean;
  error?: string | null | undefined;
  testId?: string;
};

export function JalaliDateField({ value, onChange, withTime = false, error, testId, helperText, ...rest }: Props) {
  const language = useLanguage();
  // Today when the field appeared; a placeholder need not follow midnight.
  const [now] = useState(() => Date.now());
  const placeholder = jalaliInputText(now, language, withTime);
  return (
    <TextField
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      error={Boolean(error)}
      helperText={error ?? helperText}
      slotProps={{ htmlInput: { dir: 'ltr', 'data-testid': testId } }}
    />
  );
}
