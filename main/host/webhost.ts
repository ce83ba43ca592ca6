/**
 * The web host: the backend plus a static server for the renderer and a WebSocket bridge
 * for the API, on 127.0.0.1 only, guarded by a random per-launch token. It is how the e2e
 * tests drive the real UI in Chromium, and how the UI is worked on without Electron.
 *
 *   node dist/main/webhost.js [--data-dir DIR] [--port N] [--demo]   (entry: webhost-main.ts)
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { version } from '../../package.json';
import type { Backend } from '../backend';
import { seedDemo, DEMO_PASSWORD, type DemoReport } from '../demo/seed';
import { SECURITY_HEADERS } from '../api/csp';
import { fileLogger, type Logger } from '../api/log';
import { readStaticFile } from '../api/static-guard';
import { explainStartFailure } from '../storage/faults';
import { defaultDataDir } from './data-dir';
import type { Peers } from './peers';
import { startHostedBackend } from './start-backend';

export interface WebHostOptions {
  dataDir: string;
  port?: number;
  demo?: boolean;
  rendererDir?: string;
  /** Tests only: options per capability (a cheap password hash, no background maintenance). */
  capabilityOptions?: Readonly<Record<string, unknown>>;
  /** Where the backend logs (default: logs/backend.log in the data folder). */
  logger?: Logger;
  limits?: Partial<BridgeLimits>;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  backend: Backend;
  /** The windows connected now. */
  peers: Peers;
  /** What --demo did; absent without it. */
  demo?: DemoReport;
  /** The socket the server is bound to (tests check it is loopback). */
  address(): AddressInfo;
  close(): Promise<void>;
}

export interface BridgeLimits {
  /** Calls a connection may have unanswered before the host stops reading from it. */
  maxInFlight: number;
  /** Answers waiting to be read by a client; past this the client is disconnected. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: BridgeLimits = { maxInFlight: 64, maxBufferedBytes: 8 * 1024 * 1024 };

/**
 * What --demo tells the person. Demo data goes only into a store without identities; a
 * folder that already has data keeps it untouched (nothing added, nothing removed), and
 * says so, so nobody wonders where the demo people are or fears for their own.
 */
export function demoNotice(report: DemoReport, dataDir: string): string {
  return report.seeded
    ? [
        `داده‌ی نمایشی افزوده شد: ${report.persons} شخص، ${report.organisations} سازمان، ${report.users} کاربر.`,
        `Demo data added: ${report.persons} persons, ${report.organisations} organisations, ${report.users} users.`,
        `Demo users: admin, manager, office, reception, sales1, sales2, finance, support — password / گذرواژه: ${DEMO_PASSWORD}`,
      ].join('\n')
    : [
        `این پوشه از پیش داده دارد (${dataDir}): داده‌ی نمایشی افزوده نشد و داده‌های موجود دست‌نخورده ماند.`,
        'برای داده‌ی نمایشی، پوشه‌ی تازه‌ای بدهید: --demo --data-dir /tmp/daftar-demo',
        `This folder already has data (${dataDir}): demo data was NOT added, and the existing data is kept as it is.`,
        'For demo data, give a new folder: --demo --data-dir /tmp/daftar-demo',
      ].join('\n');
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(24).toString('base64url');
  const rendererDir = opts.rendererDir ?? fileURLToPath(new URL('../renderer/', import.meta.url));
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let backend: Backend | null = null;
  let peers: Peers | null = null;
  let origins = new Set<string>();
  let hosts = new Set<string>();

  const server = createServer((req, res) => {
    if (!hosts.has(req.headers.host ?? '')) return void refuse(res, 421);
    void serveStatic(req, res, rendererDir);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuseUpgrade = (status: string) => {
      const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      socket.end(`HTTP/1.1 ${status}\r\n${headers}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!backend || !peers) return refuseUpgrade('503 Service Unavailable');
    if (url.pathname !== '/rpc') return refuseUpgrade('404 Not Found');
    if (!sameToken(url.searchParams.get('token'), token)) return refuseUpgrade('401 Unauthorized');
    // A page of another site in the same browser must not reach the API even if it guessed
    // the port and the token; a DNS-rebound name is not one of ours either.
    if (!hosts.has(req.headers.host ?? '')) return refuseUpgrade('403 Forbidden');
    if (req.headers.origin !== undefined && !origins.has(req.headers.origin)) return refuseUpgrade('403 Forbidden');
    const b = backend;
    const p = peers;
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, b, p, limits));
  });

  // The port first: a port in use is reported before the store is created or touched.
  await listen(server, opts.port ?? 0);
  const address = server.address() as AddressInfo;
  const port = address.port;
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  let demo: DemoReport | undefined;
  try {
    const hosted = await startHostedBackend({
      dataDir: opts.dataDir,
      version,
      program: 'web host',
      ...(opts.capabilityOptions ? { capabilityOptions: opts.capabilityOptions } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
    });
    backend = hosted.backend;
    peers = hosted.peers;
    if (opts.demo) {
      demo = seedDemo(backend);
      backend.log.info('demo data', { ...demo });
    }
  } catch (err) {
    await backend?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  }
  const b = backend;
  const p = peers;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    backend: b,
    peers: p,
    ...(demo ? { demo } : {}),
    address: () => address,
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await b.close();
    },
  };
}

/**
 * One WebSocket to the backend. Bounded: with `maxInFlight` calls unanswered the host stops
 * reading from the socket until answers go out, and a client that does not read its answers
 * (they pile up past `maxBufferedBytes`) is disconnected, so no client can grow the host's memory.
 */
function bridge(ws: WebSocket, backend: Backend, peers: Peers, limits: BridgeLimits): void {
  let inFlight = 0;
  let paused = false;
  let dropped = false;
  const drop = (why: string) => {
    if (dropped) return;
    dropped = true;
    backend.log.warn('client disconnected', { why, inFlight, bufferedBytes: ws.bufferedAmount });
    ws.terminate();
  };
  const peer = peers.connect((frame) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(JSON.stringify(frame));
    if (ws.bufferedAmount > limits.maxBufferedBytes) drop('answers are not being read');
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary || dropped) return;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return; // not JSON: dropped, like any malformed frame
    }
    inFlight += 1;
    if (inFlight >= limits.maxInFlight && !paused) {
      paused = true;
      ws.pause();
    }
    // ws still delivers the frames of a chunk it had already read; far past the bound is a client to drop.
    if (inFlight > limits.maxInFlight * 16) return drop('too many calls in flight');
    void peer.receive(frame).finally(() => {
      inFlight -= 1;
      if (paused && inFlight <= limits.maxInFlight / 2 && !dropped) {
        paused = false;
        ws.resume();
      }
    });
  });
  ws.on('close', () => peer.close());
  ws.on('error', () => peer.close());
}

function sameToken(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every answer carries the security headers, errors included. */
function refuse(res: ServerResponse, status: 403 | 404 | 405 | 421): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache' });
  res.end(status === 404 ? 'پیدا نشد / Not found' : '');
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405);
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const answer = await readStaticFile(root, path, req.method === 'HEAD');
  // A refused path answers like a missing one: nothing tells a prober what is outside.
  if (answer.status !== 200) return refuse(res, 404);
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': answer.type, 'Cache-Control': 'no-cache' });
  res.end(answer.body ?? undefined);
}

export const USAGE = `استفاده / Usage: node dist/main/webhost.js [--data-dir DIR] [--port N] [--demo]
  --data-dir DIR  پوشهٔ داده‌ها / the data folder (default: ${defaultDataDir()})
  --port N        درگاه روی 127.0.0.1؛ ۰ یعنی هر درگاه آزاد / the port on 127.0.0.1; 0 picks a free one (default 0)
  --demo          یک پوشهٔ خالی را با داده‌های نمونه پر می‌کند / fills an empty folder with demo data
  --help          همین راهنما / this help`;

export interface CliDeps {
  argv: string[];
  out: (line: string) => void;
  err: (line: string) => void;
  exit: (code: number) => void;
  onSignal: (signal: 'SIGINT' | 'SIGTERM', stop: () => void) => void;
}

/** The command line: options checked before anything is opened, every failed start explained and logged. */
export async function main(deps: CliDeps): Promise<WebHost | null> {
  let values: { 'data-dir'?: string; port?: string; demo?: boolean; help?: boolean };
  try {
    values = parseArgs({
      args: deps.argv,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        demo: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    deps.err(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    deps.exit(2);
    return null;
  }
  if (values.help) {
    deps.out(USAGE);
    deps.exit(0);
    return null;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port < 0 || port > 65535) {
    deps.err(`درگاه (--port) باید عددی بین ۰ و ۶۵۵۳۵ باشد. / --port must be a number from 0 to 65535.\n${USAGE}`);
    deps.exit(2);
    return null;
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let host: WebHost;
  try {
    host = await startWebHost({ dataDir, port, demo: values.demo ?? false });
  } catch (err) {
    const why =
      (err as { code?: string }).code === 'EADDRINUSE'
        ? `درگاه ${port} در دست برنامهٔ دیگری است؛ درگاه دیگری بدهید یا --port 0. / Port ${port} is in use by another program; choose another, or --port 0.`
        : explainStartFailure(err, dataDir);
    deps.err(`دفتر اجرا نشد / Daftar did not start:\n${why}`);
    // Also to the log of a folder that exists (a port in use must not create a data folder).
    if (existsSync(dataDir)) {
      fileLogger(join(dataDir, 'logs', 'backend.log'), { src: 'webhost', stderr: () => {} }).error('start failed', { dataDir, port, err });
    }
    deps.exit(1);
    return null;
  }
  deps.out(`Daftar (web host) data: ${dataDir}`);
  if (host.demo) deps.out(demoNotice(host.demo, dataDir));
  deps.out(`Daftar is running at ${host.url}`);
  const stop = () => void host.close().then(() => deps.exit(0));
  deps.onSignal('SIGINT', stop);
  deps.onSignal('SIGTERM', stop);
  return host;
}
