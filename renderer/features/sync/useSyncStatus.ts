import { useEffect } from 'react';
import type { SyncStatus } from '../../../main/contract';
import { useApi } from '../../api/ApiProvider';
import { useQuery } from '../../api/hooks';

/**
 * Where sync stands: asked when shown and after local writes (pending changes), and kept
 * current by the backend's sync.status events; whichever came last is shown.
 */
export function useSyncStatus(): SyncStatus | undefined {
  const api = useApi();
  const { data, replace } = useQuery('sync.status', {}, { reads: ['sync_conflicts'] });
  useEffect(() => api.on('sync.status', (s) => replace(s)), [api, replace]);
  return data;
}
