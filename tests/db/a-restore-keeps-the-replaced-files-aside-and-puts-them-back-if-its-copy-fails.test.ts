import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { backupFileName, listBackups } from '../../db/backup';
import type { Db } from '../../db/connection';
import type * as FolderLockModule from '../../db/folder-lock';
import { MIGRATIONS } from '../../db/migrations';
import type * as StorageModule from '../../db/storage';
import type { StorageHealth } from '../../db/storage';
import { fillerStore, garbleMiddleLeaves } from './damaged-store';
import { foldersRemovedAfterEachTest, leaveCrashNote, mode, recordingLog } from './store-folder';
import { START } from './temp-folder';

/**
 * db/storage.ts is loaded once the tests start, not by an import at the top: its file names
 * and its silent log are made when it loads, and a mutation run switches its mutant on only
 * as the tests start. The errors compared with are loaded with it (the classes it throws).
 */
let Storage: typeof StorageModule.Storage;
let NoGoodBackupError: typeof StorageModule.NoGoodBackupError;
let chooseGoodBackup: typeof StorageModule.chooseGoodBackup;
let replaceStoreFile: typeof StorageModule.replaceStoreFile;
let setAsideStore: typeof StorageModule.setAsideStore;
let FolderInUseError: typeof FolderLockModule.FolderInUseError;
beforeAll(async () => {
  vi.resetModules();
  ({ Storage, NoGoodBackupError, chooseGoodBackup, replaceStoreFile, setAsideStore } = await import('../../db/storage'));
  ({ FolderInUseError } = await import('../../db/folder-lock'));
});

const folder = foldersRemovedAfterEachTest();

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const MINUTE = 60_000;
/** START as the names of set-aside files and backups spell it. */
const STAMP = '20250321T080000000Z';

const mark = (db: Db) => db.prepare("SELECT value FROM settings WHERE key = 'mark'").pluck().get();
const setMark = (db: Db, value: string) => db.prepare("INSERT INTO settings (key, value) VALUES ('mark', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(value);

/** Reads a closed store's mark with a connection of the test's own. */
function markIn(file: string): unknown {
  const db = new Database(file, { readonly: true });
  try {
    return mark(db);
  } finally {
    db.close();
  }
}

/** A data folder whose store had the mark 'in the backup' when its one manual backup was taken, and 'after' now; closed. */
async function folderWithBackup(label: string): Promise<{ dir: string; backup: string }> {
  const dir = folder(label);
  const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START - MINUTE });
  try {
    setMark(storage.db, 'in the backup');
    const backup = (await storage.backup('manual')).name;
    setMark(storage.db, 'after');
    return { dir, backup };
  } finally {
    storage.close();
  }
}

describe('a restore', () => {
  it('puts the newest good backup in place, keeps the replaced file in damaged/ under the time, reopens, and tells whoever listens', async () => {
    const { dir, backup } = await folderWithBackup('restore');
    const dbFile = join(dir, 'daftar.sqlite');
    const log = recordingLog();
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START, log });
    try {
      const old = storage.db;
      const before = hash(dbFile);
      const reopened: Db[] = [];
      const heard: StorageHealth[] = [];
      storage.onReopen((db) => reopened.push(db));
      const stop = storage.onReopen(() => reopened.push(old));
      stop();
      storage.onHealthChange((h) => heard.push(h));
      storage.markReadOnly('corrupt', dbFile, 'found damaged');

      const r = storage.restore();
      const aside = join(dir, 'damaged', `daftar-${STAMP}.sqlite`);
      expect(r).toEqual({ restored: expect.objectContaining({ name: backup }), setAside: [aside], migrationsApplied: [] });
      expect(hash(aside)).toBe(before);
      expect(mode(join(dir, 'damaged'))).toBe(0o700);
      expect(mode(dbFile)).toBe(0o600);
      expect(existsSync(`${dbFile}.restoring`)).toBe(false);

      // A new connection, to the restored file, writable: every listener switches to it.
      expect(storage.db).not.toBe(old);
      expect(old.open).toBe(false);
      expect(reopened).toEqual([storage.db]);
      expect(mark(storage.db)).toBe('in the backup');
      setMark(storage.db, 'written after the restore');
      const ok = { state: 'ok', fault: null, path: null, detail: null, since: null };
      expect(storage.health()).toEqual(ok);
      expect(heard.at(-1)).toEqual(ok);
      expect(log.lines.at(-1)).toEqual({ level: 'warn', message: 'store restored from backup', fields: { backup, setAside: [aside], migrationsApplied: [] } });
    } finally {
      storage.close();
    }
  });

  it('of a backup an older version made brings it up to this version', async () => {
    const dir = folder('restore-older');
    const older = Storage.open({ dataDir: dir, program: 'test', migrations: MIGRATIONS.slice(0, -1), now: () => START - MINUTE });
    let backup: string;
    try {
      backup = (await older.backup('manual')).name;
    } finally {
      older.close();
    }
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START });
    try {
      const r = storage.restore(backup);
      expect(r.restored.name).toBe(backup);
      expect(r.migrationsApplied).toEqual([MIGRATIONS.at(-1)!.name]);
      expect(storage.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    } finally {
      storage.close();
    }
  });

  it('while the start check still runs stops it: the restored store takes writes at once', async () => {
    const dir = folder('restore-checking');
    const dbFile = fillerStore(join(dir, 'daftar.sqlite'));
    const first = Storage.open({ dataDir: dir, program: 'test', now: () => START - MINUTE });
    try {
      await first.backup('manual');
    } finally {
      first.close();
    }
    garbleMiddleLeaves(dbFile);
    leaveCrashNote(dir);
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel', now: () => START });
    try {
      expect(storage.checkingAtStart).toBe(true);
      storage.restore();
      expect(storage.checkingAtStart).toBe(false);
      setMark(storage.db, 'written at once');
      expect(storage.health().state).toBe('ok');
      expect(storage.check('quick').ok).toBe(true);
    } finally {
      storage.close();
    }
  });

  it('whose copy fails puts the replaced file back, keeps a connection to it, and says why', async () => {
    const { dir } = await folderWithBackup('restore-fails');
    const dbFile = join(dir, 'daftar.sqlite');
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START });
    try {
      const before = hash(dbFile);
      // The copy's temporary name is taken by a folder: copying the backup there fails.
      mkdirSync(`${dbFile}.restoring`);
      expect(() => storage.restore()).toThrow(/restoring/);
      expect(hash(dbFile)).toBe(before);
      expect(readdirSync(join(dir, 'damaged'))).toEqual([]);
      expect(mark(storage.db)).toBe('after');
      setMark(storage.db, 'still writable');
    } finally {
      storage.close();
      rmSync(`${dbFile}.restoring`, { recursive: true, force: true });
    }
    expect(markIn(dbFile)).toBe('still writable');
  });

  it('with the store closed takes the folder like any opener, and leaves it free whatever happens', async () => {
    const { dir, backup } = await folderWithBackup('restore-closed');
    const dbFile = join(dir, 'daftar.sqlite');
    const before = hash(dbFile);

    const open = Storage.open({ dataDir: dir, program: 'app' });
    try {
      expect(() => Storage.restoreClosed({ dataDir: dir, program: 'store tool' })).toThrow(FolderInUseError);
      expect(existsSync(join(dir, 'damaged'))).toBe(false);
    } finally {
      open.close();
    }

    // A list of migrations the backup does not match (an older version's tool): nothing verifies, nothing moves.
    expect(() => Storage.restoreClosed({ dataDir: dir, program: 'store tool', migrations: MIGRATIONS.slice(0, -1) })).toThrow(NoGoodBackupError);
    expect(hash(dbFile)).toBe(before);

    const r = Storage.restoreClosed({ dataDir: dir, program: 'store tool', name: backup, now: () => START });
    expect(r.restored.name).toBe(backup);
    expect(r.setAside).toEqual([join(dir, 'damaged', `daftar-${STAMP}.sqlite`)]);
    expect(hash(r.setAside[0]!)).toBe(before);
    expect(markIn(dbFile)).toBe('in the backup');

    // Without a clock it uses the system's; the folder is free after each run.
    const again = Storage.restoreClosed({ dataDir: dir, program: 'store tool' });
    expect(again.setAside).toHaveLength(1);
    expect(readdirSync(join(dir, 'damaged'))).toHaveLength(2);
    Storage.open({ dataDir: dir, program: 'test' }).close();
  });
});

describe('the parts of a restore', () => {
  it('the backup chosen is the named one, or the newest that verifies; a refusal says which case it is', async () => {
    const { dir, backup } = await folderWithBackup('choose');
    const backups = join(dir, 'backups');
    // A newer backup that is not a store at all.
    const broken = backupFileName(START, 'daily');
    writeFileSync(join(backups, broken), 'not a store '.repeat(100));
    const list = listBackups(backups);
    expect(list.map((b) => b.name)).toEqual([broken, backup]);
    expect(chooseGoodBackup(list, undefined, MIGRATIONS).name).toBe(backup);
    expect(chooseGoodBackup(list, backup, MIGRATIONS).name).toBe(backup);

    const refusal = (name: string | undefined, from = list) => {
      try {
        chooseGoodBackup(from, name, MIGRATIONS);
      } catch (err) {
        expect(err).toBeInstanceOf(NoGoodBackupError);
        expect((err as Error).name).toBe('NoGoodBackupError');
        return (err as Error).message;
      }
      throw new Error('chooseGoodBackup chose one');
    };
    expect(refusal(broken)).toBe(`backup ${broken} did not verify`);
    expect(refusal('daftar-20000101T000000000Z-daily.sqlite')).toBe('no backup named daftar-20000101T000000000Z-daily.sqlite');
    expect(refusal(undefined, list.slice(0, 1))).toBe('no backup verifies');
    expect(refusal(undefined, [])).toBe('no backup verifies');
  });

  it('the store and its -wal and -shm move aside together and only those there are; a second move into the same folder works too', () => {
    const dir = folder('aside');
    const dbFile = join(dir, 'daftar.sqlite');
    for (const side of ['', '-wal', '-shm']) writeFileSync(dbFile + side, `content${side}`);
    const damaged = join(dir, 'damaged');
    const moved = setAsideStore(dbFile, damaged, START);
    expect(moved).toEqual(['', '-wal', '-shm'].map((side) => join(damaged, `daftar-${STAMP}.sqlite${side}`)));
    for (const [i, side] of ['', '-wal', '-shm'].entries()) expect(readFileSync(moved[i]!, 'utf8')).toBe(`content${side}`);
    expect(existsSync(dbFile)).toBe(false);

    writeFileSync(dbFile, 'alone');
    expect(setAsideStore(dbFile, damaged, START + 1)).toEqual([join(damaged, 'daftar-20250321T080000001Z.sqlite')]);
    expect(readdirSync(damaged)).toHaveLength(4);
  });

  it('a copy that cannot be made puts every replaced file back under its own name', () => {
    const dir = folder('put-back');
    const dbFile = join(dir, 'daftar.sqlite');
    for (const side of ['', '-wal', '-shm']) writeFileSync(dbFile + side, `content${side}`);
    const missing = { name: 'gone', file: join(dir, 'no-such-backup.sqlite'), at: START, reason: 'manual' as const, bytes: 0 };
    expect(() => replaceStoreFile(dbFile, join(dir, 'damaged'), missing, START)).toThrow(/ENOENT/);
    for (const side of ['', '-wal', '-shm']) expect(readFileSync(dbFile + side, 'utf8')).toBe(`content${side}`);
    expect(readdirSync(join(dir, 'damaged'))).toEqual([]);
  });

  it('the copy in place is private whatever the backup file allowed, and nothing is left under its temporary name', () => {
    const dir = folder('install');
    const dbFile = join(dir, 'daftar.sqlite');
    writeFileSync(dbFile, 'old');
    const source = join(dir, 'loose-copy.sqlite');
    writeFileSync(source, 'the copy');
    chmodSync(source, 0o644);
    const aside = replaceStoreFile(dbFile, join(dir, 'damaged'), { name: 'loose', file: source, at: START, reason: 'manual', bytes: 8 }, START);
    expect(readFileSync(dbFile, 'utf8')).toBe('the copy');
    expect(mode(dbFile)).toBe(0o600);
    expect(readFileSync(source, 'utf8')).toBe('the copy');
    expect(aside.map((f) => readFileSync(f, 'utf8'))).toEqual(['old']);
    expect(readdirSync(dir).sort()).toEqual(['daftar.sqlite', 'damaged', 'loose-copy.sqlite']);
  });
});
