/**
 * The server under test, on either engine: an embedded SQLite store in a temporary folder,
 * or a database of its own in the suite's PostgreSQL cluster (see postgres-global-setup.ts).
 * And a desk that speaks the protocol by hand, to send what a real desk never would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { ServerDatabase } from '../../server/database/database';
import { openPostgresDatabase } from '../../server/database/postgres';
import { openSqliteDatabase } from '../../server/database/sqlite';
import { createSyncServer, type SyncServer } from '../../server/http/app';
import { listen } from '../../server/listen';
import type { ServerLog } from '../../server/log';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/** Everything a desk's user normally has, and a read-only staff member. */
export const FULL = [
  'identities.read',
  'identities.write',
  'identities.delete',
  'history.read',
  'notes.write',
  'organisation.read',
  'organisation.manage',
];
export const READER = ['identities.read', 'history.read', 'organisation.read'];

/** A database of its own in the suite's cluster; dropped by `drop()`. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = inject('databaseUrl');
  const name = `t_${Math.random().toString(36).slice(2, 12)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface TestServer {
  engine: Engine;
  url: string;
  app: SyncServer;
  db: ServerDatabase;
  /** Same database, new process state: what a restart (or a second instance) sees. */
  restart(): Promise<void>;
  /** Stops answering (the port closes) until `up()`. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export interface StorageHandle {
  /** The SQLite data folder, or the PostgreSQL URL. */
  where: string;
  open(): Promise<ServerDatabase>;
  dispose(): Promise<void>;
}

export async function storage(engine: Engine): Promise<StorageHandle> {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'daftar-server-'));
    return { where: dir, open: async () => openSqliteDatabase(dir), dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = await freshPostgres();
  return { where: db.url, open: () => openPostgresDatabase(db.url), dispose: () => db.drop() };
}

export async function startTestServer(
  engine: Engine,
  opts: { now?: () => number; tokenTtlMs?: number; store?: StorageHandle; log?: ServerLog } = {},
): Promise<TestServer> {
  const store = opts.store ?? (await storage(engine));
  let db = await store.open();
  let app = createSyncServer({ db, now: opts.now, tokenTtlMs: opts.tokenTtlMs, log: opts.log });
  let running = await listen(app, { port: 0 });
  const port = running.port;
  let isUp = true;
  const stop = async () => {
    if (!isUp) return;
    isUp = false;
    await running.close();
    await app.close();
    await db.close();
  };
  const start = async () => {
    if (isUp) return;
    db = await store.open();
    app = createSyncServer({ db, now: opts.now, tokenTtlMs: opts.tokenTtlMs, log: opts.log });
    running = await listen(app, { port });
    server.app = app;
    server.db = db;
    isUp = true;
  };
  const server: TestServer = {
    engine,
    url: running.url,
    app,
    db,
    async restart() {
      await stop();
      await start();
    },
    down: stop,
    up: start,
    async close() {
      await stop();
      if (!opts.store) await store.dispose();
    },
  };
  return server;
}

/** Makes a user with a role of these permissions; answers the user's id. */
export async function addUser(app: SyncServer, username: string, permissions: string[], password = 'password-1234'): Promise<string> {
  const role = `role-of-${username}`;
  await app.organisation.createRole(role, permissions);
  const user = await app.organisation.createUser({ username, displayName: `کاربر ${username}`, password, roles: [role] });
  return user.id;
}

export { RawDesk, rowId, type HttpAnswer } from './raw-desk';
