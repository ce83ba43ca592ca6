// Launches Electron on the app for `npm start` (build/start-app.mjs).
//
// Electron 45+ fetches its binary at first launch, from inside `require('electron')`. When
// that fails (no internet) its loader prints a stack trace and advice of its own ("delete
// node_modules/electron and run npx install-electron") that contradicts ours. So the binary
// is looked for here first, in the places Electron's index.js looks; when it is missing,
// Electron's installer runs with its output captured, and on failure only our message is
// printed (with the one line that says why), never Electron's advice.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron executable the `electron` package would run, or null when it is not there yet. */
export function electronBinary(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const file = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(file) ? file : null;
  }
  if (!relative) return null;
  const file = join(electronDir, 'dist', relative);
  return existsSync(file) ? file : null;
}

export const NO_ELECTRON_MESSAGE = [
  'دفتر اجرا نشد: فایل اجرایی Electron روی این رایانه نیست و دریافت آن (یک بار، از اینترنت) ممکن نشد.',
  'یک بار با اینترنت `npm start` را اجرا کنید، یا برنامه را در مرورگر باز کنید: `npm run web`.',
  'Daftar did not start: the Electron binary is not on this computer, and fetching it (once, from the internet) failed.',
  'Run `npm start` once with internet access, or use the web host instead: `npm run web`.',
].join('\n');

/** The first line of the installer's output that names an error (e.g. "TypeError: fetch failed"). */
function reasonOf(output) {
  const line = output.split('\n').find((l) => /\b\w*Error\b/.test(l));
  return line ? line.trim().slice(0, 200) : '';
}

/**
 * Runs the app in Electron and answers the exit code. `electronDir` is the `electron`
 * package folder; `log` receives our own lines (stderr by default).
 */
export function launchElectron({ electronDir, appDir, env = process.env, log = (s) => console.error(s) }) {
  let binary = electronBinary(electronDir, env);
  if (!binary) {
    log('دفتر: دریافت Electron برای نخستین اجرا… / Daftar: fetching Electron for the first launch…');
    const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { env, encoding: 'utf8' });
    binary = install.status === 0 ? electronBinary(electronDir, env) : null;
    if (!binary) {
      const reason = reasonOf(`${install.stderr ?? ''}\n${install.stdout ?? ''}`) || install.error?.message || '';
      log(`\n${NO_ELECTRON_MESSAGE}${reason ? `\n(${reason})` : ''}`);
      return 1;
    }
  }
  const app = spawnSync(binary, [appDir], { stdio: 'inherit', env });
  if (app.error) {
    log(`دفتر اجرا نشد / Daftar did not start: ${app.error.message}`);
    return 1;
  }
  return app.status ?? 1;
}
