/**
 * Functions that keep their identity from one render to the next and call the newest ones
 * passed in. A memoised child handed these is not drawn again just because its parent was
 * (the calendar's day columns during a drag, its chips and week view while the page opens).
 * The names are fixed at the first render; each call goes to the handler of the last render.
 */
import { useLayoutEffect, useRef, useState } from 'react';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any handler signature
type Handlers = Record<string, (...args: any[]) => unknown>;

export function useStableHandlers<T extends Handlers>(handlers: T): T {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [stable] = useState(() => {
    const out: Handlers = {};
    for (const name of Object.keys(handlers)) out[name] = (...args: unknown[]) => latest.current[name]!(...args);
    return out as T;
  });
  return stable;
}
