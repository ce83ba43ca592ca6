/**
 * The store's safety costs (issue 6): `startup_check`, the time to open a store of 100,000
 * identities (10,000 quick) after an unclean shutdown, its quick_check included, and
 * `backup`, the speed of the online backup with its verification.
 *
 * Each round is real: a child process opens the store, writes, and kills itself with
 * SIGKILL (the folder lock's owner file stays, as after a crash or power cut); a fresh child
 * then opens it as the app does and reports the time, so the figure includes a cold
 * connection and SQLite's recovery of the WAL, not a warm one in the bench's own process.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OWNER_FILE } from '../../db/folder-lock';
import { Storage } from '../../db/storage';
import { createBackend } from '../../main/backend';
import { percentile, print } from './figures';
import { BENCH_BACKEND, fillIdentities } from './identities';

export const STORAGE_CHILD_FLAG = '--storage-child';

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Runs this bench file's child (`crash` or `open`) and resolves with what it printed. */
function child(step: 'crash' | 'open' | 'open-parallel', dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [process.argv[1]!, STORAGE_CHILD_FLAG, step, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      const expected = step === 'crash' ? signal === 'SIGKILL' : code === 0;
      if (expected) resolve(out);
      else reject(new Error(`storage bench child '${step}' ended with ${signal ?? code}`));
    });
  });
}

/** In the child process: one step of a round. */
export async function storageChild(step: string, dataDir: string): Promise<void> {
  if (step === 'crash') {
    const storage = Storage.open({ dataDir, program: 'bench' });
    // A committed write still in the WAL, so the next open has something to recover.
    storage.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.crashed-at', ?)").run(String(Date.now()));
    process.kill(process.pid, 'SIGKILL');
    return;
  }
  const parallel = step === 'open-parallel';
  const t0 = performance.now();
  const storage = Storage.open({ dataDir, program: 'bench', startCheck: parallel ? 'parallel' : 'wait' });
  const ms = performance.now() - t0;
  try {
    if (parallel && !storage.checkingAtStart) throw new Error('the start check did not run beside the start');
    // As the first write of a start would: it waits for the check's answer.
    storage.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench.opened-at', ?)").run(String(Date.now()));
    const writableMs = performance.now() - t0;
    if (!storage.startCheck?.ok) throw new Error('the store was not checked at start, or the check failed');
    console.log(JSON.stringify({ ms, writableMs, checkMs: storage.startCheck.ms }));
  } finally {
    storage.close();
  }
}

export async function benchStorage(quick: boolean): Promise<void> {
  const total = quick ? 10_000 : 100_000;
  const rounds = quick ? 3 : 5;
  const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-storage-'));
  try {
    const backend = await createBackend({ dataDir, ...BENCH_BACKEND });
    try {
      fillIdentities(backend, total);
    } finally {
      await backend.close();
    }
    const bytes = statSync(join(dataDir, 'daftar.sqlite')).size;

    // Both ways, alternating rounds so load changes hit both alike: 'open-parallel' as the
    // app and web host start (the check on a worker thread, writes held until it answers),
    // 'open' with the check before open returns (the store tool; the figure before).
    type Open = { ms: number; writableMs: number; checkMs: number };
    const opens: Record<'open' | 'open-parallel', Open[]> = { open: [], 'open-parallel': [] };
    for (let i = 0; i < rounds; i++) {
      for (const step of ['open-parallel', 'open'] as const) {
        await child('crash', dataDir);
        if (!existsSync(join(dataDir, OWNER_FILE))) throw new Error('the killed process left no lock owner file: not an unclean shutdown');
        opens[step].push(JSON.parse(await child(step, dataDir)) as Open);
      }
    }
    const p = (list: Open[], key: keyof Open, q: number) => round1(percentile(list.map((o) => o[key]).sort((a, b) => a - b), q));
    const parallel = opens['open-parallel'];
    const waiting = opens.open;
    print({
      figure: 'startup_check',
      unit: 'ms',
      identities: total,
      store_mb: round1(bytes / 1e6),
      n: rounds,
      // Open after a crash until reads are served (lock, WAL recovery, connection, migration
      // check; the quick_check started on its worker, writes held).
      p50: p(parallel, 'ms', 50),
      p99: p(parallel, 'ms', 99),
      // Until the first write is taken: the quick_check's answer included.
      writable_p50: p(parallel, 'writableMs', 50),
      writable_p99: p(parallel, 'writableMs', 99),
      check_p50: p(parallel, 'checkMs', 50),
      // The same with the check before open returns (as the store tool opens).
      check_first_p50: p(waiting, 'ms', 50),
      check_first_check_p50: p(waiting, 'checkMs', 50),
      goal: 500,
    });

    // The online backup as Settings and the daily schedule run it: copy, verify, rename.
    const storage = Storage.open({ dataDir, program: 'bench' });
    try {
      const rates: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const info = await storage.backup('manual');
        rates.push(info.bytes / 1e6 / ((performance.now() - t0) / 1000));
      }
      rates.sort((a, b) => a - b);
      print({ figure: 'backup', unit: 'MB/s', identities: total, store_mb: round1(bytes / 1e6), n: rounds, p50: round1(percentile(rates, 50)), min: round1(rates[0]!) });
    } finally {
      storage.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
