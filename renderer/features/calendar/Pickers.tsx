/**
 * Pickers for people: users from the organisation, identities searched as one types (the
 * backend folds Persian/Arabic letter variants), one or several at once (filters).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useDebounced, useQuery } from '../../api/hooks';

export interface Option {
  id: string;
  name: string;
}

function useIdentitySearch() {
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const query = useDebounced(typed.trim(), 250);
  const list = useQuery('identities.list', open ? { limit: 20, ...(query ? { query } : {}) } : null, { reads: ['identities'] });
  const options: Option[] = (list.data?.items ?? []).map((i) => ({ id: i.id, name: i.displayName }));
  return {
    inputValue: typed,
    onInputChange: (_: unknown, v: string) => setTyped(v),
    open,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    options,
    loading: open && list.loading,
    // The backend already filtered; filtering again here would undo its letter folding.
    filterOptions: (x: Option[]) => x,
    getOptionLabel: (o: Option) => o.name,
    isOptionEqualToValue: (a: Option, b: Option) => a.id === b.id,
  };
}

export function IdentityPicker(props: { label: string; value: Option | null; onChange(v: Option | null): void; testId?: string }) {
  const { t } = useTranslation();
  const search = useIdentitySearch();
  return (
    <Autocomplete
      {...search}
      value={props.value}
      onChange={(_, v) => props.onChange(v)}
      noOptionsText={t('calendar.noMatches')}
      loadingText={t('calendar.loading')}
      size="small"
      renderInput={(params) => <TextField {...params} label={props.label} data-testid={props.testId} />}
      sx={{ minWidth: 200 }}
    />
  );
}

export function IdentitiesPicker(props: { label: string; value: Option[]; onChange(v: Option[]): void; testId?: string }) {
  const { t } = useTranslation();
  const search = useIdentitySearch();
  return (
    <Autocomplete
      {...search}
      multiple
      value={props.value}
      onChange={(_, v) => props.onChange(v)}
      noOptionsText={t('calendar.noMatches')}
      loadingText={t('calendar.loading')}
      size="small"
      renderInput={(params) => <TextField {...params} label={props.label} data-testid={props.testId} />}
      sx={{ minWidth: 200 }}
    />
  );
}

interface UserOption {
  id: string;
  displayName: string;
}

export function UserPicker(props: { label: string; users: UserOption[]; value: string | null; onChange(v: string | null): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Autocomplete
      value={props.users.find((u) => u.id === props.value) ?? null}
      onChange={(_, v) => props.onChange(v?.id ?? null)}
      options={props.users}
      getOptionLabel={(u) => u.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('calendar.noMatches')}
      size="small"
      renderInput={(params) => <TextField {...params} label={props.label} data-testid={props.testId} />}
      sx={{ minWidth: 200 }}
    />
  );
}

export function UsersPicker(props: { label: string; users: UserOption[]; value: string[]; onChange(v: string[]): void; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Autocomplete
      multiple
      value={props.users.filter((u) => props.value.includes(u.id))}
      onChange={(_, v) => props.onChange(v.map((u) => u.id))}
      options={props.users}
      getOptionLabel={(u) => u.displayName}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('calendar.noMatches')}
      size="small"
      renderInput={(params) => <TextField {...params} label={props.label} data-testid={props.testId} />}
      sx={{ minWidth: 200 }}
    />
  );
}
