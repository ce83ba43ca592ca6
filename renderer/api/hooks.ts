/**
 * Small data hooks over the RPC: a query refetches when its input changes, when a table
 * it reads was written (data.changed, coalesced), and after a reconnect. Results are kept
 * per input, so a refetch after a change does not blank the screen. A `keep` query also
 * leaves its answer in the shared cache (queryCache.ts): the next component that asks the
 * same thing shows it at once, without asking, while nothing it reads has changed.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Input, MethodName, Output } from '../../main/contract';
import type { ApiErrorBody, Result } from '../../main/api/rpc';
import { useApi, useFreshness, useQueryCache } from './ApiProvider';
import type { QueryCache } from './queryCache';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiErrorBody | undefined;
  /** True until the first answer for the current input arrives. */
  loading: boolean;
  refetch(): void;
  /** Shows a value the caller already has (a write's answer) without asking again. */
  replace(value: T): void;
}

export type QueryOptions = (
  | {
      /** The tables this query reads; only their changes refetch it. Leave out: any change does. */
      reads?: readonly string[];
      keep?: false;
    }
  | {
      reads: readonly string[];
      /**
       * Share the answer through the cache (lookups a page needs before it can draw). Needs
       * `reads`: the cache can only tell a kept answer is still true from the tables it reads.
       */
      keep: true;
    }
) & {
  /**
   * Ask while the component is first drawn, not after (queryCache.ts, ask / take): for the
   * data a crowded page waits on, so the round trip overlaps the page's own mounting.
   */
  early?: boolean;
};

interface Answer<T> {
  key: string;
  data?: T;
  error?: ApiErrorBody;
  /** Taken from the cache, not asked for by this component. */
  fromKept?: boolean;
}

function keptAnswer<T>(keep: boolean, key: string | null, cache: QueryCache): Answer<T> | null {
  if (!keep || key === null) return null;
  const hit = cache.get(key);
  return hit ? { key, data: hit.data as T, fromKept: true } : null;
}

/** `input` null: do not call (yet). */
export function useQuery<M extends MethodName>(method: M, input: Input<M> | null, options: QueryOptions = {}): QueryState<Output<M>> {
  const api = useApi();
  const cache = useQueryCache();
  const { reads } = options;
  const keep = options.keep === true;
  const freshness = useFreshness(reads);
  const version = freshness.version;
  const [nonce, setNonce] = useState(0);
  const key = input === null ? null : `${method}:${JSON.stringify(input)}`;
  const [answer, setAnswer] = useState<Answer<Output<M>> | null>(() => keptAnswer(keep, key, cache));
  if (answer?.key !== key) {
    // A new input with a kept answer: show it in this very render (React re-renders at once).
    const kept = keptAnswer<Output<M>>(keep, key, cache);
    if (kept) setAnswer(kept);
    // Otherwise send the question now rather than after the page has mounted. Sending from a
    // render is harmless here: the cache sends each question once, however often this runs.
    else if (options.early && key !== null && input !== null) cache.ask(key, reads, () => api.call(method, input));
  }

  useEffect(() => {
    if (key === null || input === null) return;
    // On screen is the cache's answer and nothing it reads has changed since: no need to ask.
    if (keep && answer?.key === key && answer.fromKept && cache.get(key)) return;
    let live = true;
    const early = options.early ? cache.take<Result<Output<M>>>(key) : undefined;
    const asked = early?.at ?? cache.mark();
    void (early?.answer ?? api.call(method, input)).then((r) => {
      if (!live) return;
      if (r.ok && keep && reads) cache.put(key, r.value, reads, asked);
      setAnswer((prev) =>
        r.ok
          ? { key, data: r.value }
          : // Keep what was shown for this input; the error says why it may be stale.
            { key, data: prev?.key === key ? prev.data : undefined, error: r.error },
      );
    });
    return () => {
      live = false;
    };
    // `key` stands for `input` (same JSON), so a new object with equal content does not refetch;
    // `answer` is read only to skip a call the cache makes unneeded, never to make one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, method, key, version, nonce]);

  const refetch = useCallback(() => {
    // Asked for again on purpose: a kept answer must not stand in for the new one.
    if (key !== null) cache.forget(key);
    setNonce((n) => n + 1);
  }, [cache, key]);
  const { seen } = freshness;
  // The content of `reads`: callers pass a new array literal each render.
  const readsKey = reads?.join(',');
  const replace = useCallback(
    (value: Output<M>) => {
      if (key === null) return;
      // The write that produced `value` has already announced its change: that change is on screen now.
      seen();
      if (keep && readsKey !== undefined) cache.put(key, value, readsKey.split(','), cache.mark());
      setAnswer({ key, data: value });
    },
    [key, seen, keep, cache, readsKey],
  );
  const current = answer?.key === key ? answer : null;
  return { data: current?.data, error: current?.error, loading: key !== null && current === null, refetch, replace };
}

/** The value, once it has stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
