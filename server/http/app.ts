import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DeskSchema } from '../../db/sync/desk-schema';
import {
  CLIENT_HEADER,
  DESK_SCHEMA,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  SCHEMA_HEADER,
  type Hello,
  type PokeFrame,
  type ProblemBody,
  type ProblemCode,
  type SignInResponse,
  type VerifyResponse,
} from '../../db/sync/protocol';
import { SignInAttempts, type BackoffPolicy } from '../accounts/attempts';
import { Organisation } from '../accounts/organisation';
import { CalendarFeeds } from '../calendar/feeds';
import { verifyNothing, verifyPassword } from '../accounts/passwords';
import { Tokens, type TokenOwner } from '../accounts/tokens';
import type { ServerDatabase } from '../database/database';
import { silentLog, type ServerLog } from '../log';
import { said, type ServerMessageKey } from '../messages';
import { ChangeLog } from '../sync/change-log';
import { permissionsOf } from '../sync/permissions';
import { pull, pullJson } from '../sync/pull';
import { FeedCreateSchema, FeedRevokeSchema, firstIssue, PullQuerySchema, PushRequestSchema, SignInSchema, VerifySchema } from './requests';

export interface SyncServerOptions {
  db: ServerDatabase;
  schema?: DeskSchema;
  now?: () => number;
  /** How long a sign-in lasts; 30 days unless told. */
  tokenTtlMs?: number;
  log?: ServerLog;
  /** The slow-down for wrong passwords; server/accounts/attempts.ts DEFAULT_BACKOFF unless told. */
  backoff?: BackoffPolicy;
}

export interface SyncServer {
  readonly db: ServerDatabase;
  readonly organisation: Organisation;
  readonly changes: ChangeLog;
  handle(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Desks connected for pokes, on this instance. */
  pokeClients(): number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const DAY = 24 * 3600 * 1000;

class Problem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly key: ServerMessageKey,
    readonly params: Record<string, string | number> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(key);
  }
}

/**
 * The sync service over HTTP and WebSocket: sign-in, push, pull, and pokes. It keeps no
 * state of its own beyond the database (the WebSocket list is only who to poke here), so
 * several instances can serve one PostgreSQL database side by side.
 */
export function createSyncServer(opts: SyncServerOptions): SyncServer {
  const { db } = opts;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? silentLog;
  const schema = opts.schema ?? new DeskSchema();
  const ownsSchema = !opts.schema;
  const ttl = opts.tokenTtlMs ?? 30 * DAY;
  const changes = new ChangeLog(db, schema, now);
  const tokens = new Tokens(db, now, ttl);
  const organisation = new Organisation(changes, (sql) => new Tokens(sql, now, ttl), now);
  const feeds = new CalendarFeeds(db, now);
  const attempts = new SignInAttempts(db, now, opts.backoff);

  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const sockets = new Set<WebSocket>();
  const unlisten = db.onNotify((head) => {
    const frame = JSON.stringify({ t: 'poke', head } satisfies PokeFrame);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });
  // Dead connections (a laptop closed mid-sync) are found by ping and dropped.
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of sockets) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, 30_000);
  heartbeat.unref();

  function checkVersions(req: IncomingMessage): void {
    const protocol = req.headers[PROTOCOL_HEADER];
    if (protocol !== String(PROTOCOL_VERSION)) {
      throw new Problem(426, 'protocol-mismatch', 'protocol.mismatch', { desk: String(protocol ?? '?'), server: PROTOCOL_VERSION });
    }
    const deskSchema = req.headers[SCHEMA_HEADER];
    if (deskSchema !== DESK_SCHEMA) {
      throw new Problem(409, 'schema-mismatch', 'schema.mismatch', { desk: String(deskSchema ?? '?'), server: DESK_SCHEMA });
    }
  }

  async function authenticate(req: IncomingMessage): Promise<TokenOwner> {
    const header = req.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    const check = await tokens.check(token);
    if (!check.ok) {
      if (check.reason === 'disabled') throw new Problem(403, 'forbidden', 'auth.disabled');
      throw new Problem(401, 'unauthorised', check.reason === 'expired' ? 'auth.expired' : 'auth.required');
    }
    // A token works only from the desk that signed in with it.
    if (req.headers[CLIENT_HEADER] !== check.owner.clientId) throw new Problem(403, 'forbidden', 'client.mismatch');
    return check.owner;
  }

  /**
   * The account whose password this is, or a Problem: 401 wrong or unknown (alike, and as
   * slow), 403 disabled, 429 while the username waits after wrong passwords. The wait is
   * decided before the password is looked at, so a 429 says nothing about it.
   */
  async function checkPassword(username: string, password: string, endpoint: string): Promise<string> {
    const admitted = await attempts.admit(username);
    if (!admitted.ok) {
      const seconds = Math.max(1, Math.ceil(admitted.waitMs / 1000));
      log.warn('password check refused: too many wrong attempts', { username: username.toLowerCase(), endpoint, failures: admitted.failures, seconds });
      throw new Problem(429, 'too-many-attempts', 'auth.tooManyAttempts', { seconds }, { 'Retry-After': String(seconds) });
    }
    const account = await db.get<{ user_id: string; password_hash: string; disabled_at: number | null }>(
      'SELECT user_id, password_hash, disabled_at FROM accounts WHERE username = ?',
      [username],
    );
    const ok = account ? await verifyPassword(password, account.password_hash) : await verifyNothing(password);
    if (!account || !ok) {
      log.warn('wrong password', { username: username.toLowerCase(), endpoint });
      throw new Problem(401, 'unauthorised', 'auth.failed');
    }
    await attempts.clear(username);
    if (account.disabled_at !== null) throw new Problem(403, 'forbidden', 'auth.disabled');
    return account.user_id;
  }

  async function signIn(body: unknown): Promise<SignInResponse> {
    const parsed = SignInSchema.safeParse(body);
    if (!parsed.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(parsed.error) });
    const { username, password, clientId } = parsed.data;
    const userId = await checkPassword(username, password, 'sign-in');
    const bound = await db.transaction(async (tx) => {
      const client = await tx.get<{ user_id: string }>('SELECT user_id FROM clients WHERE client_id = ?', [clientId]);
      if (client && client.user_id !== userId) return false;
      if (client) await tx.run('UPDATE clients SET last_seen = ? WHERE client_id = ?', [now(), clientId]);
      else await tx.run('INSERT INTO clients (client_id, user_id, first_seen, last_seen) VALUES (?, ?, ?, ?)', [clientId, userId, now(), now()]);
      return true;
    });
    if (!bound) throw new Problem(403, 'forbidden', 'client.otherUser');
    const issued = await tokens.issue({ userId, clientId });
    const user = await db.get<{ fields: string }>("SELECT fields FROM rows WHERE table_name = 'users' AND row_id = ?", [userId]);
    const fields = user ? (JSON.parse(user.fields) as { display_name?: string }) : {};
    log.info('signed in', { userId, clientId });
    return { token: issued.token, expiresAt: issued.expiresAt, user: { id: userId, username, displayName: fields.display_name ?? username } };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://server');
    const route = `${req.method} ${url.pathname}`;
    const feed = /^GET \/feeds\/([\w-]+)\.ics$/.exec(route);
    if (feed) {
      // The secret in the address is the credential: a calendar app cannot sign in.
      const ics = await feeds.render(feed[1]!);
      if (ics === null) throw new Problem(404, 'not-found', 'feed.notFound');
      res.writeHead(200, {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Cache-Control': 'private, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(ics);
      return;
    }
    switch (route) {
      case 'GET /health':
        return send(res, 200, { ok: true });
      case 'GET /sync/hello':
        return send(res, 200, { server: 'daftar', protocol: PROTOCOL_VERSION, schema: DESK_SCHEMA } satisfies Hello);
      case 'POST /auth/sign-in': {
        checkVersions(req);
        return send(res, 200, await signIn(await readJson(req)));
      }
      case 'POST /auth/verify': {
        // A desk's own sign-in, unlock or switch of user asks here first (main/session): the
        // server's word on the password counts, not the verifier the desk keeps for offline.
        checkVersions(req);
        const parsed = VerifySchema.safeParse(await readJson(req));
        if (!parsed.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(parsed.error) });
        const userId = await checkPassword(parsed.data.username, parsed.data.password, 'verify');
        return send(res, 200, { user: { id: userId, username: parsed.data.username } } satisfies VerifyResponse);
      }
      case 'POST /auth/sign-out': {
        checkVersions(req);
        await authenticate(req);
        await tokens.revoke((req.headers.authorization ?? '').slice(7).trim());
        return send(res, 200, {});
      }
      case 'POST /sync/push': {
        checkVersions(req);
        const owner = await authenticate(req);
        const parsed = PushRequestSchema.safeParse(await readJson(req));
        if (!parsed.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(parsed.error) });
        if (parsed.data.clientId !== owner.clientId) throw new Problem(403, 'forbidden', 'client.mismatch');
        const permissions = await permissionsOf(db, owner.userId);
        const results = await changes.accept({ userId: owner.userId, clientId: owner.clientId, permissions }, parsed.data.changes);
        return send(res, 200, { results });
      }
      case 'GET /sync/pull': {
        checkVersions(req);
        const owner = await authenticate(req);
        const q = PullQuerySchema.safeParse(Object.fromEntries(url.searchParams));
        if (!q.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(q.error) });
        const permissions = await permissionsOf(db, owner.userId);
        return sendText(res, 200, pullJson(await pull(db, schema, { userId: owner.userId, clientId: owner.clientId, permissions }, q.data.after, q.data.limit)));
      }
      case 'GET /calendar/feeds': {
        checkVersions(req);
        const owner = await authenticate(req);
        return send(res, 200, { feeds: await feeds.list(owner.userId) });
      }
      case 'POST /calendar/feeds': {
        checkVersions(req);
        const owner = await authenticate(req);
        const parsed = FeedCreateSchema.safeParse(await readJson(req));
        if (!parsed.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(parsed.error) });
        const made = await feeds.create(owner.userId, parsed.data.calendarId);
        if (!made) throw new Problem(403, 'forbidden', 'feed.notAllowed');
        return send(res, 200, { id: made.id, path: `/feeds/${made.secret}.ics` });
      }
      case 'POST /calendar/feeds/revoke': {
        checkVersions(req);
        const owner = await authenticate(req);
        const parsed = FeedRevokeSchema.safeParse(await readJson(req));
        if (!parsed.success) throw new Problem(400, 'invalid-request', 'request.invalid', { detail: firstIssue(parsed.error) });
        if (!(await feeds.revoke(owner.userId, parsed.data.id))) throw new Problem(404, 'not-found', 'feed.notFound');
        return send(res, 200, {});
      }
      default:
        throw new Problem(404, 'not-found', 'request.notFound');
    }
  }

  return {
    db,
    organisation,
    changes,
    handle(req, res) {
      route(req, res).catch((err: unknown) => {
        if (err instanceof Problem) return send(res, err.status, problem(err.code, err.key, err.params), err.headers);
        log.error('request failed', { method: req.method, url: req.url, err });
        send(res, 500, problem('internal', 'request.internal'));
      });
    },
    upgrade(req, socket, head) {
      const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      const url = new URL(req.url ?? '/', 'http://server');
      if (url.pathname !== '/sync/poke') return void refuse('404 Not Found');
      (async () => {
        checkVersions(req);
        await authenticate(req);
      })().then(
        () =>
          wss.handleUpgrade(req, socket, head, (ws) => {
            sockets.add(ws);
            alive.add(ws);
            ws.on('pong', () => alive.add(ws));
            ws.on('close', () => sockets.delete(ws));
            ws.on('error', () => sockets.delete(ws));
            ws.on('message', () => undefined); // desks only listen
            // A desk that (re)connects learns where the server is, and pulls if behind.
            void db.get<{ seq: number }>('SELECT seq FROM head WHERE id = 1').then((h) => {
              if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ t: 'poke', head: Number(h?.seq ?? 0) } satisfies PokeFrame));
            });
          }),
        (err: unknown) => refuse(err instanceof Problem ? `${err.status} ${err.code}` : '500 Internal Server Error'),
      );
    },
    pokeClients: () => sockets.size,
    async close() {
      clearInterval(heartbeat);
      unlisten();
      for (const ws of sockets) ws.terminate();
      wss.close();
      if (ownsSchema) schema.close();
    },
  };
}

function problem(code: ProblemCode, key: ServerMessageKey, params: Record<string, string | number> = {}): ProblemBody {
  return { error: { code, message: said(key, params) } };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendText(res, status, JSON.stringify(body), headers);
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Problem(413, 'too-large', 'request.tooLarge');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Problem(400, 'invalid-request', 'request.invalid', { detail: 'not JSON' });
  }
}
