/** Picks an identity by typing part of its name or number (the identities search). */
import { useState } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import type { IdentitySummary } from '../../../main/contract';
import { useDebounced, useQuery } from '../../api/hooks';

export function IdentitySearch({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: IdentitySummary | null;
  onChange: (identity: IdentitySummary | null) => void;
  testId?: string;
}) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim(), 150);
  const found = useQuery('identities.list', query ? { query, limit: 8 } : null, { reads: ['identities'] });
  return (
    <Autocomplete
      options={found.data?.items ?? (value ? [value] : [])}
      value={value}
      onChange={(_e, v) => onChange(v)}
      inputValue={text}
      onInputChange={(_e, v) => setText(v)}
      getOptionLabel={(o) => o.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(o) => o}
      loading={found.loading}
      renderInput={(params) => (
        <TextField {...params} label={label} size="small" slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': testId } }} />
      )}
    />
  );
}
