import { readFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { SyncServer } from './http/app';

export interface ListenOptions {
  host?: string;
  port?: number;
  /** PEM files: with both, the server speaks HTTPS and WSS only. */
  tls?: { certFile: string; keyFile: string };
}

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(app: SyncServer, opts: ListenOptions = {}): Promise<Listening> {
  const server: Server = opts.tls
    ? createHttps({ cert: readFileSync(opts.tls.certFile), key: readFileSync(opts.tls.keyFile), minVersion: 'TLSv1.2' }, app.handle)
    : createHttp(app.handle);
  // Upgraded (WebSocket) connections are no longer the HTTP server's: closing ends them too.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req, socket, head) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    app.upgrade(req, socket, head);
  });
  // Headers of a slow or stalled client are not waited for long; an idle desk's connection
  // is kept a minute (a desk applying a large page of a first sync is idle meanwhile).
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.keepAliveTimeout = 65_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
      }),
  };
}
