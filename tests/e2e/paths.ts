import { fileURLToPath } from 'node:url';

/** Where screenshots and the host's state go (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('./.artifacts', import.meta.url));
/** The running host's URL and pid, written by global-setup, read by tests and teardown. */
export const HOST_FILE = `${ARTIFACTS}/host.json`;
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface HostInfo {
  url: string;
  pid: number;
  dataDir: string;
}
