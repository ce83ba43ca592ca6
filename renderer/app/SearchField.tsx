/**
 * The search box of the dashboard's quick search and of the contacts page: a search-type
 * text field with the magnifier at its start, so both look and behave alike.
 */
import TextField from '@mui/material/TextField';
import InputAdornment from '@mui/material/InputAdornment';
import Search from '@mui/icons-material/Search';
import type { SxProps, Theme } from '@mui/material/styles';

export interface SearchFieldProps {
  label: string;
  placeholder: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
  sx?: SxProps<Theme>;
  /** data-testid of the <input> itself (what the e2e tests type into). */
  inputTestId?: string;
}

export function SearchField({ label, placeholder, value, onChange, autoFocus, sx, inputTestId }: SearchFieldProps) {
  return (
    <TextField
      type="search"
      label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      autoFocus={autoFocus}
      sx={sx}
      slotProps={{
        input: {
          startAdornment: (
            <InputAdornment position="start">
              <Search />
            </InputAdornment>
          ),
        },
        ...(inputTestId ? { htmlInput: { 'data-testid': inputTestId } } : {}),
      }}
    />
  );
}
