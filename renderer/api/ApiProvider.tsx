/**
 * Hands the backend connection to the component tree, and keeps one "data version" that
 * moves whenever what is on screen may be stale: the backend said data changed, or the
 * connection came back after a drop (changes may have happened meanwhile).
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import type { DaftarApi } from '../../main/api/client';
import type { Connection, ConnectionStatus } from './connect';

interface ApiContextValue {
  connection: Connection;
  version: { get(): number; subscribe(l: () => void): () => void };
}

const ApiContext = createContext<ApiContextValue | null>(null);

function dataVersion(connection: Connection) {
  let version = 0;
  const listeners = new Set<() => void>();
  const bump = () => {
    version += 1;
    for (const l of listeners) l();
  };
  connection.api.on('data.changed', bump);
  // A new user (or the same one after unlocking) may see other things: everything is read
  // again. Locking and signing out change nothing on screen, which stays as it was under the lock.
  connection.api.on('session.changed', (p) => {
    if (p.state === 'signed-in') bump();
  });
  let last = connection.status();
  connection.subscribe(() => {
    const now = connection.status();
    if (now === 'open' && last !== 'open') bump();
    last = now;
  });
  return {
    get: () => version,
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function ApiProvider({ connection, children }: { connection: Connection; children: ReactNode }) {
  const value = useMemo(() => ({ connection, version: dataVersion(connection) }), [connection]);
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

/** Increases when data may have changed; queries refetch when it moves. */
export function useDataVersion(): number {
  const { version } = useApiContext();
  return useSyncExternalStore(version.subscribe, version.get);
}
