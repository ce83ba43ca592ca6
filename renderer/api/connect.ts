/**
 * How the renderer reaches the backend. In the desktop app the preload hands us
 * window.daftar. Under the web host there is no preload: the page is opened as
 * http://127.0.0.1:PORT/#token=TOKEN and talks to ws://HOST/rpc?token=TOKEN through the
 * same RpcClient the preload uses, reconnecting with backoff when the socket drops.
 */
import { RpcClient, type DaftarApi as AnyDaftarApi } from '../../main/api/client';
import type { Contract, Events } from '../../main/contract';

/** window.daftar, typed by this app's contract. */
export type DaftarApi = AnyDaftarApi<Contract, Events>;
import type { CallFrame } from '../../main/api/rpc';

export type ConnectionStatus = 'connecting' | 'open' | 'closed' | 'no-token';

export interface Connection {
  api: DaftarApi;
  status(): ConnectionStatus;
  /** Called on every status change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

declare global {
  interface Window {
    daftar?: DaftarApi;
  }
}

const TOKEN_KEY = 'daftar.token';

/**
 * Takes the token out of the address (so it is not left in the visible URL or copied
 * along with it) and keeps it in sessionStorage, so a reload of the tab still connects.
 * Must run before the hash router reads the hash.
 */
export function takeTokenFromLocation(): string | null {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash.startsWith('/') ? '' : hash);
  const fromHash = params.get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function statusStore(initial: ConnectionStatus) {
  let status = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => status,
    set(next: ConnectionStatus) {
      if (next === status) return;
      status = next;
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 5000;

function connectWebSocket(token: string): Connection {
  const store = statusStore('connecting');
  let socket: WebSocket | null = null;
  // Calls made while the socket is (re)opening wait here instead of failing.
  let queue: CallFrame[] = [];
  let retryMs = RETRY_FIRST_MS;

  const client = new RpcClient<Contract, Events>({
    send(frame) {
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
      else queue.push(frame);
    },
  });

  const open = () => {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = RETRY_FIRST_MS;
      const waiting = queue;
      queue = [];
      for (const frame of waiting) ws.send(JSON.stringify(frame));
      store.set('open');
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      try {
        client.receive(JSON.parse(ev.data));
      } catch {
        // A frame that is not JSON is dropped, as the backend drops ours.
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Every call in flight (sent or queued) fails now rather than hanging.
      queue = [];
      client.disconnected();
      store.set('closed');
      setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  };
  open();

  return {
    api: { call: (m, input) => client.call(m, input), on: (e, l) => client.on(e, l) },
    status: store.get,
    subscribe: store.subscribe,
  };
}

/** A connection that never opens: the page was opened without the web host's link. */
function noConnection(): Connection {
  const error = { code: 'unavailable' as const, message: 'ارتباط با سرویس برنامه برقرار نیست.' };
  return {
    api: {
      call: (() => Promise.resolve({ ok: false, error })) as DaftarApi['call'],
      on: () => () => {},
    },
    status: () => 'no-token',
    subscribe: () => () => {},
  };
}

export function connect(): Connection {
  if (window.daftar) {
    const api = window.daftar;
    return { api, status: () => 'open', subscribe: () => () => {} };
  }
  const token = takeTokenFromLocation();
  return token ? connectWebSocket(token) : noConnection();
}
