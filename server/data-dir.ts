import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the server keeps its SQLite store unless told: $XDG_DATA_HOME/daftar-server. */
export function defaultServerDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME.trim() ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'daftar-server');
}
