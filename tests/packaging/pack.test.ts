/**
 * Packs the app for real with electron-builder (`--linux dir`) and looks inside. Electron's
 * binary cannot be downloaded here, so the pack uses a stand-in Electron distribution: a
 * shell script named `electron` that carries a fuse wire like the real binary, which lets
 * electron-builder's fuses step run and be checked too.
 */
import { listPackage } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const configFile = path.join(root, 'build', 'electron-builder.config.cjs');
const config = createRequire(import.meta.url)(configFile) as {
  electronFuses: Record<string, boolean>;
  files: string[];
  appId: string;
  productName: string;
};

// Electron's fuse wire (see @electron/fuses): this sentinel, a version byte (1), a length
// byte, then one byte per fuse, '1' on and '0' off, in this order.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
] as const;
// As a stock Electron ships them.
const STOCK_FUSES = '10110001';

function readFuses(binary: string): Record<(typeof FUSES)[number], string> {
  const bytes = readFileSync(binary);
  const at = bytes.indexOf(SENTINEL);
  if (at < 0) throw new Error(`no fuse wire in ${binary}`);
  const version = bytes[at + SENTINEL.length];
  const length = bytes[at + SENTINEL.length + 1]!;
  expect(version).toBe(1);
  const states = bytes.subarray(at + SENTINEL.length + 2, at + SENTINEL.length + 2 + length).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, states[i]])) as Record<(typeof FUSES)[number], string>;
}

function makeElectronStandIn(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, STOCK_FUSES.length]), Buffer.from(STOCK_FUSES)]);
  writeFileSync(
    path.join(dir, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\n# Stand-in for Electron 45.5.0 (packaging test). Fuse wire: '),
      wire,
      Buffer.from('\necho "not a real Electron" >&2\nexit 1\n'),
    ]),
  );
  chmodSync(path.join(dir, 'electron'), 0o755);
  writeFileSync(path.join(dir, 'version'), '45.5.0');
  writeFileSync(path.join(dir, 'LICENSE'), 'Electron license (stand-in)\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<html></html>\n');
  writeFileSync(path.join(dir, 'chrome-sandbox'), '');
  writeFileSync(path.join(dir, 'locales', 'en-US.pak'), '');
  writeFileSync(path.join(dir, 'locales', 'fa.pak'), '');
}

function run(cmd: string, args: string[], timeout: number) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout, env: { ...process.env, CI: '1' } });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

describe('electron-builder --linux dir', () => {
  let tmp: string;
  let appDir: string;
  let files: string[];

  beforeAll(() => {
    // npm test builds first; run alone, this test builds dist/ itself when it is stale.
    run(process.execPath, ['build/build-app.mjs', '--if-needed'], 170_000);
    tmp = mkdtempSync(path.join(tmpdir(), 'daftar-pack-'));
    const electronDist = path.join(tmp, 'electron-dist');
    makeElectronStandIn(electronDist);
    const out = path.join(tmp, 'out');
    run(
      process.execPath,
      [
        path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
        '--config',
        configFile,
        '--linux',
        'dir',
        `-c.electronDist=${electronDist}`,
        '-c.npmRebuild=false',
        `-c.directories.output=${out}`,
      ],
      170_000,
    );
    appDir = path.join(out, 'linux-unpacked');
    files = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false }).map((f) =>
      f.split(path.sep).join('/').replace(/^\//, ''),
    );
  }, 360_000);

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('puts the built shell, backend, renderer and package.json in app.asar', () => {
    for (const f of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/main/utility.cjs',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      expect(files, f).toContain(f);
    }
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('includes the native dependencies, with better-sqlite3 unpacked next to the asar', () => {
    expect(files.some((f) => f.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    expect(files).toContain('node_modules/better-sqlite3/package.json');
    const native = path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    expect(existsSync(native)).toBe(true);
    // A real ELF shared object, not a placeholder.
    expect(readFileSync(native).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    expect(existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'node-notifier', 'index.js'))).toBe(true);
  });

  it('leaves out sources, tests, source maps, the web host and the bench', () => {
    // No TypeScript at all: ours is bundled, and packages' .ts sources (zod ships its own) are dead weight.
    expect(files.filter((f) => /\.[mc]?tsx?$/.test(f))).toEqual([]);
    const outsideNodeModules = files.filter((f) => !f.startsWith('node_modules/'));
    for (const folder of ['tests/', 'electron/', 'main/', 'renderer/', 'db/', 'server/', 'build/', 'dist/bench', 'release/']) {
      expect(outsideNodeModules.filter((f) => f.startsWith(folder)), folder).toEqual([]);
    }
    expect(outsideNodeModules.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(outsideNodeModules.filter((f) => f.startsWith('dist/main/webhost'))).toEqual([]);
    // better-sqlite3's compiler inputs stay out too.
    expect(files.filter((f) => f.startsWith('node_modules/better-sqlite3/deps/') || f.startsWith('node_modules/better-sqlite3/src/'))).toEqual([]);
  });

  it('ships the icons outside the asar, where the shell looks for them', () => {
    for (const icon of ['tray.png', '256x256.png', '512x512.png']) {
      expect(existsSync(path.join(appDir, 'resources', 'icons', icon)), icon).toBe(true);
    }
  });

  it('names the executable daftar and keeps Electron\'s license beside it', () => {
    expect(existsSync(path.join(appDir, 'daftar'))).toBe(true);
    expect(existsSync(path.join(appDir, 'electron'))).toBe(false);
    expect(existsSync(path.join(appDir, 'LICENSE.electron.txt'))).toBe(true);
  });

  it('declares the Electron fuses, and electron-builder flips them in the packed binary', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(readFuses(path.join(appDir, 'daftar'))).toEqual({
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      // Not configured: left as Electron ships it.
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
    });
  });

  it('keeps the app identity and installer settings', () => {
    expect(config.appId).toBe('ir.daftar.desktop');
    expect(config.productName).toBe('Daftar');
    expect(config.files.slice(0, 4)).toEqual(['dist/electron/**', 'dist/main/**', 'dist/renderer/**', 'package.json']);
  });
});
