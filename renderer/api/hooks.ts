/**
 * Small data hooks over the RPC: a query refetches when its input changes, when a table
 * it reads was written (data.changed, coalesced), and after a reconnect. Results are kept
 * per input, so a refetch after a change does not blank the screen.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Input, MethodName, Output } from '../../main/contract';
import type { ApiErrorBody } from '../../main/api/rpc';
import { useApi, useFreshness } from './ApiProvider';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiErrorBody | undefined;
  /** True until the first answer for the current input arrives. */
  loading: boolean;
  refetch(): void;
  /** Shows a value the caller already has (a write's answer) without asking again. */
  replace(value: T): void;
}

export interface QueryOptions {
  /** The tables this query reads; only their changes refetch it. Leave out: any change does. */
  reads?: readonly string[];
}

interface Answer<T> {
  key: string;
  data?: T;
  error?: ApiErrorBody;
}

/** `input` null: do not call (yet). */
export function useQuery<M extends MethodName>(method: M, input: Input<M> | null, options: QueryOptions = {}): QueryState<Output<M>> {
  const api = useApi();
  const freshness = useFreshness(options.reads);
  const version = freshness.version;
  const [nonce, setNonce] = useState(0);
  const [answer, setAnswer] = useState<Answer<Output<M>> | null>(null);
  const key = input === null ? null : `${method}:${JSON.stringify(input)}`;

  useEffect(() => {
    if (key === null || input === null) return;
    let live = true;
    void api.call(method, input).then((r) => {
      if (!live) return;
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
    // `key` stands for `input` (same JSON), so a new object with equal content does not refetch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, method, key, version, nonce]);

  const refetch = useCallback(() => setNonce((n) => n + 1), []);
  const { seen } = freshness;
  const replace = useCallback(
    (value: Output<M>) => {
      if (key === null) return;
      // The write that produced `value` has already announced its change: that change is on screen now.
      seen();
      setAnswer({ key, data: value });
    },
    [key, seen],
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
