/** Filters of the cartable: status, person, deadline from/to (Jalali), identity. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import MenuItem from '@mui/material/MenuItem';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import ListItemText from '@mui/material/ListItemText';
import type { TaskStatus } from '../../../main/contract';
import { JalaliDateField } from '../../app/JalaliDateField';
import { STATUSES } from './display';
import { IdentityPicker } from './IdentityPicker';
import { usePeopleAndGroups } from './PeoplePicker';
import type { CartableFilters as Filters } from './useCartable';

interface Props {
  filters: Filters;
  set(patch: Record<string, string>): void;
  /** Messages of refused dates, by field (from, to). */
  errors: Record<string, string>;
}

export function CartableFilters({ filters, set, errors }: Props) {
  const { t } = useTranslation();
  const people = usePeopleAndGroups().filter((p) => p.kind === 'user');
  // Dates apply when the field is left, not at every keystroke of "1404/0".
  const [from, setFrom] = useState(filters.from);
  const [to, setTo] = useState(filters.to);
  const any = filters.statuses.length || filters.personId || filters.from || filters.to || filters.identityId;
  return (
    <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1.5, alignItems: 'flex-start' }} data-testid="cartable-filters">
      <TextField
        select
        label={t('tasks.filter.status')}
        value={filters.statuses}
        onChange={(e) => {
          const v = e.target.value as unknown as TaskStatus[] | string;
          set({ status: (typeof v === 'string' ? v.split(',') : v).join(',') });
        }}
        slotProps={{
          select: { multiple: true, renderValue: (v) => (v as TaskStatus[]).map((s) => t(`tasks.status.${s}`)).join(t('common.listSeparator')) },
          htmlInput: { 'data-testid': 'filter-status' },
        }}
        sx={{ width: 200 }}
      >
        {STATUSES.map((s) => (
          <MenuItem key={s} value={s}>
            <Checkbox size="small" checked={filters.statuses.includes(s)} />
            <ListItemText primary={t(`tasks.status.${s}`)} />
          </MenuItem>
        ))}
      </TextField>
      <TextField select label={t('tasks.filter.person')} value={filters.personId} onChange={(e) => set({ person: e.target.value })} sx={{ width: 200 }}>
        <MenuItem value="">{t('tasks.filter.anyone')}</MenuItem>
        {people.map((p) => (
          <MenuItem key={p.id} value={p.id}>
            <bdi>{p.name}</bdi>
          </MenuItem>
        ))}
      </TextField>
      <JalaliDateField
        label={t('tasks.filter.from')}
        value={from}
        onChange={setFrom}
        onBlur={() => set({ from: from.trim() })}
        onKeyDown={(e) => e.key === 'Enter' && set({ from: from.trim() })}
        error={errors.from}
        testId="filter-from"
        sx={{ width: 150 }}
      />
      <JalaliDateField
        label={t('tasks.filter.to')}
        value={to}
        onChange={setTo}
        onBlur={() => set({ to: to.trim() })}
        onKeyDown={(e) => e.key === 'Enter' && set({ to: to.trim() })}
        error={errors.to}
        testId="filter-to"
        sx={{ width: 150 }}
      />
      <div style={{ width: 240 }}>
        <IdentityPicker
          label={t('tasks.filter.identity')}
          value={filters.identityId ? { id: filters.identityId, displayName: filters.identityName } : null}
          onChange={(v) => set({ identity: v?.id ?? '', identityName: v?.displayName ?? '' })}
          testId="filter-identity"
        />
      </div>
      {any ? (
        <Button
          onClick={() => {
            setFrom('');
            setTo('');
            set({ status: '', person: '', from: '', to: '', identity: '', identityName: '' });
          }}
        >
          {t('tasks.filter.clear')}
        </Button>
      ) : null}
    </Stack>
  );
}
