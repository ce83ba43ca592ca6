/**
 * Starts ONE web host for the whole suite: `node dist/main/webhost.js` on a free port,
 * with a fresh data folder filled with demo data, and waits for the line with its URL.
 * The build (node build/build-app.mjs) must have run first; `npm test` does that.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACTS, HOST_FILE, REPO, type HostInfo } from './paths';

const READY_TIMEOUT_MS = 30_000;

export default async function globalSetup(): Promise<void> {
  // DAFTAR_DIST: run against a copy of the build (so a rebuild of dist/ mid-run does not pull
  // files from under the running host).
  const dist = process.env.DAFTAR_DIST ?? join(REPO, 'dist');
  const entry = join(dist, 'main/webhost.js');
  if (!existsSync(entry) || !existsSync(join(dist, 'renderer/index.html'))) {
    throw new Error(`${dist} has no build: run \`node build/build-app.mjs\` before the e2e tests.`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'daftar-e2e-'));
  const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0', '--demo'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web host did not start in ${READY_TIMEOUT_MS} ms:\n${out}`));
    }, READY_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited (${code}) before it was ready:\n${out}`));
    });
  });
  // Keep draining its output so a chatty host never blocks on a full pipe.
  child.stdout.resume();
  child.stderr.resume();
  child.unref();

  const info: HostInfo = { url, pid: child.pid ?? 0, dataDir };
  writeFileSync(HOST_FILE, JSON.stringify(info));
  process.env.DAFTAR_URL = url;
}
