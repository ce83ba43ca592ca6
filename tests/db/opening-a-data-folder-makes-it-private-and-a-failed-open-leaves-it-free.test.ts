import { existsSync, mkdirSync, readdirSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as FolderLockModule from '../../db/folder-lock';
import { LOCK_FILE } from '../../db/folder-lock';
import { MIGRATIONS } from '../../db/migrations';
import type * as StorageModule from '../../db/storage';
import type * as FaultsModule from '../../db/storage-faults';
import { canMakeImmutable, foldersRemovedAfterEachTest, leaveCrashNote, mode, recordingLog, storeWithDamagedCells, whileImmutable } from './store-folder';
import { START } from './temp-folder';

/**
 * db/storage.ts is loaded once the tests start, not by an import at the top: its file names
 * and its silent log are made when it loads, and a mutation run switches its mutant on only
 * as the tests start. The errors compared with are loaded with it (the classes it throws).
 */
let Storage: typeof StorageModule.Storage;
let StorageFaultError: typeof FaultsModule.StorageFaultError;
let FolderInUseError: typeof FolderLockModule.FolderInUseError;
beforeAll(async () => {
  vi.resetModules();
  ({ Storage } = await import('../../db/storage'));
  ({ StorageFaultError } = await import('../../db/storage-faults'));
  ({ FolderInUseError } = await import('../../db/folder-lock'));
});

const folder = foldersRemovedAfterEachTest();
const now = () => START;

/** What Storage.open threw, for a look at its kind, path and cause. */
function openFails(options: Parameters<typeof Storage.open>[0]): unknown {
  try {
    Storage.open(options).close();
  } catch (err) {
    return err;
  }
  throw new Error('Storage.open did not throw');
}

const migrationsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM schema_migrations').pluck().get();
  } finally {
    db.close();
  }
};

/** A store this version's predecessor made: every migration but the last; closed cleanly. */
function olderStore(label: string): string {
  const dir = folder(label);
  Storage.open({ dataDir: dir, program: 'test', migrations: MIGRATIONS.slice(0, -1), now }).close();
  return dir;
}

describe('opening a data folder', () => {
  it('makes the folder, and the folders made on the way to it, 700; the store file and its WAL files 600, also when an older version left them 755/644', () => {
    const root = folder('private');
    const dataDir = join(root, 'made', 'data');
    const storage = Storage.open({ dataDir, program: 'test', now });
    try {
      expect(mode(join(root, 'made'))).toBe(0o700);
      expect(mode(dataDir)).toBe(0o700);
      // -wal and -shm exist while the store is open, and take the store file's mode.
      for (const f of ['daftar.sqlite', 'daftar.sqlite-wal', 'daftar.sqlite-shm']) expect(mode(join(dataDir, f)), f).toBe(0o600);
    } finally {
      storage.close();
    }

    // An older version made the folder 755 and its files 644 (empty -wal and -shm are what a
    // crash can leave; SQLite takes them as they are).
    const older = folder('private-older');
    chmodSync(older, 0o755);
    const dbFile = join(older, 'daftar.sqlite');
    Storage.open({ dataDir: older, program: 'test', now }).close();
    for (const side of ['-wal', '-shm']) writeFileSync(dbFile + side, '');
    for (const side of ['', '-wal', '-shm']) chmodSync(dbFile + side, 0o644);
    const reopened = Storage.open({ dataDir: older, program: 'test', now });
    try {
      expect(mode(older)).toBe(0o700);
      for (const side of ['', '-wal', '-shm']) expect(mode(dbFile + side), side).toBe(0o600);
    } finally {
      reopened.close();
    }
  });

  it('a folder that cannot be made, or made private, fails naming the folder and why', async () => {
    const root = folder('unmakeable');
    writeFileSync(join(root, 'a-file'), '');
    const underAFile = join(root, 'a-file', 'data');
    const e1 = openFails({ dataDir: underAFile, program: 'test' });
    expect(e1).toBeInstanceOf(StorageFaultError);
    expect(e1).toMatchObject({ fault: 'cannot-open', path: underAFile, cause: { code: 'ENOTDIR' } });
    // A file where the folder should be: the system's EEXIST is no kind of its own, so it is "cannot open".
    const aFile = join(root, 'a-file');
    const e0 = openFails({ dataDir: aFile, program: 'test' });
    expect(e0).toBeInstanceOf(StorageFaultError);
    expect(e0).toMatchObject({ fault: 'cannot-open', path: aFile, cause: { code: 'EEXIST' } });

    if (!canMakeImmutable) return;
    // A folder whose mode cannot be changed (immutable): the system says EPERM, which a person reads as "not writable".
    const fixed = folder('unmakeable-fixed');
    const e2 = await whileImmutable(fixed, () => openFails({ dataDir: fixed, program: 'test' }));
    expect(e2).toBeInstanceOf(StorageFaultError);
    expect(e2).toMatchObject({ fault: 'read-only', path: fixed, cause: { code: 'EPERM' } });
  });

  it('a folder another opener holds is refused with who holds it; a lock file that cannot be written is a fault of the folder', async () => {
    const dir = folder('held');
    const first = Storage.open({ dataDir: dir, program: 'web host', now });
    try {
      const e = openFails({ dataDir: dir, program: 'test' });
      expect(e).toBeInstanceOf(FolderInUseError);
      expect((e as FolderLockModule.FolderInUseError).owner).toMatchObject({ pid: process.pid, program: 'web host' });
    } finally {
      first.close();
    }
    if (!canMakeImmutable) return;
    const e = await whileImmutable(join(dir, LOCK_FILE), () => openFails({ dataDir: dir, program: 'test' }));
    expect(e).toBeInstanceOf(StorageFaultError);
    expect(e).toMatchObject({ fault: 'read-only', path: dir, cause: { code: 'EPERM' } });
    // Closed and released: the folder opens again.
    Storage.open({ dataDir: dir, program: 'test' }).close();
  });

  it('removes the copies an interrupted backup left, and keeps the backups', async () => {
    const dir = folder('partial');
    const first = Storage.open({ dataDir: dir, program: 'test', now });
    let backup: string;
    try {
      backup = (await first.backup('manual')).name;
    } finally {
      first.close();
    }
    // A crash in the middle of a copy leaves it under its temporary name (db/backup.ts).
    writeFileSync(join(dir, 'backups', `.partial-${backup}`), 'half a copy');
    Storage.open({ dataDir: dir, program: 'test', now }).close();
    expect(readdirSync(join(dir, 'backups'))).toEqual([backup]);
  });

  it('checks a store its previous holder left after a crash before it is used, and neither a new store nor one closed cleanly', async () => {
    // A new store after a crash: nothing to check.
    const fresh = folder('check-fresh');
    leaveCrashNote(fresh);
    const s1 = Storage.open({ dataDir: fresh, program: 'test', startCheck: 'parallel', now });
    try {
      expect(s1.checkingAtStart).toBe(false);
      expect(s1.startCheck).toBeNull();
    } finally {
      s1.close();
    }
    // Closed cleanly: no check, on a worker or not.
    const s2 = Storage.open({ dataDir: fresh, program: 'test', startCheck: 'parallel', now });
    try {
      expect(s2.checkingAtStart).toBe(false);
      expect(s2.startCheck).toBeNull();
    } finally {
      s2.close();
    }
    // After a crash, by default the check runs before open returns, and the log says so.
    leaveCrashNote(fresh);
    const log = recordingLog();
    const s3 = Storage.open({ dataDir: fresh, program: 'test', now, log });
    try {
      expect(s3.checkingAtStart).toBe(false);
      expect(s3.startCheck).toMatchObject({ kind: 'quick', ok: true, problems: [] });
      expect(log.lines).toContainEqual({ level: 'info', message: 'start check after an unclean shutdown', fields: s3.startCheck });
    } finally {
      s3.close();
    }
    // Beside the start on a worker when asked; the log says the worker did it.
    leaveCrashNote(fresh);
    const log4 = recordingLog();
    const s4 = Storage.open({ dataDir: fresh, program: 'test', startCheck: 'parallel', now, log: log4 });
    try {
      expect(s4.checkingAtStart).toBe(true);
      expect(s4.startCheck).toMatchObject({ kind: 'quick', ok: true, problems: [] });
      expect(s4.checkingAtStart).toBe(false);
      expect(log4.lines).toContainEqual({ level: 'info', message: 'start check after an unclean shutdown', fields: { ...s4.startCheck, worker: true } });
      // The worker's own answer is taken: no check is made again here.
      expect(log4.lines.filter((l) => l.level === 'warn')).toEqual([]);
      // Writes go on once it said ok.
      s4.db.prepare("INSERT INTO settings (key, value) VALUES ('after-check', 'x')").run();
    } finally {
      s4.close();
    }
    if (!canMakeImmutable) return;
    // A store file that cannot be written is never written into: its check runs here, not on a worker.
    leaveCrashNote(fresh);
    await whileImmutable(join(fresh, 'daftar.sqlite'), () => {
      const s5 = Storage.open({ dataDir: fresh, program: 'test', startCheck: 'parallel', now });
      try {
        expect(s5.checkingAtStart).toBe(false);
        expect(s5.startCheck).toMatchObject({ kind: 'quick', ok: true });
        expect(s5.health().fault).toBe('read-only');
      } finally {
        s5.close();
      }
    });
  });

  it('a store the start check finds damaged opens read-only with every problem found, and is neither copied nor migrated, whether the check ran before open returned or beside it', () => {
    // One migration this store has not had: a sound store would be copied and migrated now.
    const migrations = [...MIGRATIONS, { name: '9999_pending', sql: 'CREATE TABLE pending_probe (x TEXT)' }];
    for (const startCheck of ['wait', 'parallel'] as const) {
      const dir = folder(`damaged-start-${startCheck}`);
      const dbFile = storeWithDamagedCells(join(dir, 'daftar.sqlite'));
      leaveCrashNote(dir);
      const log = recordingLog();
      const storage = Storage.open({ dataDir: dir, program: 'test', startCheck, migrations, now, log });
      try {
        const found = storage.startCheck!;
        expect(found).toMatchObject({ kind: 'quick', ok: false });
        expect(found.problems.length, startCheck).toBeGreaterThan(1);
        expect(storage.health()).toEqual({ state: 'read-only', fault: 'corrupt', path: dbFile, detail: found.problems.join('; '), since: START });
        expect(log.lines.filter((l) => l.level === 'error').map((l) => l.message)).toEqual(['start check after an unclean shutdown', 'store is read-only']);
        expect(storage.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'pending_probe'").pluck().get()).toBe(0);
        expect(storage.backups()).toEqual([]);
      } finally {
        storage.close();
      }
      expect(existsSync(join(dir, 'backups'))).toBe(false);
    }
  });

  it.runIf(canMakeImmutable)('a store file that cannot be written opens read-only and serves reads; one that would need a migration is refused and the folder left free', async () => {
    const dir = folder('immutable-store');
    const dbFile = join(dir, 'daftar.sqlite');
    const first = Storage.open({ dataDir: dir, program: 'test', now });
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run();
    first.close();
    await whileImmutable(dbFile, () => {
      const log = recordingLog();
      const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START + 7, log });
      try {
        expect(storage.health()).toEqual({ state: 'read-only', fault: 'read-only', path: dbFile, detail: 'the store file is not writable', since: START + 7 });
        expect(storage.db.prepare("SELECT value FROM settings WHERE key = 'kept'").pluck().get()).toBe('yes');
        expect(log.lines).toContainEqual({ level: 'error', message: 'store is read-only', fields: { fault: 'read-only', path: dbFile, detail: 'the store file is not writable' } });
      } finally {
        storage.close();
      }
    });

    const older = olderStore('immutable-older');
    const olderFile = join(older, 'daftar.sqlite');
    const e = await whileImmutable(olderFile, () => openFails({ dataDir: older, program: 'test' }));
    expect(e).toBeInstanceOf(StorageFaultError);
    expect(e).toMatchObject({ fault: 'read-only', path: olderFile });
    // The folder is free again and the store as it was: this time it migrates.
    expect(migrationsIn(olderFile)).toBe(MIGRATIONS.length - 1);
    Storage.open({ dataDir: older, program: 'test' }).close();
    expect(migrationsIn(olderFile)).toBe(MIGRATIONS.length);
  });

  it('a file that is not a store fails as damaged, naming the file and what SQLite said, and leaves the folder free', () => {
    const dir = folder('not-a-store');
    const dbFile = join(dir, 'daftar.sqlite');
    writeFileSync(dbFile, 'this is not a database '.repeat(100));
    const e = openFails({ dataDir: dir, program: 'test' });
    expect(e).toBeInstanceOf(StorageFaultError);
    expect(e).toMatchObject({ fault: 'corrupt', path: dbFile, cause: { code: 'SQLITE_NOTADB' } });
    expect((e as FaultsModule.StorageFaultError).cause).toBeInstanceOf(Database.SqliteError);
    rmSync(dbFile);
    Storage.open({ dataDir: dir, program: 'test' }).close();
  });

  it.runIf(canMakeImmutable)('a migration whose copy cannot be taken does not run: the open fails as a storage fault of the store and leaves the folder free', async () => {
    const dir = olderStore('no-copy');
    const dbFile = join(dir, 'daftar.sqlite');
    mkdirSync(join(dir, 'backups'), { recursive: true });
    const e = await whileImmutable(join(dir, 'backups'), () => openFails({ dataDir: dir, program: 'test', startCheck: 'parallel' }));
    expect(e).toBeInstanceOf(StorageFaultError);
    // SQLite cannot make the copy's file (VACUUM INTO): the fault is named for the store being opened.
    expect(e).toMatchObject({ fault: 'cannot-open', path: dbFile });
    expect((e as FaultsModule.StorageFaultError).cause).toBeInstanceOf(Database.SqliteError);
    // Nothing is left open: the last connection to close removes the WAL files.
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    expect(migrationsIn(dbFile)).toBe(MIGRATIONS.length - 1);
    Storage.open({ dataDir: dir, program: 'test' }).close();
    expect(migrationsIn(dbFile)).toBe(MIGRATIONS.length);
  });

  it('copies a store made by an older version before migrating it, once; a new store, a current one and one opened without migrating get no copy', () => {
    const dir = olderStore('migrate-once');
    const dbFile = join(dir, 'daftar.sqlite');
    // The store tool's check and export look at the store as it is.
    const asItIs = Storage.open({ dataDir: dir, program: 'store tool', migrate: false, now });
    try {
      expect(asItIs.backups()).toEqual([]);
    } finally {
      asItIs.close();
    }
    expect(migrationsIn(dbFile)).toBe(MIGRATIONS.length - 1);

    const log = recordingLog();
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START + 60_000, log });
    let copy: string;
    try {
      const copies = storage.backups();
      expect(copies.map((b) => [b.reason, b.at])).toEqual([['pre-migration', START + 60_000]]);
      copy = copies[0]!.name;
      expect(migrationsIn(copies[0]!.file)).toBe(MIGRATIONS.length - 1);
      expect(log.lines).toEqual([
        { level: 'info', message: 'backup before migrating', fields: { name: copy, pending: [MIGRATIONS.at(-1)!.name] } },
        { level: 'info', message: 'migrations applied', fields: { applied: [MIGRATIONS.at(-1)!.name] } },
      ]);
    } finally {
      storage.close();
    }
    expect(migrationsIn(dbFile)).toBe(MIGRATIONS.length);

    const log2 = recordingLog();
    const again = Storage.open({ dataDir: dir, program: 'test', now: () => START + 120_000, log: log2 });
    try {
      expect(again.backups().map((b) => b.name)).toEqual([copy]);
      expect(log2.lines).toEqual([]);
    } finally {
      again.close();
    }

    const fresh = folder('migrate-fresh');
    const log3 = recordingLog();
    const made = Storage.open({ dataDir: fresh, program: 'test', now, log: log3 });
    try {
      expect(made.backups()).toEqual([]);
      expect(log3.lines).toEqual([{ level: 'info', message: 'migrations applied', fields: { applied: MIGRATIONS.map((m) => m.name) } }]);
    } finally {
      made.close();
    }
    expect(existsSync(join(fresh, 'backups'))).toBe(false);
  });
});
