/**
 * A web host of a test's own, on a fresh data folder, for tests that must not touch the
 * suite's shared desk: the first start (no password yet), a damaged store.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths';

export interface OwnHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Stops the host but keeps its data folder (to damage it, then start again on it). */
  pause(): Promise<void>;
}

export async function startOwnHost(args: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'daftar-e2e-own-'))): Promise<OwnHost> {
  const dist = process.env.DAFTAR_DIST ?? join(REPO, 'dist');
  const child: ChildProcess = spawn(process.execPath, [join(dist, 'main/webhost.js'), '--data-dir', dataDir, '--port', '0', ...args], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`own host did not start:\n${out}`)), 60_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`own host exited (${code}):\n${out}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const pause = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    dataDir,
    pause,
    stop: async () => {
      await pause();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes garbage over a few leaf pages in the middle of the identities table (the store must be closed). */
export async function damageStore(dataDir: string): Promise<void> {
  const { default: Database } = await import('better-sqlite3');
  const { openSync, writeSync, closeSync } = await import('node:fs');
  const file = join(dataDir, 'daftar.sqlite');
  const raw = new Database(file, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'identities' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  raw.close();
  if (pages.length < 3) throw new Error(`the identities table has only ${pages.length} leaf pages`);
  const fd = openSync(file, 'r+');
  try {
    const mid = Math.floor(pages.length / 2);
    for (const page of pages.slice(mid - 1, mid + 2)) writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}
