/**
 * Hands the backend connection to the component tree, and the feed of what changed:
 * the backend's data.changed (with the tables written), and a reset when the connection
 * comes back after a drop or another user signs in (anything may be stale then).
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { Connection, ConnectionStatus, DaftarApi } from './connect';
import { ChangeFeed } from './changeFeed';
import { QueryCache } from './queryCache';

interface ApiContextValue {
  connection: Connection;
  feed: ChangeFeed;
  /** Answers of `keep` queries, valid while the feed says nothing they read changed. */
  cache: QueryCache;
}

const ApiContext = createContext<ApiContextValue | null>(null);

function changeFeed(connection: Connection): ChangeFeed {
  const feed = new ChangeFeed();
  connection.api.on('data.changed', (p) => feed.changed(p.tables));
  // A new user (or the same one after unlocking) may see other things: everything is read
  // again. Locking and signing out change nothing on screen, which stays as it was under the lock.
  connection.api.on('session.changed', (p) => {
    if (p.state === 'signed-in') feed.reset();
  });
  let last = connection.status();
  connection.subscribe(() => {
    const now = connection.status();
    if (now === 'open' && last !== 'open') feed.reset();
    last = now;
  });
  return feed;
}

export function ApiProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const value = useMemo(() => {
    const feed = changeFeed(connection);
    return { connection, feed, cache: new QueryCache(feed) };
  }, [connection]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('useApi outside ApiProvider');
  return ctx;
}

export function useApi(): DaftarApi {
  return useApiContext().connection.api;
}

export function useConnectionStatus(): ConnectionStatus {
  const { connection } = useApiContext();
  return useSyncExternalStore(connection.subscribe, connection.status);
}

export function useChangeFeed(): ChangeFeed {
  return useApiContext().feed;
}

export function useQueryCache(): QueryCache {
  return useApiContext().cache;
}

/**
 * A number that moves when data this component shows may have changed: a change to one
 * of the tables it `reads` (undefined: any table), or a reset. `seen()` tells it the data
 * on screen already includes every change so far (a write's own answer), so the change
 * that write caused does not fetch the same record again.
 */
export function useFreshness(reads: readonly string[] | undefined): { version: number; seen(): void } {
  const feed = useChangeFeed();
  const [version, setVersion] = useState(0);
  const mark = useRef({ seq: feed.seq, epoch: feed.epoch });
  const readsKey = reads ? reads.join(',') : '*';
  useEffect(
    () =>
      feed.subscribe(() => {
        const stale = feed.epoch !== mark.current.epoch || feed.touched(readsKey === '*' ? undefined : readsKey.split(','), mark.current.seq);
        mark.current = { seq: feed.seq, epoch: feed.epoch };
        if (stale) setVersion((v) => v + 1);
      }),
    [feed, readsKey],
  );
  return useMemo(
    () => ({
      version,
      seen: () => {
        mark.current = { seq: feed.seq, epoch: feed.epoch };
      },
    }),
    [version, feed],
  );
}
