#!/usr/bin/env node
// One command builds everything the app and the web host run:
//   esbuild → dist/main/*.js (backend under Node), dist/electron/*.cjs (shell + preload),
//             dist/bench/run.js, dist/server/server.js (the sync server)
//   vite    → dist/renderer/ (the UI, served from app:// or by the web host)
// `--if-needed` skips the build when nothing under the source folders is newer than dist.
import { build as esbuild } from 'esbuild';
import { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const stamp = join(dist, '.build-stamp');
const SOURCES = ['main', 'db', 'electron', 'renderer', 'server', 'build', 'tests/bench', 'package.json', 'vite.config.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules') continue;
    max = Math.max(max, newestMtime(join(path, name)));
  }
  return max;
}

if (process.argv.includes('--if-needed') && existsSync(stamp)) {
  const built = statSync(stamp).mtimeMs;
  if (SOURCES.every((s) => newestMtime(join(root, s)) <= built)) {
    console.log('build: up to date');
    process.exit(0);
  }
}

const started = Date.now();
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  loader: { '.sql': 'text' },
  // Native and binary-spawning packages stay outside the bundle (unpacked from the asar).
  external: ['better-sqlite3', 'node-notifier', 'electron', 'bufferutil', 'utf-8-validate', 'pg-native'],
  absWorkingDir: root,
};

await Promise.all([
  esbuild({
    ...common,
    format: 'esm',
    entryPoints: { webhost: 'main/host/webhost-main.ts', 'store-tool': 'main/host/store-tool.ts' },
    outdir: join(dist, 'main'),
    outExtension: { '.js': '.js' },
    // Bundled CommonJS dependencies still call require(); give ESM output one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  esbuild({
    ...common,
    format: 'cjs',
    entryPoints: { utility: 'main/host/utility.ts' },
    outdir: join(dist, 'main'),
    outExtension: { '.js': '.cjs' },
  }),
  esbuild({
    ...common,
    format: 'cjs',
    entryPoints: { main: 'electron/main.ts', preload: 'electron/preload.ts' },
    outdir: join(dist, 'electron'),
    outExtension: { '.js': '.cjs' },
  }),
  esbuild({
    ...common,
    format: 'esm',
    entryPoints: { server: 'server/main.ts' },
    outdir: join(dist, 'server'),
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  esbuild({
    ...common,
    format: 'esm',
    entryPoints: { run: 'tests/bench/run.ts' },
    outdir: join(dist, 'bench'),
    // The UI bench drives Chromium; Playwright finds its own files at run time.
    external: [...common.external, 'playwright-core'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
]);

const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });

mkdirSync(dist, { recursive: true });
writeFileSync(stamp, new Date().toISOString());
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
