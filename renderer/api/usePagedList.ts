/**
 * A keyset-paged list with "load more", over any RPC method that answers
 * `{ items, next }` (next: the cursor of the following page, null at the end).
 *
 * - The first page is fetched whenever `key` changes or a table in `reads` was written (data.changed,
 *   reconnect). After a change it reloads as many rows as were on screen for this key (up
 *   to MAX_RELOAD), so "load more" progress is not lost.
 * - Answers are kept per key: a late answer for an old key is dropped, and a refetch that
 *   fails keeps what was shown, with the error saying why it may be stale.
 * - "Load more" appends the next page, skipping items already on screen (by `itemKey`):
 *   rows may have shifted between pages when data changed meanwhile.
 * - `pinned` (optional): items fetched alongside the first page and shown before it, e.g.
 *   the exact phone-number matches of a contacts search; shown even when the page fails.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaftarApi } from './connect';
import type { ApiErrorBody, Result } from '../../main/api/rpc';
import { useApi, useFreshness } from './ApiProvider';

/** At most this many rows are reloaded after a change, however many were on screen. */
const MAX_RELOAD = 200;

export interface Page<Item, Cursor> {
  items: Item[];
  next: Cursor | null;
}

export interface PagedListOptions<Item, Cursor> {
  /** The tables the list reads; only their changes reload it (leave out: any change does). */
  reads?: readonly string[];
  /** Stands for everything `fetchPage` and `pinned` read: a new key is a new list. */
  key: string;
  pageSize: number;
  /** One page: the first when `cursor` is null, else the one after `cursor`. */
  fetchPage(api: DaftarApi, cursor: Cursor | null, limit: number): Promise<Result<Page<Item, Cursor>>>;
  itemKey(item: Item): string;
  pinned?: ((api: DaftarApi) => Promise<Item[]>) | undefined;
}

export interface PagedList<Item> {
  items: Item[];
  hasMore: boolean;
  /** True until the first answer for the current key arrives. */
  loading: boolean;
  loadingMore: boolean;
  error: ApiErrorBody | undefined;
  loadMore(): void;
}

interface State<Item, Cursor> {
  key: string;
  items: Item[];
  next: Cursor | null;
  error?: ApiErrorBody;
}

/** `first`, then those of `rest` whose key is not in `first`. */
function merge<Item>(first: Item[], rest: Item[], itemKey: (i: Item) => string): Item[] {
  const seen = new Set(first.map(itemKey));
  return [...first, ...rest.filter((i) => !seen.has(itemKey(i)))];
}

export function usePagedList<Item, Cursor>({ key, pageSize, fetchPage, itemKey, pinned, reads }: PagedListOptions<Item, Cursor>): PagedList<Item> {
  const api = useApi();
  const { version } = useFreshness(reads);
  const [state, setState] = useState<State<Item, Cursor> | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // How many rows the list held for which key, so a reload after a change asks for as many.
  const shown = useRef<{ key: string; count: number }>({ key: '', count: 0 });

  useEffect(() => {
    let live = true;
    const count = shown.current.key === key ? shown.current.count : 0;
    const limit = Math.min(MAX_RELOAD, Math.max(pageSize, count));
    const page = fetchPage(api, null, limit);
    void Promise.all([page, pinned ? pinned(api) : []]).then(([r, first]) => {
      if (!live) return;
      if (r.ok) {
        const items = merge(first, r.value.items, itemKey);
        shown.current = { key, count: items.length };
        setState({ key, items, next: r.value.next });
      } else {
        setState((prev) => (prev?.key === key ? { ...prev, error: r.error } : { key, items: first, next: null, error: r.error }));
      }
    });
    return () => {
      live = false;
    };
    // `key` stands for what fetchPage and pinned read (see PagedListOptions.key); the
    // functions themselves are new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, version]);

  const current = state?.key === key ? state : null;
  const next = current?.next ?? null;

  const loadMore = useCallback(() => {
    if (next === null || loadingMore) return;
    setLoadingMore(true);
    void fetchPage(api, next, pageSize).then((r) => {
      setLoadingMore(false);
      setState((prev) => {
        // The list moved on to another key meanwhile: this page belongs to no one.
        if (!prev || prev.key !== key) return prev;
        if (!r.ok) return { ...prev, error: r.error };
        const items = merge(prev.items, r.value.items, itemKey);
        shown.current = { key, count: items.length };
        return { key, items, next: r.value.next };
      });
    });
  }, [api, next, loadingMore, key, pageSize, fetchPage, itemKey]);

  return {
    items: current?.items ?? [],
    hasMore: next !== null,
    loading: current === null,
    loadingMore,
    error: current?.error,
    loadMore,
  };
}
