/**
 * Users and groups (departments) to give a task to: one field, both kinds, searchable.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import Chip from '@mui/material/Chip';
import PersonOutline from '@mui/icons-material/PersonOutlined';
import GroupsOutlined from '@mui/icons-material/GroupsOutlined';
import { useQuery } from '../../api/hooks';

export interface PersonOrGroup {
  kind: 'user' | 'group';
  id: string;
  name: string;
}

export function usePeopleAndGroups(): PersonOrGroup[] {
  const org = useQuery('organisation.get', {}, { reads: ['users', 'groups', 'group_members'] });
  return useMemo(
    () => [
      ...(org.data?.users.filter((u) => u.active).map((u): PersonOrGroup => ({ kind: 'user', id: u.id, name: u.displayName })) ?? []),
      ...(org.data?.groups.map((g): PersonOrGroup => ({ kind: 'group', id: g.id, name: g.name })) ?? []),
    ],
    [org.data],
  );
}

interface Props {
  label: string;
  value: PersonOrGroup[];
  onChange(value: PersonOrGroup[]): void;
  error?: string | undefined;
  testId: string;
  /** Users only (a filter by person). */
  usersOnly?: boolean;
  /** People not offered (the sender). */
  exclude?: readonly string[];
}

export function PeoplePicker({ label, value, onChange, error, testId, usersOnly, exclude = [] }: Props) {
  const { t } = useTranslation();
  const all = usePeopleAndGroups();
  const options = all.filter((o) => (!usersOnly || o.kind === 'user') && !exclude.includes(o.id));
  return (
    <Autocomplete
      multiple
      options={options}
      value={value}
      onChange={(_, v) => onChange(v)}
      groupBy={(o) => t(o.kind === 'user' ? 'tasks.people.users' : 'tasks.people.groups')}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText={t('tasks.people.none')}
      renderOption={({ key, ...props }, o) => (
        <li key={key} {...props} data-testid={`${testId}-option`}>
          {o.kind === 'user' ? <PersonOutline fontSize="small" sx={{ me: 1 }} /> : <GroupsOutlined fontSize="small" sx={{ me: 1 }} />}
          <bdi>{o.name}</bdi>
        </li>
      )}
      renderValue={(v, getItemProps) =>
        v.map((o, index) => {
          const { key, ...itemProps } = getItemProps({ index });
          return <Chip key={key} size="small" icon={o.kind === 'group' ? <GroupsOutlined /> : <PersonOutline />} label={o.name} {...itemProps} />;
        })
      }
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

export const asRecipients = (list: PersonOrGroup[]) => list.map((p) => (p.kind === 'user' ? { userId: p.id } : { groupId: p.id }));
