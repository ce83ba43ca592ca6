#!/usr/bin/env node
// `npm start`: build, then launch Electron on this folder. Electron (45+) fetches its
// binary on the first launch; on a machine without internet that fails, and the user is
// told what to do instead of being left with a stack trace.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'build/build-app.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const cli = createRequire(import.meta.url).resolve('electron/cli.js');
const app = spawnSync(process.execPath, [cli, root], { stdio: 'inherit' });
if (app.status !== 0) {
  console.error(
    [
      '',
      'دفتر اجرا نشد: Electron باز نشد. اگر پیام بالا می‌گوید فایل Electron دریافت نشد، این رایانه به اینترنت دسترسی ندارد؛',
      'یک بار با اینترنت `npm start` را اجرا کنید، یا برنامه را در مرورگر باز کنید: `npm run web`.',
      'Daftar did not start: Electron could not launch. If the message above says the Electron binary could not be',
      'downloaded, run `npm start` once with internet access, or use the web host instead: `npm run web`.',
    ].join('\n'),
  );
}
process.exit(app.status ?? 1);
