/** One identity (person or organisation), found by typing part of its name or number. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useDebounced, useQuery } from '../../api/hooks';

export interface IdentityChoice {
  id: string;
  displayName: string;
}

export function IdentityPicker({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: IdentityChoice | null;
  onChange(v: IdentityChoice | null): void;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed, 250);
  const found = useQuery('identities.list', { query, limit: 20 }, { reads: ['identities'] });
  const options: IdentityChoice[] = found.data?.items.map((i) => ({ id: i.id, displayName: i.displayName })) ?? [];
  return (
    <Autocomplete
      options={options}
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={typed}
      onInputChange={(_, v) => setTyped(v)}
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('tasks.identity.none')}
      loading={found.loading}
      renderInput={(params) => (
        <TextField
          {...params}
          label={label}
          error={Boolean(error)}
          helperText={error}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }}
        />
      )}
    />
  );
}
