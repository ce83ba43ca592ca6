/**
 * The cartable's state lives in the address (tab, view, filters), so "back" from a task
 * returns to the same list; the rows come page by page (keyset) and refresh when tasks or
 * reminders change.
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TaskCartableTab, TaskStatus } from '../../../main/contract';
import { useQuery } from '../../api/hooks';
import { STATUSES } from './display';

export const TABS: readonly TaskCartableTab[] = ['mine', 'referredByMe', 'createdByMe', 'overdue', 'all'];
export type View = 'grid' | 'kanban';

export interface CartableFilters {
  statuses: TaskStatus[];
  personId: string;
  from: string;
  to: string;
  identityId: string;
  identityName: string;
}

export function useCartableState() {
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as TaskCartableTab) : 'mine';
  const view: View = params.get('view') === 'kanban' ? 'kanban' : 'grid';
  const filters: CartableFilters = {
    statuses: (params.get('status') ?? '').split(',').filter((s): s is TaskStatus => (STATUSES as readonly string[]).includes(s)),
    personId: params.get('person') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    identityId: params.get('identity') ?? '',
    identityName: params.get('identityName') ?? '',
  };
  const set = (patch: Record<string, string>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return { tab, view, filters, set };
}

export const CARTABLE_READS = ['tasks', 'task_assignments', 'reminders'];

export function useCartableRows(tab: TaskCartableTab, filters: CartableFilters, applied: { from: string; to: string }) {
  const input = useMemo(
    () => ({
      tab,
      limit: 200,
      ...(filters.statuses.length ? { statuses: filters.statuses } : {}),
      ...(filters.personId ? { personId: filters.personId } : {}),
      ...(applied.from ? { from: applied.from } : {}),
      ...(applied.to ? { to: applied.to } : {}),
      ...(filters.identityId ? { identityId: filters.identityId } : {}),
    }),
    [tab, filters.statuses, filters.personId, filters.identityId, applied.from, applied.to],
  );
  return useQuery('tasks.cartable', input, { reads: CARTABLE_READS });
}
