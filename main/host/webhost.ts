/**
 * The web host: the backend plus a static server for the renderer and a WebSocket bridge
 * for the API, on 127.0.0.1 only, guarded by a random per-launch token. It is how the e2e
 * tests drive the real UI in Chromium, and how the UI is worked on without Electron.
 *
 *   node dist/main/webhost.js [--data-dir DIR] [--port N] [--demo]
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocketServer, type WebSocket } from 'ws';
import { version } from '../../package.json';
import type { Backend } from '../backend';
import { seedDemo, type DemoReport } from '../demo/seed';
import { CONTENT_SECURITY_POLICY } from '../api/csp';
import { defaultDataDir } from './data-dir';
import type { Peers } from './peers';
import { startHostedBackend } from './start-backend';
import { readStatic } from './static-files';

export interface WebHostOptions {
  dataDir: string;
  port?: number;
  demo?: boolean;
  rendererDir?: string;
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  backend: Backend;
  /** What --demo did; absent without it. */
  demo?: DemoReport;
  close(): Promise<void>;
}

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
      ].join('\n')
    : [
        `این پوشه از پیش داده دارد (${dataDir}): داده‌ی نمایشی افزوده نشد و داده‌های موجود دست‌نخورده ماند.`,
        'برای داده‌ی نمایشی، پوشه‌ی تازه‌ای بدهید: --demo --data-dir /tmp/daftar-demo',
        `This folder already has data (${dataDir}): demo data was NOT added, and the existing data is kept as it is.`,
        'For demo data, give a new folder: --demo --data-dir /tmp/daftar-demo',
      ].join('\n');
}

export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const { backend, peers } = await startHostedBackend({ dataDir: opts.dataDir, version });
  let demo: DemoReport | undefined;
  if (opts.demo) {
    demo = seedDemo(backend);
    backend.log.info('demo data', { ...demo });
  }
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const rendererDir = opts.rendererDir ?? fileURLToPath(new URL('../renderer/', import.meta.url));

  let origin = '';
  const server = createServer((req, res) => void serveStatic(req, res, rendererDir));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse('404 Not Found');
    if (!sameToken(url.searchParams.get('token'), token)) return refuse('401 Unauthorized');
    // A page of another site in the same browser must not reach the API even if it guessed the port.
    if (req.headers.origin !== undefined && req.headers.origin !== origin) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => bridge(ws, peers));
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (err) {
    await backend.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    backend,
    ...(demo ? { demo } : {}),
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}

function bridge(ws: WebSocket, peers: Peers): void {
  const peer = peers.connect((frame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let frame: unknown;
    try {
      frame = JSON.parse(String(data));
    } catch {
      return; // not JSON: dropped, like any malformed frame
    }
    void peer.receive(frame);
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

async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const file = await readStatic(root, path);
  if (!file) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end('پیدا نشد');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : file.body);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      demo: { type: 'boolean', default: false },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error('درگاه (--port) باید عددی بین ۰ و ۶۵۵۳۵ باشد. / --port must be a number from 0 to 65535.');
    process.exit(2);
  }
  const dataDir = values['data-dir'] ?? defaultDataDir();
  let host: WebHost;
  try {
    host = await startWebHost({ dataDir, port, demo: values.demo });
  } catch (err) {
    console.error(`دفتر اجرا نشد / Daftar did not start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  console.log(`Daftar (web host) data: ${dataDir}`);
  if (host.demo) console.log(demoNotice(host.demo, dataDir));
  console.log(`Daftar is running at ${host.url}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run as a program only when this file is the entry itself: bundled into another program
// (the bench), import.meta.url is that program's file, and it must not start a host of its own.
const entry = process.argv[1];
if (entry && /[/\\]webhost\.[cm]?[jt]s$/.test(entry) && fileURLToPath(import.meta.url) === entry) {
  void main();
}
