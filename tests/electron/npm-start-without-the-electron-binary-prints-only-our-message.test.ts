/**
 * `npm start` on a machine where Electron's binary is missing and cannot be fetched: the
 * person sees one message (ours, Persian then English), never Electron's stack trace and
 * its contradicting advice. Run against a stand-in `electron` package laid out like the
 * real one (index.js that downloads on require, install.js that fetches the binary).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build script without type declarations
import { electronBinary, launchElectron, NO_ELECTRON_MESSAGE } from '../../build/launch-electron.mjs';

const REPO = path.resolve(import.meta.dirname, '../..');
const ELECTRON_ADVICE = 'Please delete `node_modules/electron` and run "npx install-electron --no" manually.';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with node_modules/electron as Electron 45 ships it, and an installer that does `install`. */
function fakeProject(install: 'fails' | 'succeeds') {
  const root = mkdtempSync(path.join(tmpdir(), 'daftar-start-'));
  dirs.push(root);
  const electronDir = path.join(root, 'node_modules', 'electron');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }));
  // Electron's own loader: requiring it tries to download and prints its advice.
  writeFileSync(
    path.join(electronDir, 'index.js'),
    `console.log('Downloading Electron binary...'); throw new Error(${JSON.stringify(`Electron failed to install correctly. ${ELECTRON_ADVICE}`)});`,
  );
  writeFileSync(path.join(electronDir, 'cli.js'), "require('./');");
  // The fake Electron writes the arguments it was started with, so the test sees it ran.
  const launched = path.join(root, 'launched.txt');
  const binaryScript = `#!/bin/sh\necho "$@" > ${JSON.stringify(launched)}\nexit 7\n`;
  writeFileSync(
    path.join(electronDir, 'install.js'),
    install === 'fails'
      ? `console.error('TypeError: fetch failed\\n    at FetchDownloader.download'); console.error(${JSON.stringify(ELECTRON_ADVICE)}); process.exit(1);`
      : `const fs = require('fs'); const p = require('path');
         fs.mkdirSync(p.join(__dirname, 'dist'), { recursive: true });
         fs.writeFileSync(p.join(__dirname, 'dist', 'electron'), ${JSON.stringify(binaryScript)}, { mode: 0o755 });
         fs.writeFileSync(p.join(__dirname, 'path.txt'), 'electron');`,
  );
  return { root, electronDir, launched, binaryScript };
}

describe('npm start', () => {
  it('without the binary and without internet prints only our message, and fails', () => {
    const { root } = fakeProject('fails');
    // The real start script, with a build step that has nothing to do.
    mkdirSync(path.join(root, 'build'));
    for (const f of ['start-app.mjs', 'launch-electron.mjs']) copyFileSync(path.join(REPO, 'build', f), path.join(root, 'build', f));
    writeFileSync(path.join(root, 'build', 'build-app.mjs'), '');

    const run = spawnSync(process.execPath, [path.join(root, 'build', 'start-app.mjs')], { cwd: root, encoding: 'utf8' });
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    expect(output).toContain(NO_ELECTRON_MESSAGE);
    expect(output).toContain('npm run web');
    expect(output).toContain('(TypeError: fetch failed)');
    // Nothing of Electron's own loader or installer reaches the person.
    expect(output).not.toContain('install-electron');
    expect(output).not.toContain('Please delete');
    expect(output).not.toContain('Downloading Electron binary');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('with the binary in place runs it on the app folder and answers its exit code', () => {
    const { electronDir, launched, binaryScript } = fakeProject('fails');
    mkdirSync(path.join(electronDir, 'dist'));
    writeFileSync(path.join(electronDir, 'dist', 'electron'), binaryScript);
    chmodSync(path.join(electronDir, 'dist', 'electron'), 0o755);
    writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    const lines: string[] = [];

    expect(electronBinary(electronDir, {})).toBe(path.join(electronDir, 'dist', 'electron'));
    expect(launchElectron({ electronDir, appDir: '/the/app', env: {}, log: (s: string) => lines.push(s) })).toBe(7);
    expect(readFileSync(launched, 'utf8').trim()).toBe('/the/app');
    expect(lines).toEqual([]);
  });

  it('fetches the binary on the first launch when it can, then runs it', () => {
    const { electronDir, launched } = fakeProject('succeeds');
    expect(electronBinary(electronDir, {})).toBeNull();
    const lines: string[] = [];
    expect(launchElectron({ electronDir, appDir: '/the/app', env: {}, log: (s: string) => lines.push(s) })).toBe(7);
    expect(readFileSync(launched, 'utf8').trim()).toBe('/the/app');
    expect(lines.join('\n')).toMatch(/fetching Electron/);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH as Electron does', () => {
    const { electronDir, root, binaryScript } = fakeProject('fails');
    const override = path.join(root, 'custom');
    mkdirSync(override);
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBeNull();
    writeFileSync(path.join(override, 'electron'), binaryScript);
    expect(electronBinary(electronDir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toBe(path.join(override, 'electron'));
  });
});
