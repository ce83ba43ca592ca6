/**
 * `npm run web -- --demo` fills only an empty store. On a folder that already has data it
 * keeps that data as it is (nothing added, nothing removed) and says so in both languages,
 * as the README promises. Run as a person runs it: the web host's command line.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../main/backend';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { tempDir } from '../api/backend-fixture';

const REPO = path.resolve(import.meta.dirname, '../..');
const dataDir = tempDir('demo-again');
// Inside the repo (in the ignored dist/), so the bundle finds better-sqlite3 in node_modules.
mkdirSync(path.join(REPO, 'dist'), { recursive: true });
const bundleDir = mkdtempSync(path.join(REPO, 'dist', 'test-demo-host-'));
const entry = path.join(bundleDir, 'webhost.mjs');

// The web host bundled as build/build-app.mjs bundles it (SQL migrations as text).
beforeAll(async () => {
  await build({
    entryPoints: [path.join(REPO, 'main/host/webhost-main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    loader: { '.sql': 'text' },
    external: ['better-sqlite3', 'node-notifier', 'bufferutil', 'utf-8-validate'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'silent',
  });
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(bundleDir, { recursive: true, force: true });
});

/** Starts the web host with --demo, reads what it prints until it is running, then stops it. */
function startWithDemo(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--demo'], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (/is running at http/.test(out)) child.kill('SIGTERM');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', () => {
      clearTimeout(timer);
      if (/is running at http/.test(out)) resolve(out);
      else reject(new Error(`the web host did not start:\n${out}`));
    });
  });
}

async function identityNames(): Promise<string[]> {
  const backend = await createBackend({ dataDir, logger: { info() {}, warn() {}, error() {} } });
  try {
    return backend.db.prepare('SELECT display_name FROM identities ORDER BY id').pluck().all() as string[];
  } finally {
    await backend.close();
  }
}

describe('--demo', () => {
  it('fills a new folder, and on a folder with data keeps it untouched and says so', async () => {
    const first = await startWithDemo();
    expect(first).toMatch(/Demo data added: \d+ persons/);
    const seeded = await identityNames();
    expect(seeded.length).toBeGreaterThan(50);

    // Someone's own record, added after the demo: it must survive a second --demo.
    const backend = await createBackend({ dataDir, logger: { info() {}, warn() {}, error() {} } });
    try {
      backend.service<IdentityService>('identities').create(IdentityCreate.parse({ kind: 'organisation', organisationName: 'دفتر خود ما' }), null);
    } finally {
      await backend.close();
    }
    const before = await identityNames();

    const second = await startWithDemo();
    expect(second).toContain('demo data was NOT added, and the existing data is kept as it is');
    expect(second).toContain('داده‌ی نمایشی افزوده نشد و داده‌های موجود دست‌نخورده ماند');
    expect(second).not.toContain('Demo data added');
    expect(await identityNames()).toEqual(before);
    expect(before).toContain('دفتر خود ما');
  });
});
