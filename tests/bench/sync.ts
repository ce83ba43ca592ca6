/**
 * Sync figures (issue 10): initial_pull against PouchDB's replication of the same documents,
 * push_throughput on SQLite and PostgreSQL, sync_latency from one desk to another, and the
 * size of a desk's store holding synced identities.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Value } from '../../db/sync/protocol';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import type { ServerDatabase } from '../../server/database/database';
import { openPostgresDatabase } from '../../server/database/postgres';
import { openSqliteDatabase } from '../../server/database/sqlite';
import { createSyncServer } from '../../server/http/app';
import { listen } from '../../server/listen';
import { tempDir } from '../api/backend-fixture';
import { RawDesk } from '../server/raw-desk';
import { startDesk } from '../sync/desk';
import { percentile, print } from './figures';
import { postgresCpuMs, startServerProcess, type ServerProcess } from './server-process';

const FULL = ['identities.read', 'identities.write', 'identities.delete', 'history.read', 'notes.write', 'organisation.read'];
const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم', 'رضا', 'سارا', 'حمید', 'نگار', 'مهدی', 'لیلا', 'امیر', 'شیرین'];
const LAST = ['احمدی', 'یزدانی', 'کریمی', 'موسوی', 'رضایی', 'کاظمی', 'نوری', 'صادقی', 'طاهری', 'شریفی', 'کیانی', 'زمانی'];
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The fields of the i-th benchmark person, as a row of `identities`. */
function personRow(i: number): Record<string, Value> {
  const first = FIRST[i % FIRST.length]!;
  const last = `${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
  return { kind: 'person', first_name: first, last_name: last, display_name: `${first} ${last}`, sort_key: `${first} ${last}`, tags: '[]' };
}

/** A server in this process on SQLite in a temporary folder (removed on close). */
async function startServer() {
  const dir = tempDir('bench-server');
  const db = openSqliteDatabase(dir);
  const app = createSyncServer({ db });
  const running = await listen(app, { port: 0 });
  for (const name of ['sara', 'reza']) {
    await app.organisation.createRole(`role-${name}`, FULL);
    await app.organisation.createUser({ username: name, displayName: name, password: 'password-1234', roles: [`role-${name}`] });
  }
  return {
    app,
    url: running.url,
    async close() {
      await app.close();
      await running.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const mb = (file: string) => {
  let size = statSync(file).size;
  try {
    size += statSync(`${file}-wal`).size;
  } catch {
    // no WAL left after a checkpoint
  }
  return round(size / 1e6, 1);
};

/**
 * A store's pages by what they hold (SQLite's dbstat): the change log (outbox and its
 * indexes), the identity rows, their indexes, the full-text indexes, and the rest.
 */
function storeParts(db: { prepare(sql: string): { all(): unknown[] } }): Record<string, number> {
  const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[];
  const objects = new Map(
    (db.prepare("SELECT name, type, tbl_name FROM sqlite_schema").all() as { name: string; type: string; tbl_name: string }[]).map((o) => [o.name, o]),
  );
  const parts: Record<string, number> = { outbox: 0, outbox_indexes: 0, identity_rows: 0, identity_indexes: 0, full_text: 0, other: 0 };
  for (const { name, bytes } of rows) {
    const o = objects.get(name);
    const table = o?.tbl_name ?? name.replace(/^sqlite_autoindex_(.*)_\d+$/, '$1');
    const isIndex = o ? o.type === 'index' : name.startsWith('sqlite_autoindex_');
    const part =
      table === 'change_log' || table === 'change_names'
        ? isIndex ? 'outbox_indexes' : 'outbox'
        : /^identity_(fts|digits)/.test(table)
          ? 'full_text'
          : /^identit(y|ies)/.test(table)
            ? isIndex ? 'identity_indexes' : 'identity_rows'
            : 'other';
    parts[part] = parts[part]! + bytes;
  }
  return Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, round(v / 1e6, 1)]));
}

/** 100,000 rows made on the server, pulled by a fresh desk; PouchDB replicates the same documents. */
async function initialPull(n: number): Promise<void> {
  const server = await startServer();
  const desk = await startDesk('bench-pull');
  try {
    for (let i = 0; i < n; i += 1000) {
      const rows = Array.from({ length: Math.min(1000, n - i) }, (_, k) => ({
        table: 'identities',
        rowId: uuidv7(),
        op: 'insert' as const,
        fields: personRow(i + k),
      }));
      await server.app.changes.transaction((tx) => server.app.changes.write(tx, { userId: null }, rows));
    }
    await desk.sync.signIn({ server: server.url, username: 'sara', password: 'password-1234' });
    await desk.sync.stop(); // timed below, not by its own start
    const t0 = performance.now();
    await desk.sync.syncNow();
    const seconds = (performance.now() - t0) / 1000;
    const count = desk.backend.db.prepare('SELECT count(*) FROM identities').pluck().get() as number;
    if (count < n) throw new Error(`pulled ${count} of ${n}`);
    const pouch = await pouchReplication(n);
    print({
      figure: 'initial_pull',
      unit: 's',
      n,
      value: round(seconds),
      rows_per_s: Math.round(n / seconds),
      baseline: { name: 'pouchdb_replicate', value: round(pouch) },
      speedup: round(pouch / seconds),
    });
  } finally {
    await desk.close();
    await server.close();
  }
}

/** PouchDB (memory adapter) replicating n documents from pouchdb-server --in-memory. */
async function pouchReplication(n: number): Promise<number> {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb') as { new (name: string, opts?: object): PouchLike; plugin(p: unknown): void };
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  const port = await freePort();
  const bin = require.resolve('pouchdb-server/bin/pouchdb-server');
  // pouchdb-server writes log.txt and config.json where it runs: a folder of its own, removed after.
  const where = tempDir('pouchdb-server');
  const child = spawn(process.execPath, [bin, '--in-memory', '-p', String(port), '-o', '127.0.0.1'], { stdio: 'ignore', cwd: where });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        if (i > 150) throw new Error('pouchdb-server did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    const remote = new PouchDB(`http://127.0.0.1:${port}/identities`);
    for (let i = 0; i < n; i += 5000) {
      await remote.bulkDocs(Array.from({ length: Math.min(5000, n - i) }, (_, k) => ({ _id: uuidv7(), ...personRow(i + k) })));
    }
    const local = new PouchDB(`bench-${port}`, { adapter: 'memory' });
    const t0 = performance.now();
    await local.replicate.from(remote);
    const seconds = (performance.now() - t0) / 1000;
    const info = await local.info();
    if (info.doc_count !== n) throw new Error(`PouchDB replicated ${info.doc_count} of ${n}`);
    return seconds;
  } finally {
    child.kill();
    rmSync(where, { recursive: true, force: true });
  }
}

interface PouchLike {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: { from(remote: PouchLike): Promise<unknown> };
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** The bench's two users, made in the server's database before the server process starts. */
async function addBenchUsers(db: ServerDatabase): Promise<void> {
  const app = createSyncServer({ db });
  try {
    for (const name of ['sara', 'reza']) {
      await app.organisation.createRole(`role-${name}`, FULL);
      await app.organisation.createUser({ username: name, displayName: name, password: 'password-1234', roles: [`role-${name}`] });
    }
  } finally {
    await app.close();
  }
}

/**
 * Changes a server accepts per second: batches of 1,000 over HTTP, one desk, then four at
 * once. The server runs in a process of its own, as `npm run server` starts it, so the
 * desks' work (making and sending the batches) is not counted against it; next to the wall
 * clock figures, the CPU time the server process (and PostgreSQL) spent per 1,000 changes,
 * which a loaded machine changes far less.
 */
async function pushThroughput(figure: string, pg: { url: string; dir: string } | null, n: number): Promise<void> {
  const dataDir = tempDir('bench-server');
  let server: ServerProcess | null = null;
  try {
    const db = pg ? await openPostgresDatabase(pg.url) : openSqliteDatabase(dataDir);
    try {
      await addBenchUsers(db);
    } finally {
      await db.close();
    }
    server = await startServerProcess({ dataDir, databaseUrl: pg?.url });
    const url = server.url;
    const cpu = server.cpuMs;
    const run = async (desks: number, total: number) => {
      const clients = await Promise.all(
        Array.from({ length: desks }, async (_, d) => {
          const desk = new RawDesk(url, `bench-${figure.replace(/_/g, '-')}-${desks}-${d}`);
          await desk.signIn(d % 2 === 0 ? 'sara' : 'reza');
          return desk;
        }),
      );
      const per = Math.floor(total / desks);
      const before = { server: cpu(), pg: pg ? postgresCpuMs(`${pg.dir}/data`) : 0, bench: process.cpuUsage() };
      const t0 = performance.now();
      await Promise.all(
        clients.map(async (desk, d) => {
          for (let i = 0; i < per; i += 1000) {
            const batch = Array.from({ length: Math.min(1000, per - i) }, (_, k) => desk.change('identities', uuidv7(), 'insert', personRow(d * per + i + k)));
            const results = await desk.push(batch);
            if (results.some((r) => r.status !== 'accepted')) throw new Error(`refused: ${JSON.stringify(results.find((r) => r.status !== 'accepted'))}`);
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const done = per * desks;
      const perThousand = (ms: number) => round((ms * 1000) / done, 1);
      const bench = process.cpuUsage(before.bench);
      return {
        perSecond: Math.round(done / seconds),
        serverCpu: perThousand(cpu() - before.server),
        postgresCpu: pg ? perThousand(postgresCpuMs(`${pg.dir}/data`) - before.pg) : undefined,
        benchCpu: perThousand((bench.user + bench.system) / 1000),
      };
    };
    const one = await run(1, n);
    const four = await run(4, n);
    print({
      figure,
      unit: 'items/s',
      n,
      value: one.perSecond,
      concurrent_4_desks: four.perSecond,
      // CPU ms per 1,000 changes, one desk / four desks: the server process, PostgreSQL's backends, the bench's desks.
      server_cpu_ms_per_1000: [one.serverCpu, four.serverCpu],
      ...(pg ? { postgres_cpu_ms_per_1000: [one.postgresCpu, four.postgresCpu] } : {}),
      desks_cpu_ms_per_1000: [one.benchCpu, four.benchCpu],
      load_average_1m: round(loadavg()[0]!, 1),
    });
  } finally {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A write on desk A until desk B has it, with pokes and the client's own scheduling. */
async function syncLatency(samples: number): Promise<void> {
  const server = await startServer();
  const a = await startDesk('bench-a', { debounceMs: 1000, intervalMs: 60_000 });
  const b = await startDesk('bench-b', { debounceMs: 1000, intervalMs: 60_000 });
  try {
    await a.sync.signIn({ server: server.url, username: 'sara', password: 'password-1234' });
    await b.sync.signIn({ server: server.url, username: 'reza', password: 'password-1234' });
    await a.sync.syncNow();
    await b.sync.syncNow();
    await new Promise((r) => setTimeout(r, 1500)); // both poke sockets connected
    const has = b.backend.db.prepare('SELECT 1 FROM identities WHERE id = ?').pluck();
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      // Spaced as people type: a write after a quiet second.
      await new Promise((r) => setTimeout(r, 1100));
      const t0 = performance.now();
      let id = '';
      const arrived = new Promise<void>((resolve) => {
        const off = b.backend.store.onCommit(() => {
          if (id && has.get(id)) {
            off();
            resolve();
          }
        });
      });
      id = a.createPerson('تاخیر', `نمونه ${i}`);
      await arrived;
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    print({ figure: 'sync_latency', unit: 'ms', n: samples, p50: round(percentile(times, 50), 1), p99: round(percentile(times, 99), 1) });
  } finally {
    await a.close();
    await b.close();
    await server.close();
  }
}

/** A desk makes n identities (phones, some emails) and syncs; another desk receives them. Both stores' size. */
async function storeSize(n: number): Promise<void> {
  const server = await startServer();
  const a = await startDesk('bench-size-a');
  const b = await startDesk('bench-size-b');
  try {
    await a.sync.signIn({ server: server.url, username: 'sara', password: 'password-1234' });
    await a.sync.syncNow();
    await a.sync.stop();
    const identities = a.backend.service<IdentityService>('identities');
    const author = a.backend.caller().userId;
    const fill = a.backend.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const row = personRow(i);
        identities.create(
          IdentityCreate.parse({
            kind: 'person',
            firstName: row.first_name,
            lastName: row.last_name,
            phones: [{ kind: 'mobile', number: `09${String(120000000 + i)}` }],
            emails: i % 3 === 0 ? [{ kind: 'work', address: `user${i}@example.ir` }] : [],
          }),
          author,
        );
      }
    });
    for (let i = 0; i < n; i += 5000) fill(i, Math.min(n, i + 5000));
    const t0 = performance.now();
    await a.sync.syncNow();
    const pushSeconds = (performance.now() - t0) / 1000;
    const changes = a.backend.db.prepare('SELECT count(*) FROM outbox WHERE server_seq IS NOT NULL').pluck().get() as number;
    await b.sync.signIn({ server: server.url, username: 'reza', password: 'password-1234' });
    await b.sync.stop();
    const t1 = performance.now();
    await b.sync.syncNow();
    const pullSeconds = (performance.now() - t1) / 1000;
    for (const d of [a, b]) d.backend.db.pragma('wal_checkpoint(TRUNCATE)');
    // DAFTAR_BENCH_KEEP_STORE=folder keeps both stores there (maker.db, receiver.db) to study
    // where the bytes go (sqlite3_analyzer, dbstat) after the run.
    const keep = process.env.DAFTAR_BENCH_KEEP_STORE;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      copyFileSync(a.backend.dbFile, join(keep, 'maker.db'));
      copyFileSync(b.backend.dbFile, join(keep, 'receiver.db'));
    }
    print({
      figure: 'store_size',
      unit: 'MB',
      n,
      value: mb(b.backend.dbFile),
      maker_desk: mb(a.backend.dbFile),
      changes,
      desk_push_per_s: Math.round(changes / pushSeconds),
      desk_pull_per_s: Math.round(changes / pullSeconds),
      before_issue_10_MB: 195,
      // Where the bytes go (MB), receiving desk then maker desk: what to compact next.
      parts: storeParts(b.backend.db),
      maker_parts: storeParts(a.backend.db),
    });
  } finally {
    await a.close();
    await b.close();
    await server.close();
  }
}

/** A throw-away PostgreSQL cluster (tests/services/postgres.sh) for the PostgreSQL figures. */
function withPostgres(): { url: string; dir: string; stop(): void } {
  const script = fileURLToPath(new URL('../../tests/services/postgres.sh', import.meta.url));
  const [url, dir] = execFileSync('bash', [script, 'start'], { encoding: 'utf8' }).trim().split(/\s+/) as [string, string];
  return { url, dir, stop: () => execFileSync('bash', [script, 'stop', dir]) };
}

/**
 * `--figures=push_throughput_pg,…` measures only the sync figures named (the others take
 * minutes): for comparing one figure before and after a change, back to back.
 */
function wanted(figure: string): boolean {
  const list = process.argv.find((a) => a.startsWith('--figures='))?.slice('--figures='.length);
  return !list || list.split(',').includes(figure);
}

export async function benchSync(quick: boolean): Promise<void> {
  const n = quick ? 10_000 : 100_000;
  if (wanted('initial_pull')) await initialPull(n);
  if (wanted('push_throughput_sqlite')) await pushThroughput('push_throughput_sqlite', null, quick ? 10_000 : 50_000);
  if (wanted('push_throughput_pg')) {
    let pg: { url: string; dir: string; stop(): void } | null = null;
    try {
      pg = withPostgres();
      await pushThroughput('push_throughput_pg', pg, quick ? 10_000 : 50_000);
    } catch (err) {
      print({ figure: 'push_throughput_pg', unit: 'items/s', error: err instanceof Error ? err.message : String(err) });
    } finally {
      pg?.stop();
    }
  }
  if (wanted('sync_latency')) await syncLatency(quick ? 15 : 50);
  if (wanted('store_size')) await storeSize(n);
}
