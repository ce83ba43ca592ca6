/** Stops the web host global-setup started (by its pid) and removes its data folder. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { HOST_FILE, type HostInfo } from './paths';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(HOST_FILE)) return;
  const info = JSON.parse(readFileSync(HOST_FILE, 'utf8')) as HostInfo;
  if (info.pid > 0 && alive(info.pid)) {
    process.kill(info.pid, 'SIGTERM');
    for (let i = 0; i < 50 && alive(info.pid); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive(info.pid)) process.kill(info.pid, 'SIGKILL');
  }
  rmSync(HOST_FILE, { force: true });
  if (info.dataDir.includes('daftar-e2e-')) rmSync(info.dataDir, { recursive: true, force: true });
}
