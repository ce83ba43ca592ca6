#!/usr/bin/env node
// `npm start`: build, then launch Electron on this folder. Electron (45+) fetches its
// binary on the first launch; launch-electron.mjs looks for it first, so that a machine
// without internet gets one clear message (ours) instead of Electron's stack trace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchElectron } from './launch-electron.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'build/build-app.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// Resolving package.json does not run Electron's index.js (which would try to download).
const electronDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
process.exit(launchElectron({ electronDir, appDir: root }));
