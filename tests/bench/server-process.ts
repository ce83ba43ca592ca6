/**
 * The sync server as `npm run server` starts it (dist/server/server.js), in a process of its
 * own, for the push figures: the bench's desks and the server then no longer share one
 * JavaScript thread, and the server's CPU time is read from the kernel for its process alone
 * (and PostgreSQL's for its backends), which stays steady when other work loads the machine.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build in use). */
const TICKS_PER_S = 100;

/** CPU time (user + system) of a process in ms, and of its waited-for children; null when /proc has no such process. */
function cpuOf(pid: number): { own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (i: number) => (Number(f[i]) * 1000) / TICKS_PER_S;
    // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
    return { own: ms(11) + ms(12), children: ms(13) + ms(14) };
  } catch {
    return null;
  }
}

/** CPU ms of a process so far (0 where /proc is missing). */
export function processCpuMs(pid: number): number {
  return cpuOf(pid)?.own ?? 0;
}

/**
 * CPU ms of a PostgreSQL cluster so far: the postmaster, its live backends, and the backends
 * that have ended (counted into the postmaster when it reaped them).
 */
export function postgresCpuMs(dataDir: string): number {
  let postmaster: number;
  try {
    postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return 0;
  }
  const main = cpuOf(postmaster);
  if (!main) return 0;
  let total = main.own + main.children;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === postmaster) total += cpuOf(Number(name))?.own ?? 0;
    } catch {
      // the process ended while the list was read
    }
  }
  return total;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** The server process's CPU time so far, ms. */
  cpuMs(): number;
  close(): Promise<void>;
}

/**
 * Starts dist/server/server.js on 127.0.0.1 and a free port, on SQLite in `dataDir`, or on
 * PostgreSQL when `databaseUrl` is given (as DATABASE_URL, like the service itself); resolves
 * once it prints the line it listens on.
 */
export function startServerProcess(opts: { dataDir: string; databaseUrl?: string }): Promise<ServerProcess> {
  const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'server.js');
  const env = { ...process.env };
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [entry, '--data-dir', opts.dataDir, '--host', '127.0.0.1', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      // Only the start is kept: the server logs a line per sign-in after it.
      if (out.length < 20_000) out += chunk.toString();
      const m = /Daftar server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        child.stdout.off('data', onData);
        resolve({
          url: m[1]!,
          pid: child.pid!,
          cpuMs: () => processCpuMs(child.pid!),
          close: async () => {
            if (child.exitCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      if (out.length < 20_000) out += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`sync server exited (${code}): ${out}`)));
  });
}
