import WebSocket from 'ws';
import {
  CLIENT_HEADER,
  DESK_SCHEMA,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SCHEMA_HEADER,
  type ChangeResult,
  type PokeFrame,
  type ProblemBody,
  type PullResponse,
  type PushChange,
  type CalendarFeedInfo,
  type Said,
  type SignInResponse,
  type VerifyRequest,
  type VerifyResponse,
} from '../../db/sync/protocol';

/**
 * Why talking to the server failed, in the words the desk shows:
 *  - offline: no answer (no network, server down): try again later, nothing is lost;
 *  - signedOut: the server no longer accepts the sign-in: the person must sign in again;
 *  - version: desk and server do not speak the same protocol or schema: update one;
 *  - refused: the server refused the request itself (403, 400);
 *  - server: the server failed; try again later.
 */
export class SyncProblem extends Error {
  constructor(
    readonly kind: 'offline' | 'signedOut' | 'version' | 'refused' | 'server',
    readonly said: Said | null,
    /** The server's HTTP status, when it answered. */
    readonly status: number | null = null,
    /** 429: how long the server asked to wait (its Retry-After), in seconds. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(said?.en ?? kind);
    this.name = 'SyncProblem';
  }
}

const TIMEOUT_MS = 30_000;

/** The protocol's client side (db/sync/protocol.ts), over fetch and a poke WebSocket. */
export class SyncTransport {
  constructor(
    readonly server: string,
    readonly clientId: string,
    private token: string | null = null,
  ) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  private headers(): Record<string, string> {
    return {
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      [SCHEMA_HEADER]: DESK_SCHEMA,
      [CLIENT_HEADER]: this.clientId,
      ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
    };
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T> {
    const send = () =>
      fetch(new URL(path, this.server), {
        method,
        headers: this.headers(),
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    let res: Response;
    try {
      res = await send();
    } catch (err) {
      // A kept-alive connection the server closed while this desk was busy applying a page
      // fails at once; a fresh one is tried before calling the server unreachable. Every
      // request may be repeated: pulls read, pushes are idempotent. A timeout is not retried.
      if (err instanceof Error && err.name === 'TimeoutError') throw new SyncProblem('offline', null);
      try {
        res = await send();
      } catch {
        throw new SyncProblem('offline', null);
      }
    }
    let payload: unknown;
    try {
      payload = await res.json();
    } catch {
      throw new SyncProblem(res.ok ? 'server' : res.status >= 500 ? 'offline' : 'server', null);
    }
    if (res.ok) return payload as T;
    const said = (payload as Partial<ProblemBody>).error?.message ?? null;
    if (res.status === 401) throw new SyncProblem('signedOut', said, res.status);
    if (res.status === 409 || res.status === 426) throw new SyncProblem('version', said, res.status);
    if (res.status >= 500) throw new SyncProblem('server', said, res.status);
    if (res.status === 429) {
      // Too many wrong passwords for the username: an answer, not an outage.
      const seconds = Number(res.headers.get('retry-after'));
      throw new SyncProblem('refused', said, res.status, Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : 1);
    }
    throw new SyncProblem('refused', said, res.status);
  }

  signIn(username: string, password: string): Promise<SignInResponse> {
    return this.request('POST', '/auth/sign-in', { username, password, clientId: this.clientId });
  }

  /**
   * Checks a password on the server for a sign-in at the desk (no token, nothing bound).
   * A person is waiting: an answer later than `timeoutMs` counts as no answer.
   */
  verify(username: string, password: string, timeoutMs: number): Promise<VerifyResponse> {
    return this.request('POST', '/auth/verify', { username, password } satisfies VerifyRequest, timeoutMs);
  }

  async signOut(): Promise<void> {
    await this.request('POST', '/auth/sign-out', {});
  }

  async push(changes: PushChange[]): Promise<ChangeResult[]> {
    const r = await this.request<{ results: ChangeResult[] }>('POST', '/sync/push', { clientId: this.clientId, changes });
    if (!Array.isArray(r.results) || r.results.length !== changes.length) throw new SyncProblem('server', null);
    return r.results;
  }

  pull(after: number, limit: number): Promise<PullResponse> {
    return this.request('GET', `/sync/pull?after=${after}&limit=${limit}`);
  }

  async feeds(): Promise<CalendarFeedInfo[]> {
    return (await this.request<{ feeds: CalendarFeedInfo[] }>('GET', '/calendar/feeds')).feeds;
  }

  createFeed(calendarId: string): Promise<{ id: string; path: string }> {
    return this.request('POST', '/calendar/feeds', { calendarId });
  }

  async revokeFeed(id: string): Promise<void> {
    await this.request('POST', '/calendar/feeds/revoke', { id });
  }

  /**
   * Listens for pokes; reconnects with growing pauses after a drop. `onPoke` hears the
   * server's head on every poke and on every (re)connection, which is when a desk that was
   * cut off should sync.
   */
  listen(onPoke: (head: number) => void, onState: (connected: boolean) => void): { close(): void } {
    let ws: WebSocket | null = null;
    let closed = false;
    let delay = 1000;
    let timer: NodeJS.Timeout | null = null;
    const connect = () => {
      if (closed) return;
      const url = new URL('/sync/poke', this.server);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      ws = new WebSocket(url, { headers: this.headers(), handshakeTimeout: 10_000 });
      ws.on('open', () => {
        delay = 1000;
        onState(true);
      });
      ws.on('message', (data) => {
        try {
          const frame = JSON.parse(String(data)) as Partial<PokeFrame>;
          if (frame.t === 'poke' && typeof frame.head === 'number') onPoke(frame.head);
        } catch {
          // not a poke: ignored
        }
      });
      ws.on('error', () => undefined); // 'close' follows
      ws.on('close', () => {
        ws = null;
        onState(false);
        if (closed) return;
        timer = setTimeout(connect, delay);
        timer.unref?.();
        delay = Math.min(delay * 2, 60_000);
      });
    };
    connect();
    return {
      close: () => {
        closed = true;
        if (timer) clearTimeout(timer);
        ws?.terminate();
      },
    };
  }
}
