/**
 * Picks the organisation a person works at, searching organisations as one types (the
 * backend folds Persian/Arabic letter variants, so ي/ی and ك/ک find the same names).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useDebounced, useQuery } from '../../api/hooks';

export interface OrganisationOption {
  id: string;
  displayName: string;
}

interface Props {
  value: OrganisationOption | null;
  onChange(value: OrganisationOption | null): void;
  error?: string;
}

export function OrganisationPicker({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDebounced(typed.trim(), 250);
  const list = useQuery(
    'identities.list',
    open ? { kind: 'organisation', limit: 20, ...(query && query !== value?.displayName ? { query } : {}) } : null,
    { reads: ['identities'] },
  );
  const options: OrganisationOption[] = (list.data?.items ?? []).map((i) => ({ id: i.id, displayName: i.displayName }));

  return (
    <Autocomplete
      value={value}
      onChange={(_, v) => onChange(v)}
      inputValue={typed}
      onInputChange={(_, v) => setTyped(v)}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      options={options}
      loading={open && list.loading}
      // The backend already filtered; filtering again here would undo its letter folding.
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('identityForm.noOrganisations')}
      loadingText={t('common.loading')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={t('identityForm.organisation')}
          error={Boolean(error)}
          helperText={error}
          data-testid="organisation-picker"
        />
      )}
    />
  );
}
