import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The same per-user folder Electron's app.getPath('userData') gives for "Daftar", so the
 * app and the web host open the same store.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homedir();
  // An empty variable counts as unset (as in Chromium and the XDG spec), never as the current folder.
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'Daftar');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Daftar');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Daftar');
}
