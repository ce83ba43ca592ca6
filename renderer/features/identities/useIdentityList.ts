/**
 * The contacts list: keyset pages from identities.list, plus, when the search box holds a
 * phone number, the exact matches of identities.lookupPhone first (a number typed as
 * +98 912…, 0098…, ۰۹۱۲… must find the person whatever format it was saved in).
 * After a change elsewhere it reloads as many rows as were on screen, so "load more"
 * progress is not lost.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IdentityKind, IdentityPage, IdentitySummary } from '../../../main/api/contract';
import type { ApiErrorBody } from '../../../main/api/rpc';
import { useApi, useDataVersion } from '../../api/ApiProvider';
import { looksLikePhone } from '../../format/phone';

export const PAGE_SIZE = 50;
const MAX_RELOAD = 200;

interface ListState {
  key: string;
  items: IdentitySummary[];
  next: IdentityPage['next'];
  error?: ApiErrorBody;
}

export interface IdentityList {
  items: IdentitySummary[];
  hasMore: boolean;
  loading: boolean;
  loadingMore: boolean;
  error: ApiErrorBody | undefined;
  loadMore(): void;
}

function merge(first: IdentitySummary[], rest: IdentitySummary[]): IdentitySummary[] {
  const seen = new Set(first.map((i) => i.id));
  return [...first, ...rest.filter((i) => !seen.has(i.id))];
}

export function useIdentityList(query: string, kind: IdentityKind | undefined): IdentityList {
  const api = useApi();
  const version = useDataVersion();
  const [state, setState] = useState<ListState | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const shown = useRef<{ key: string; count: number }>({ key: '', count: 0 });
  const q = query.trim();
  const key = JSON.stringify([q, kind ?? null]);

  useEffect(() => {
    let live = true;
    const count = shown.current.key === key ? shown.current.count : 0;
    const limit = Math.min(MAX_RELOAD, Math.max(PAGE_SIZE, count));
    const list = api.call('identities.list', { ...(q ? { query: q } : {}), ...(kind ? { kind } : {}), limit });
    const byPhone = looksLikePhone(q) ? api.call('identities.lookupPhone', { number: q }) : null;
    void Promise.all([list, byPhone]).then(([l, p]) => {
      if (!live) return;
      const pinned = p?.ok ? p.value.matches.filter((m) => !kind || m.kind === kind) : [];
      if (l.ok) {
        const items = merge(pinned, l.value.items);
        shown.current = { key, count: items.length };
        setState({ key, items, next: l.value.next });
      } else {
        setState((prev) => ({
          key,
          items: prev?.key === key ? prev.items : pinned,
          next: prev?.key === key ? prev.next : null,
          error: l.error,
        }));
      }
    });
    return () => {
      live = false;
    };
    // `key` stands for q and kind.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, version]);

  const current = state?.key === key ? state : null;
  const next = current?.next ?? null;

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    void api
      .call('identities.list', { ...(q ? { query: q } : {}), ...(kind ? { kind } : {}), after: next, limit: PAGE_SIZE })
      .then((r) => {
        setLoadingMore(false);
        setState((prev) => {
          if (!prev || prev.key !== key) return prev;
          if (!r.ok) return { ...prev, error: r.error };
          const items = merge(prev.items, r.value.items);
          shown.current = { key, count: items.length };
          return { key, items, next: r.value.next };
        });
      });
  }, [api, next, loadingMore, q, kind, key]);

  return {
    items: current?.items ?? [],
    hasMore: next !== null,
    loading: current === null,
    loadingMore,
    error: current?.error,
    loadMore,
  };
}
