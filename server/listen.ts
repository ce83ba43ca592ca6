import { readFileSync } from 'node:fs';
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
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
  server.on('upgrade', app.upgrade);
  // Headers of a slow or stalled client are not waited for long.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
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
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
