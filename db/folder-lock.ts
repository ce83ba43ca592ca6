/**
 * One process per data folder. Two processes on one store would give two HLC clocks with
 * the same node id (outbox timestamps out of order), two sessions, and on a fresh folder
 * two migrations racing each other.
 *
 * Why a SQLite file and not a pid file or a lock package: SQLite's own file lock (fcntl on
 * POSIX, LockFileEx on Windows) is held by the operating system for the process and dies
 * with it, so a crash or kill -9 never leaves a stale lock to guess about, and it works the
 * same on every platform Daftar ships for, with the SQLite we already ship. In EXCLUSIVE
 * locking mode SQLite keeps the lock after the first write until the connection closes.
 * pid-file libraries (proper-lockfile and the like) must guess staleness from mtimes.
 *
 * Beside it, `lock-owner.json` says who holds the folder (pid, host, which program, since
 * when) so the second instance can name it. The sidecar is removed on a clean release; if it
 * is there when the lock is taken, the previous owner did not stop cleanly.
 */
import Database from 'better-sqlite3';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'daftar.lock';
export const OWNER_FILE = 'lock-owner.json';

export interface LockOwner {
  pid: number;
  host: string;
  /** Which program: 'app', 'web host', 'store tool'. */
  program: string;
  /** Epoch ms. */
  since: number;
}

/** The folder is held by another running process. */
export class FolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner ? `process ${owner.pid} on ${owner.host} (${owner.program}), since ${new Date(owner.since).toISOString()}` : 'another process';
    super(`The data folder ${dataDir} is in use by ${who}.`);
    this.name = 'FolderInUseError';
  }
}

export interface FolderLock {
  readonly dataDir: string;
  /** The previous owner stopped without releasing the folder (a crash, a kill, a power cut). */
  readonly previousOwnerCrashed: boolean;
  /** Releases the folder; safe to call twice. */
  release(): void;
}

function readOwner(dataDir: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.host !== 'string') return null;
    return { pid: o.pid, host: o.host, program: String(o.program ?? ''), since: Number(o.since ?? 0) };
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/**
 * Who holds the folder now. The holder writes its note just after taking the lock, so a
 * note that is missing, or names a process of this host that is gone (a crashed earlier
 * holder), is read again for a moment before giving up.
 */
function currentOwner(dataDir: string): LockOwner | null {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 20; i++) {
    const owner = readOwner(dataDir);
    if (owner && (owner.host !== hostname() || alive(owner.pid))) return owner;
    Atomics.wait(pause, 0, 0, 25);
  }
  return readOwner(dataDir);
}

/**
 * Takes the folder for this process or throws FolderInUseError at once (no waiting).
 * Other errors (a read-only or full disk) are thrown as they are, for the caller to explain.
 */
export function lockDataFolder(dataDir: string, program: string, now: () => number = Date.now): FolderLock {
  const file = join(dataDir, LOCK_FILE);
  const db = new Database(file, { timeout: 0 });
  try {
    chmodSync(file, 0o600);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('CREATE TABLE IF NOT EXISTS holder (id INTEGER PRIMARY KEY CHECK (id = 1), pid INTEGER, since INTEGER)');
    // The write takes the EXCLUSIVE lock, which EXCLUSIVE locking mode keeps until close.
    db.prepare('INSERT OR REPLACE INTO holder (id, pid, since) VALUES (1, ?, ?)').run(process.pid, now());
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') {
      throw new FolderInUseError(dataDir, currentOwner(dataDir));
    }
    throw err;
  }
  const previousOwnerCrashed = readOwner(dataDir) !== null;
  const owner: LockOwner = { pid: process.pid, host: hostname(), program, since: now() };
  const ownerFile = join(dataDir, OWNER_FILE);
  try {
    writeFileSync(ownerFile, JSON.stringify(owner), { mode: 0o600 });
    // `mode` applies only when the file is made: a note a crashed holder left behind (an
    // older version wrote it 644) would keep its mode.
    chmodSync(ownerFile, 0o600);
  } catch (err) {
    db.close();
    throw err;
  }
  let held = true;
  return {
    dataDir,
    previousOwnerCrashed,
    release() {
      if (!held) return;
      held = false;
      try {
        rmSync(join(dataDir, OWNER_FILE), { force: true });
      } finally {
        db.close();
      }
    },
  };
}
