/**
 * The store file and its safety: the one way the app, the web host and the store tool open
 * a data folder.
 *
 *   open:   folder 700 → exclusive folder lock → store file 600 → connection →
 *           quick_check if the previous owner crashed (on a worker thread with
 *           `startCheck: 'parallel'`, every write held until it reports) →
 *           copy before migrating → migrate
 *   run:    any corruption error puts the store read-only at once (reads go on)
 *   backup: verified copies in backups/, restore keeps the damaged file in damaged/
 */
import { accessSync, chmodSync, closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  copyStore,
  listBackups,
  pruneBackups,
  removePartialBackups,
  verifyStoreFile,
  writeBackup,
  writeSnapshotSync,
  type BackupInfo,
  type BackupReason,
} from './backup';
import { openConnection, type Db } from './connection';
import { lockDataFolder, type FolderLock } from './folder-lock';
import { checkDatabase, type CheckKind, type CheckResult } from './integrity';
import { resultOf, startCheckInWorker, type RunningCheck } from './start-check';
import { applyMigrations, pendingMigrations, type Migration } from './migrate';
import { MIGRATIONS } from './migrations';
import { StorageFaultError, storageFaultOf, type StorageFault } from './storage-faults';

export const STORE_FILE = 'daftar.sqlite';
export const BACKUP_DIR = 'backups';
export const DAMAGED_DIR = 'damaged';
export const EXPORT_DIR = 'exports';

/** db/ logs through whatever the host hands it (main/api/log.ts has the same shape). */
export interface StorageLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface OpenStorageOptions {
  dataDir: string;
  /** Who opens the folder, for the message another instance shows: 'app', 'web host', 'store tool'. */
  program: string;
  migrations?: readonly Migration[];
  now?: () => number;
  log?: StorageLog;
  /** Apply pending migrations (the store tool's check and export do not). Default true. */
  migrate?: boolean;
  /**
   * The quick_check after an unclean shutdown: 'wait' runs it before open returns;
   * 'parallel' runs it on a worker thread while the start goes on, reads are served, and
   * every write (and any migration) waits for its answer — a damaged store is never written
   * into. Default 'wait'.
   */
  startCheck?: 'wait' | 'parallel';
}

export interface StorageHealth {
  /** read-only: reads go on, every write is refused with `fault`. */
  state: 'ok' | 'read-only';
  fault: StorageFault | null;
  /** The file the fault concerns. */
  path: string | null;
  /** What SQLite or the system said (for the log and the details line). */
  detail: string | null;
  since: number | null;
}

export interface RestoreReport {
  restored: BackupInfo;
  /** Where the replaced store (and its -wal/-shm) now are. */
  setAside: string[];
  migrationsApplied: string[];
}

const SIDE_FILES = ['', '-wal', '-shm'];
const SILENT: StorageLog = { info() {}, warn() {}, error() {} };

export class Storage {
  readonly dbFile: string;
  readonly backupDir: string;
  readonly damagedDir: string;
  readonly exportDir: string;
  private startCheckResult: CheckResult | null;
  /** The start check still running on its worker; writes wait for it (holdWritesUntil). */
  private runningCheck: RunningCheck | null = null;
  private current: Db;
  private state: StorageHealth = { state: 'ok', fault: null, path: null, detail: null, since: null };
  private readonly healthListeners = new Set<(h: StorageHealth) => void>();
  private readonly reopenListeners = new Set<(db: Db) => void>();
  private backupRunning: Promise<BackupInfo> | null = null;

  private constructor(
    readonly dataDir: string,
    private readonly lock: FolderLock,
    db: Db,
    startCheck: CheckResult | null,
    private readonly migrations: readonly Migration[],
    private readonly now: () => number,
    private readonly log: StorageLog,
  ) {
    this.dbFile = join(dataDir, STORE_FILE);
    this.backupDir = join(dataDir, BACKUP_DIR);
    this.damagedDir = join(dataDir, DAMAGED_DIR);
    this.exportDir = join(dataDir, EXPORT_DIR);
    this.current = db;
    this.startCheckResult = startCheck;
  }

  /** The quick_check made at start after a crash, if any (waits for it when it still runs). */
  get startCheck(): CheckResult | null {
    this.awaitStartCheck();
    return this.startCheckResult;
  }

  /** True while the start check runs beside the start and writes wait for it. */
  get checkingAtStart(): boolean {
    return this.runningCheck !== null;
  }

  /**
   * Waits (blocking this thread) for the start check still running, and acts on its answer:
   * writes go on after an ok, the store turns read-only after a problem. At once when none runs.
   */
  awaitStartCheck(): void {
    const running = this.runningCheck;
    if (!running) return;
    this.runningCheck = null;
    const answer = running.wait();
    const fromWorker = resultOf(answer);
    let result = fromWorker;
    // The worker could not check (it did not start, or could not open the file): check here.
    if (!result) {
      this.log.warn('start check could not run on its worker; checking here', { detail: 'error' in answer ? answer.error.message : null });
      result = checkDatabase(this.current, 'quick');
    }
    this.startCheckResult = result;
    this.log[result.ok ? 'info' : 'error']('start check after an unclean shutdown', { ...result, worker: fromWorker !== null });
    releaseWrites(this.current);
    if (!result.ok) this.markReadOnly('corrupt', this.dbFile, result.problems.join('; '));
    else if (this.state.state === 'ok') this.current.pragma('query_only = OFF');
  }

  /**
   * Holds every write on the connection until the running start check answers: a statement
   * that writes, and exec, first wait for it (awaitStartCheck); query_only refuses anything
   * else that would write before then. Reads are served meanwhile.
   */
  private holdWritesUntil(running: RunningCheck): void {
    this.runningCheck = running;
    this.current.pragma('query_only = ON');
    holdWrites(this.current, () => this.awaitStartCheck());
    // Answered while the thread is idle: act on it then, so writes need not wait at all.
    running.onAnswer(() => this.awaitStartCheck());
  }

  /**
   * Opens the data folder for this process. Throws FolderInUseError when another process
   * holds it, StorageFaultError for a folder or file that cannot be used (with its path),
   * IncompatibleDatabaseError for a store of a newer version.
   */
  static open(options: OpenStorageOptions): Storage {
    const { dataDir } = options;
    const migrations = options.migrations ?? MIGRATIONS;
    const now = options.now ?? Date.now;
    const log = options.log ?? SILENT;
    const dbFile = join(dataDir, STORE_FILE);

    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      chmodSync(dataDir, 0o700);
    } catch (err) {
      throw new StorageFaultError(storageFaultOf(err) ?? 'cannot-open', dataDir, err);
    }
    let lock: FolderLock;
    try {
      lock = lockDataFolder(dataDir, options.program, now);
    } catch (err) {
      const fault = storageFaultOf(err);
      if (fault && fault !== 'locked') throw new StorageFaultError(fault, dataDir, err);
      throw err;
    }

    let db: Db | null = null;
    let running: RunningCheck | null = null;
    try {
      removePartialBackups(join(dataDir, BACKUP_DIR));
      const fresh = !existsSync(dbFile);
      if (fresh) closeSync(openSync(dbFile, 'a', 0o600));
      // Files made by older versions were 644; SQLite gives -wal and -shm the store's mode.
      // A file we may not change (read-only, immutable) keeps its mode; writability is checked next.
      for (const side of SIDE_FILES) {
        try {
          if (existsSync(dbFile + side)) chmodSync(dbFile + side, 0o600);
        } catch {
          // see above
        }
      }
      const writable = canWrite(dbFile);
      // The worker starts first: booting a thread takes about as long as opening the
      // connection (and recovering the WAL), so the two overlap.
      if (lock.previousOwnerCrashed && !fresh && writable && options.startCheck === 'parallel') {
        try {
          running = startCheckInWorker(dbFile);
        } catch (err) {
          log.warn('start check cannot run on a worker thread; checking before the start goes on', { err });
        }
      }
      try {
        db = openConnection(dbFile, { readonly: !writable });
      } catch (err) {
        throw new StorageFaultError(storageFaultOf(err) ?? 'cannot-open', dbFile, err);
      }

      let startCheck: CheckResult | null = null;
      if (lock.previousOwnerCrashed && !fresh && !running) {
        startCheck = checkDatabase(db, 'quick');
        log[startCheck.ok ? 'info' : 'error']('start check after an unclean shutdown', { ...startCheck });
      }
      const storage = new Storage(dataDir, lock, db, startCheck, migrations, now, log);
      if (running) storage.holdWritesUntil(running);
      if (startCheck && !startCheck.ok) {
        // Never migrate (write) into a damaged file: serve what can be read, offer a backup.
        storage.markReadOnly('corrupt', dbFile, startCheck.problems.join('; '));
        return storage;
      }
      if (!writable) {
        storage.markReadOnly('read-only', dbFile, 'the store file is not writable');
        if (pendingMigrations(db, migrations).length > 0) throw new StorageFaultError('read-only', dbFile);
        return storage;
      }
      if (options.migrate !== false) storage.migrate();
      return storage;
    } catch (err) {
      running?.stop();
      try {
        db?.close();
      } finally {
        lock.release();
      }
      const fault = storageFaultOf(err);
      if (fault && !(err instanceof StorageFaultError)) throw new StorageFaultError(fault, dbFile, err);
      throw err;
    }
  }

  get db(): Db {
    return this.current;
  }

  health(): StorageHealth {
    return { ...this.state };
  }

  onHealthChange(listener: (h: StorageHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** After a restore the connection is a new one; whoever holds the old one must switch. */
  onReopen(listener: (db: Db) => void): () => void {
    this.reopenListeners.add(listener);
    return () => this.reopenListeners.delete(listener);
  }

  /**
   * Looks at an error from any use of the store. A corruption error turns the store
   * read-only at once; every storage fault is returned for the caller to explain.
   */
  noticeError(err: unknown): StorageFault | null {
    const fault = storageFaultOf(err);
    if (fault === 'corrupt' && this.state.state !== 'read-only') {
      this.markReadOnly('corrupt', this.dbFile, err instanceof Error ? err.message : String(err));
    }
    return fault;
  }

  markReadOnly(fault: StorageFault, path: string, detail: string): void {
    this.state = { state: 'read-only', fault, path, detail, since: this.now() };
    try {
      // SQLite itself refuses writes from here on, whatever path they take.
      this.current.pragma('query_only = ON');
    } catch {
      // A connection too damaged to take a pragma refuses writes anyway.
    }
    this.log.error('store is read-only', { fault, path, detail });
    for (const l of this.healthListeners) l(this.health());
  }

  /** quick_check or integrity_check; a failed check turns the store read-only. */
  check(kind: CheckKind): CheckResult {
    this.awaitStartCheck();
    const result = checkDatabase(this.current, kind);
    this.log[result.ok ? 'info' : 'error'](`${kind} check`, { ...result });
    if (!result.ok && this.state.fault !== 'corrupt') this.markReadOnly('corrupt', this.dbFile, result.problems.join('; '));
    return result;
  }

  backups(): BackupInfo[] {
    return listBackups(this.backupDir);
  }

  /** A verified online backup; one at a time (a second request waits for the running one). */
  async backup(reason: BackupReason): Promise<BackupInfo> {
    if (this.backupRunning) return this.backupRunning;
    this.awaitStartCheck();
    const run = (async () => {
      const info = await writeBackup(this.current, this.backupDir, reason, this.now(), this.migrations);
      const pruned = pruneBackups(this.backupDir);
      this.log.info('backup written', { name: info.name, bytes: info.bytes, pruned: pruned.map((p) => p.name) });
      return info;
    })();
    this.backupRunning = run;
    try {
      return await run;
    } finally {
      this.backupRunning = null;
    }
  }

  /** The whole store in one file (a verified online copy), by default under exports/, for moving or keeping. */
  async exportTo(file?: string): Promise<string> {
    const stamp = new Date(this.now()).toISOString().replace(/[-:]/g, '').replace('.', '');
    let target = file ?? join(this.exportDir, `daftar-export-${stamp}.sqlite`);
    for (let n = 2; file === undefined && existsSync(target); n++) target = join(this.exportDir, `daftar-export-${stamp}-${n}.sqlite`);
    mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
    if (existsSync(target)) throw new Error(`${target} exists already`);
    await copyStore(this.current, target, this.migrations);
    return target;
  }

  /**
   * Replaces the store with a verified backup (the newest good one when none is named).
   * The replaced file is kept in damaged/, never deleted. The connection is reopened and
   * every onReopen listener gets the new one.
   */
  restore(name?: string): RestoreReport {
    const chosen = chooseGoodBackup(this.backups(), name, this.migrations);
    this.runningCheck?.stop();
    this.runningCheck = null;
    try {
      this.current.close();
    } catch {
      // A damaged connection may fail to close cleanly; the file is set aside anyway.
    }
    let setAside: string[];
    try {
      setAside = replaceStoreFile(this.dbFile, this.damagedDir, chosen, this.now());
    } finally {
      // Whatever happened, this process keeps a connection to whatever file is in place.
      this.current = openConnection(this.dbFile);
    }
    this.state = { state: 'ok', fault: null, path: null, detail: null, since: null };
    const migrationsApplied = applyMigrations(this.current, this.migrations);
    this.log.warn('store restored from backup', { backup: chosen.name, setAside, migrationsApplied });
    for (const l of this.reopenListeners) l(this.current);
    for (const l of this.healthListeners) l(this.health());
    return { restored: chosen, setAside, migrationsApplied };
  }

  /**
   * Restore without opening the store (it may be too damaged to open at all): for the store
   * tool while Daftar is closed. Takes the folder lock like any other opener.
   */
  static restoreClosed(options: { dataDir: string; program: string; name?: string; migrations?: readonly Migration[]; now?: () => number }): {
    restored: BackupInfo;
    setAside: string[];
  } {
    const migrations = options.migrations ?? MIGRATIONS;
    const lock = lockDataFolder(options.dataDir, options.program, options.now);
    try {
      const chosen = chooseGoodBackup(listBackups(join(options.dataDir, BACKUP_DIR)), options.name, migrations);
      const setAside = replaceStoreFile(join(options.dataDir, STORE_FILE), join(options.dataDir, DAMAGED_DIR), chosen, (options.now ?? Date.now)());
      return { restored: chosen, setAside };
    } finally {
      lock.release();
    }
  }

  /** Closes the store and releases the folder. */
  close(): void {
    this.runningCheck?.stop();
    this.runningCheck = null;
    try {
      this.current.close();
    } finally {
      this.lock.release();
    }
  }

  private migrate(): void {
    const pending = pendingMigrations(this.current, this.migrations);
    if (pending.length === 0) return;
    // Never migrate (write) into a store not yet known to be sound.
    this.awaitStartCheck();
    if (this.state.state === 'read-only') return;
    const hasData = pending.length < this.migrations.length;
    if (hasData) {
      const copy = writeSnapshotSync(this.current, this.backupDir, 'pre-migration', this.now(), this.migrations);
      this.log.info('backup before migrating', { name: copy.name, pending: pending.map((m) => m.name) });
    }
    const applied = applyMigrations(this.current, this.migrations);
    if (applied.length > 0) this.log.info('migrations applied', { applied });
  }
}

type Way = (...params: unknown[]) => unknown;
/** Every way to run a statement: a statement that writes and returns rows (INSERT … RETURNING) writes through any of them. */
const WAYS = ['run', 'get', 'all', 'iterate'] as const;

/** Makes statements that write, and exec, on this connection wait for `gate` first (holdWritesUntil). */
function holdWrites(db: Db, gate: () => void): void {
  const prepare = db.prepare;
  const exec = db.exec;
  const held = db as unknown as { prepare: unknown; exec: unknown };
  held.prepare = function (this: Db, ...args: Parameters<Db['prepare']>) {
    const statement = prepare.apply(this, args);
    // `readonly`, not `reader`: a statement that returns rows may still write.
    if (statement.readonly) return statement;
    const ways = statement as unknown as Record<(typeof WAYS)[number], Way>;
    for (const way of WAYS) {
      const original = ways[way];
      ways[way] = (...params) => {
        gate();
        return original.apply(statement, params);
      };
    }
    return statement;
  };
  held.exec = function (this: Db, source: string) {
    gate();
    return exec.call(this, source);
  };
}

/** Statements prepared from now on are plain again (those prepared while held pass the open gate). */
function releaseWrites(db: Db): void {
  const held = db as unknown as { prepare?: unknown; exec?: unknown };
  delete held.prepare;
  delete held.exec;
}

function canWrite(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The named backup, or the newest one that verifies; throws when there is none. */
export function chooseGoodBackup(list: readonly BackupInfo[], name: string | undefined, migrations: readonly Migration[]): BackupInfo {
  const candidates = list.filter((b) => name === undefined || b.name === name);
  if (name !== undefined && candidates.length === 0) throw new NoGoodBackupError(`no backup named ${name}`);
  const good = candidates.find((b) => verifyStoreFile(b.file, migrations).ok);
  if (!good) throw new NoGoodBackupError(name ? `backup ${name} did not verify` : 'no backup verifies');
  return good;
}

export class NoGoodBackupError extends Error {
  override readonly name = 'NoGoodBackupError';
}

/**
 * Puts `backup` in place of the store: the store and its -wal/-shm move into `damagedDir`
 * (kept, never deleted), then a synced copy of the backup takes the store's name. If the
 * copy fails, the previous files are put back.
 */
export function replaceStoreFile(dbFile: string, damagedDir: string, backup: BackupInfo, at: number): string[] {
  const setAside = setAsideStore(dbFile, damagedDir, at);
  try {
    installCopy(backup.file, dbFile);
  } catch (err) {
    for (const f of setAside) {
      const side = SIDE_FILES.find((s) => s !== '' && f.endsWith(`.sqlite${s}`)) ?? '';
      renameSync(f, dbFile + side);
    }
    throw err;
  }
  return setAside;
}

/** Moves the store and its -wal/-shm into `dir` under a time-stamped name; returns the new paths. */
export function setAsideStore(dbFile: string, dir: string, at: number): string[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
  const moved: string[] = [];
  for (const side of SIDE_FILES) {
    const from = dbFile + side;
    if (!existsSync(from)) continue;
    const to = join(dir, `daftar-${stamp}.sqlite${side}`);
    renameSync(from, to);
    moved.push(to);
  }
  return moved;
}

/** Copies a backup into place: to a temporary name, synced, then renamed over the store's name. */
export function installCopy(source: string, dbFile: string): void {
  const tmp = `${dbFile}.restoring`;
  copyFileSync(source, tmp);
  chmodSync(tmp, 0o600);
  const fd = openSync(tmp, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, dbFile);
}

/** Size of the store with its WAL, for figures and the settings page. */
export function storeBytes(dbFile: string): number {
  let total = 0;
  for (const side of ['', '-wal']) {
    try {
      total += statSync(dbFile + side).size;
    } catch {
      // absent
    }
  }
  return total;
}
