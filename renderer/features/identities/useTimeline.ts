/**
 * An identity's history, newest first, paged backwards with the `before` cursor.
 * Paging, reloads after a change and "load more" are usePagedList's.
 */
import type { TimelineItem, TimelinePage } from '../../../main/contract';
import { usePagedList, type PagedList } from '../../api/usePagedList';

const PAGE_SIZE = 30;

export function useTimeline(identityId: string): PagedList<TimelineItem> {
  return usePagedList<TimelineItem, NonNullable<TimelinePage['next']>>({
    key: identityId,
    pageSize: PAGE_SIZE,
    fetchPage: (api, before, limit) => api.call('history.timeline', { identityId, ...(before ? { before } : {}), limit }),
    itemKey: (i) => i.key,
  });
}
