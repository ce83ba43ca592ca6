/**
 * The million-identity bench. The store is built through IdentityService.importMany, which
 * writes each identity exactly as create() does (rows, outbox; tested in
 * tests/identities/an-import-writes-exactly-what-creating-one-by-one-writes.test.ts) and
 * builds the search index once; the result is cached between runs, keyed by the migrations
 * and the generator's version. The figures are taken in a fresh process, so backend_rss_1m
 * is the backend's memory, not the generator's.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { MIGRATIONS } from '../../db/migrations';
import { createBackend } from '../../main/backend';
import type { IdentityService } from '../../main/identities/service';
import { print } from './figures';
import { BENCH_BACKEND, administrator, measureIdentities } from './identities';
import { IDENTITY_DATA_VERSION, identities } from './identity-data';

const TOTAL = 1_000_000;
export const CHILD_FLAG = '--identities-1m-child';

function cacheFile(): string {
  const key = createHash('sha256')
    .update(JSON.stringify({ migrations: MIGRATIONS.map((m) => [m.name, m.sql]), data: IDENTITY_DATA_VERSION, total: TOTAL }))
    .digest('hex')
    .slice(0, 16);
  const dir = process.env.DAFTAR_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'daftar-bench');
  return join(dir, `identities-1m-${key}.sqlite`);
}

const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

/** Builds (or copies from the cache) the million-identity store into `dataDir`. */
async function fillStore(dataDir: string, useCache: boolean): Promise<void> {
  const file = join(dataDir, 'daftar.sqlite');
  const cached = cacheFile();
  const t0 = performance.now();
  if (useCache && existsSync(cached)) {
    copyFileSync(cached, file);
    print({ figure: 'identity_store_1m', unit: 's', value: seconds(t0), source: 'cache', file: cached });
    return;
  }
  const backend = await createBackend({ dataDir, ...BENCH_BACKEND });
  try {
    const author = administrator(backend).userId;
    let done = 0;
    const progress = function* () {
      for (let from = 0; from < TOTAL; from += 100_000) {
        yield* identities(from, Math.min(TOTAL, from + 100_000));
        done = Math.min(TOTAL, from + 100_000);
        console.error(`bench: ${done.toLocaleString('en')} identities written (${seconds(t0)} s)`);
      }
    };
    backend.service<IdentityService>('identities').importMany(progress(), author, 10_000);
    print({ figure: 'identity_import_1m', unit: 'items/s', value: Math.round(TOTAL / ((performance.now() - t0) / 1000)), n: TOTAL });
  } finally {
    await backend.close();
  }
  print({ figure: 'identity_store_1m', unit: 's', value: seconds(t0), source: 'import' });
  if (!useCache) return;
  // Written beside the cache, then renamed: a run cut short never leaves half a cache.
  mkdirSync(join(cached, '..'), { recursive: true });
  for (const old of readdirSync(join(cached, '..'))) if (old.startsWith('identities-1m-')) rmSync(join(cached, '..', old), { force: true });
  copyFileSync(file, `${cached}.partial`);
  renameSync(`${cached}.partial`, cached);
}

/** `npm run bench`: the million-identity figures (`--no-cache` rebuilds the store). */
export async function benchIdentitiesMillion(useCache: boolean): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-1m-'));
  try {
    await fillStore(dataDir, useCache);
    print({ figure: 'identity_store_size_1m', unit: 'MB', value: Math.round(statSync(join(dataDir, 'daftar.sqlite')).size / 1e6) });
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [process.argv[1]!, CHILD_FLAG, dataDir], { stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`million-identity measurement exited with ${code}`))));
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** In the child process: open the store as the app would, measure, report memory. */
export async function measureMillion(dataDir: string): Promise<void> {
  const backend = await createBackend({ dataDir, ...BENCH_BACKEND });
  try {
    const total = backend.db.prepare('SELECT count(*) FROM identities WHERE deleted_at IS NULL').pluck().get() as number;
    await measureIdentities(backend, total, '_1m', 5_000);
    print({ figure: 'backend_rss_1m', unit: 'MB', value: Math.round(process.memoryUsage().rss / 1e6), identities: total });
  } finally {
    await backend.close();
  }
}
