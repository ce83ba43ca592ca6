/**
 * An identity's history, newest first, paged backwards with the `before` cursor. When
 * something changes it reloads the newest entries (as many as were on screen).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TimelineItem, TimelinePage } from '../../../main/api/contract';
import type { ApiErrorBody } from '../../../main/api/rpc';
import { useApi, useDataVersion } from '../../api/ApiProvider';

const PAGE_SIZE = 30;
const MAX_RELOAD = 200;

interface State {
  identityId: string;
  items: TimelineItem[];
  next: TimelinePage['next'];
  error?: ApiErrorBody;
}

export function useTimeline(identityId: string) {
  const api = useApi();
  const version = useDataVersion();
  const [state, setState] = useState<State | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef({ identityId: '', count: 0 });

  useEffect(() => {
    let live = true;
    const count = shown.current.identityId === identityId ? shown.current.count : 0;
    void api
      .call('history.timeline', { identityId, limit: Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, count)) })
      .then((r) => {
        if (!live) return;
        if (r.ok) {
          shown.current = { identityId, count: r.value.items.length };
          setState({ identityId, items: r.value.items, next: r.value.next });
        } else {
          setState((prev) =>
            prev?.identityId === identityId ? { ...prev, error: r.error } : { identityId, items: [], next: null, error: r.error },
          );
        }
      });
    return () => {
      live = false;
    };
  }, [api, identityId, version]);

  const current = state?.identityId === identityId ? state : null;
  const next = current?.next ?? null;

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    void api.call('history.timeline', { identityId, before: next, limit: PAGE_SIZE }).then((r) => {
      setLoadingMore(false);
      setState((prev) => {
        if (!prev || prev.identityId !== identityId) return prev;
        if (!r.ok) return { ...prev, error: r.error };
        const seen = new Set(prev.items.map((i) => i.key));
        const items = [...prev.items, ...r.value.items.filter((i) => !seen.has(i.key))];
        shown.current = { identityId, count: items.length };
        return { identityId, items, next: r.value.next };
      });
    });
  }, [api, identityId, next, loadingMore]);

  return {
    items: current?.items ?? [],
    loading: current === null,
    error: current?.error,
    hasMore: next !== null,
    loadingMore,
    loadMore,
  };
}
