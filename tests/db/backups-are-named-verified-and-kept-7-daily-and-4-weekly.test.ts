import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type * as Backup from '../../db/backup';
import type { BackupInfo, BackupReason } from '../../db/backup';
import { openDatabase } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { START, tempDir } from './temp-folder';
import { fillerStore, overwriteMiddleLeaves } from './damaged-store';

/**
 * db/backup.ts is loaded here, once the tests start, not by an import at the top: its name
 * pattern, reasons and day length are made when it loads, and a mutation run switches its
 * mutant on only as the tests start.
 */
let B: typeof Backup;
beforeAll(async () => {
  B = await import('../../db/backup');
});
const backupFileName = (at: number, reason: BackupReason) => B.backupFileName(at, reason);
const parseBackupName = (name: string) => B.parseBackupName(name);
const backupsToPrune = (list: readonly BackupInfo[], keepDaily?: number, keepWeekly?: number) => B.backupsToPrune(list, keepDaily, keepWeekly);

const dirs: string[] = [];
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function folder(label: string): string {
  const d = tempDir(label);
  dirs.push(d);
  return d;
}

/** A migrated store in a fresh folder with one setting written, open. */
function store(label: string): { dir: string; db: Database.Database } {
  const dir = folder(label);
  const db = openDatabase(join(dir, 'daftar.sqlite'));
  open.push(db);
  db.prepare("INSERT INTO settings (key, value) VALUES ('test.mark', ?)").run(label);
  return { dir, db };
}

const mode = (path: string) => statSync(path).mode & 0o777;
/** Bytes 18 and 19 of an SQLite file: 1 for a rollback-journal file, 2 for WAL. */
const journalBytes = (file: string) => [...readFileSync(file).subarray(18, 20)];
/** Whether this process still holds the file open (where the system lets us see it). */
const heldOpen = (file: string) => existsSync('/proc/self/fd') && readdirSync('/proc/self/fd').some((fd) => {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`) === file;
  } catch {
    return false;
  }
});
const markIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT value FROM settings WHERE key = 'test.mark'").pluck().get();
  } finally {
    db.close();
  }
};

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2025, 2, 21, 2, 0, 0);

function backup(at: number, reason: BackupReason = 'daily'): BackupInfo {
  const name = backupFileName(at, reason);
  return { name, file: `/b/${name}`, at, reason, bytes: 1 };
}

describe('backup names', () => {
  it('say when (UTC, to the millisecond) and why, and read back', () => {
    const at = Date.UTC(2025, 2, 21, 8, 5, 9, 42);
    expect(backupFileName(at, 'pre-migration')).toBe('daftar-20250321T080509042Z-pre-migration.sqlite');
    expect(parseBackupName('daftar-20250321T080509042Z-pre-migration.sqlite')).toEqual({ at, reason: 'pre-migration' });
    for (const reason of ['daily', 'manual', 'before-restore'] as const) {
      expect(parseBackupName(backupFileName(at, reason))).toEqual({ at, reason });
    }
  });

  it('anything else in the folder is not a backup', () => {
    for (const name of [
      '.partial-daftar-20250321T080509042Z-daily.sqlite',
      'daftar-20250321T080509042Z-hourly.sqlite',
      'daftar-20250321T080509Z-daily.sqlite',
      'daftar-20250321T080509042Z-daily.sqlite-wal',
      'notes.txt',
    ]) {
      expect(parseBackupName(name), name).toBeNull();
    }
  });
});

describe('retention: 7 daily and 4 weekly', () => {
  it('keeps the newest of each of the 7 newest days and of each of the 4 newest weeks, and drops the rest', () => {
    // Two automatic backups a day for 60 days.
    const list = Array.from({ length: 60 }, (_, d) => [backup(T0 - d * DAY), backup(T0 - d * DAY - 3600_000)]).flat();
    const dropped = new Set(backupsToPrune(list).map((b) => b.name));
    const kept = list.filter((b) => !dropped.has(b.name)).sort((a, b) => b.at - a.at);
    const dailyKept = kept.filter((b) => b.at > T0 - 7 * DAY);
    expect(dailyKept.map((b) => b.at)).toEqual(Array.from({ length: 7 }, (_, d) => T0 - d * DAY));
    const older = kept.filter((b) => b.at <= T0 - 7 * DAY);
    // The 4 newest weeks each keep their newest; weeks already kept by a daily add no other copy.
    const weekOf = (t: number) => Math.floor(t / (7 * DAY));
    const weeks = [...new Set(list.map((b) => weekOf(b.at)))].sort((a, b) => b - a).slice(0, 4);
    for (const b of older) expect(weeks).toContain(weekOf(b.at));
    for (const w of weeks) {
      const newestOfWeek = list.filter((b) => weekOf(b.at) === w).sort((a, b) => b.at - a.at)[0]!;
      expect(kept).toContain(newestOfWeek);
    }
    expect(kept.length).toBeLessThanOrEqual(11);
    expect(kept.length).toBeGreaterThanOrEqual(8);
  });

  it('never drops manual copies or the copies kept before a restore, however old', () => {
    const list = [
      ...Array.from({ length: 30 }, (_, d) => backup(T0 - d * DAY)),
      backup(T0 - 400 * DAY, 'manual'),
      backup(T0 - 300 * DAY, 'before-restore'),
    ];
    const dropped = backupsToPrune(list);
    expect(dropped.some((b) => b.reason === 'manual' || b.reason === 'before-restore')).toBe(false);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it('counts copies taken before a migration as automatic ones', () => {
    const list = [backup(T0, 'pre-migration'), backup(T0 - 3600_000, 'daily')];
    expect(backupsToPrune(list).map((b) => b.reason)).toEqual(['daily']);
  });

  it('with few backups drops nothing', () => {
    const list = Array.from({ length: 5 }, (_, d) => backup(T0 - d * DAY));
    expect(backupsToPrune(list)).toEqual([]);
    expect(backupsToPrune([])).toEqual([]);
  });
});

describe('retention counts', () => {
  it('keeps as many days and weeks as asked: the newest copy of each, one copy per day or week however many it has', () => {
    // Three copies a day for 30 days, newest first in the list given out of order.
    const list = Array.from({ length: 30 }, (_, d) => [0, 1, 2].map((h) => backup(T0 - d * DAY - h * 3600_000))).flat().reverse();
    const kept = (daily: number, weekly: number) => {
      const dropped = new Set(backupsToPrune(list, daily, weekly));
      return list.filter((b) => !dropped.has(b)).map((b) => b.at).sort((a, b) => b - a);
    };
    expect(kept(2, 0)).toEqual([T0, T0 - DAY]);
    expect(kept(0, 0)).toEqual([]);
    const weekOf = (t: number) => Math.floor(t / (7 * DAY));
    const newestOfWeeks = [...new Set(list.map((b) => weekOf(b.at)))]
      .sort((a, b) => b - a)
      .slice(0, 2)
      .map((w) => Math.max(...list.filter((b) => weekOf(b.at) === w).map((b) => b.at)));
    expect(kept(0, 2)).toEqual(newestOfWeeks);
    expect(kept(1, 1)).toEqual([T0]);
    // Copies made in the same millisecond count as one day's copies, and only one is kept.
    const twins = [backup(T0), { ...backup(T0), name: 'twin', file: '/b/twin' }];
    expect(backupsToPrune(twins, 7, 4)).toHaveLength(1);
  });
});

describe('backup names, continued', () => {
  it('only a whole name counts: nothing before "daftar-", nothing after ".sqlite", lower-case reasons only', () => {
    const good = backupFileName(Date.UTC(2025, 2, 21, 8, 5, 9, 42), 'daily');
    for (const name of [`x${good}`, `${good}.bak`, good.replace('daily', 'DAILY'), good.replace('daftar-', 'daftar_'), good.replace('.sqlite', '.sqlitex'), good.replace('Z-', 'Z')]) {
      expect(parseBackupName(name), name).toBeNull();
    }
    expect(B.BACKUP_REASONS).toEqual(['daily', 'pre-migration', 'manual', 'before-restore']);
  });

  it('the first and last moments of a year read back as themselves', () => {
    for (const at of [Date.UTC(2000, 0, 1, 0, 0, 0, 0), Date.UTC(2099, 11, 31, 23, 59, 59, 999)]) {
      expect(parseBackupName(backupFileName(at, 'manual'))).toEqual({ at, reason: 'manual' });
    }
  });
});

describe('backup files', () => {
  it('an online backup is a whole single-file copy, private, in a private folder, listed under its name', async () => {
    const { dir, db } = store('backup-online');
    const backups = join(dir, 'backups');
    const info = await B.writeBackup(db, backups, 'manual', START, MIGRATIONS);
    expect(info).toEqual({
      name: 'daftar-20250321T080000000Z-manual.sqlite',
      file: join(backups, 'daftar-20250321T080000000Z-manual.sqlite'),
      at: START,
      reason: 'manual',
      bytes: statSync(info.file).size,
    });
    expect(mode(backups)).toBe(0o700);
    expect(mode(info.file)).toBe(0o600);
    expect(journalBytes(info.file)).toEqual([1, 1]);
    expect(readdirSync(backups)).toEqual([info.name]);
    expect(markIn(info.file)).toBe('backup-online');
    expect(heldOpen(info.file)).toBe(false);
    expect(B.verifyStoreFile(info.file, MIGRATIONS)).toEqual({ ok: true, problems: [], migrations: MIGRATIONS.map((m) => m.name) });
    expect(B.listBackups(backups)).toEqual([info]);
  });

  it('a snapshot before a migration is made at once the same way, and a second one in the same millisecond takes the next', () => {
    const { dir, db } = store('backup-sync');
    const backups = join(dir, 'backups');
    const first = B.writeSnapshotSync(db, backups, 'pre-migration', START, MIGRATIONS);
    const second = B.writeSnapshotSync(db, backups, 'pre-migration', START, MIGRATIONS);
    const third = B.writeSnapshotSync(db, backups, 'pre-migration', START, MIGRATIONS);
    expect([first.at, second.at, third.at]).toEqual([START, START + 1, START + 2]);
    expect(second.name).toBe(backupFileName(START + 1, 'pre-migration'));
    for (const b of [first, second, third]) {
      expect(mode(b.file)).toBe(0o600);
      expect(journalBytes(b.file)).toEqual([1, 1]);
      expect(markIn(b.file)).toBe('backup-sync');
      expect(b.bytes).toBe(statSync(b.file).size);
      expect(heldOpen(b.file)).toBe(false);
    }
    expect(B.listBackups(backups)).toEqual([third, second, first]);
    // Another reason in the same millisecond has a name of its own.
    expect(B.writeSnapshotSync(db, backups, 'manual', START, MIGRATIONS).at).toBe(START);
  });

  it('a copy left by an interrupted backup under the temporary name does not stop the next one', async () => {
    const { dir, db } = store('backup-stale');
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    for (const reason of ['manual', 'daily'] as const) writeFileSync(join(backups, `.partial-${backupFileName(START, reason)}`), Buffer.alloc(4096, 0x5a));
    const online = await B.writeBackup(db, backups, 'manual', START, MIGRATIONS);
    const sync = B.writeSnapshotSync(db, backups, 'daily', START, MIGRATIONS);
    expect(markIn(online.file)).toBe('backup-stale');
    expect(markIn(sync.file)).toBe('backup-stale');
    expect(readdirSync(backups).sort()).toEqual([online.name, sync.name].sort());
  });

  it('a copy that does not verify is not kept, under any name, and the error says why', async () => {
    const { dir, db } = store('backup-unknown');
    const backups = join(dir, 'backups');
    // This version knows fewer migrations than the store has: the copy is of a newer version.
    const older = MIGRATIONS.slice(0, MIGRATIONS.length - 2);
    const newer = MIGRATIONS.slice(MIGRATIONS.length - 2).map((m) => m.name);
    await expect(B.writeBackup(db, backups, 'manual', START, older)).rejects.toThrow(`backup did not verify: unknown migrations: ${newer.join(', ')}`);
    expect(() => B.writeSnapshotSync(db, backups, 'pre-migration', START, older)).toThrow(`backup did not verify: unknown migrations: ${newer.join(', ')}`);
    expect(readdirSync(backups)).toEqual([]);
  });

  it('a copy that cannot be put in place, or not written at all, leaves no temporary copy behind', async () => {
    const { dir, db } = store('backup-blocked');
    // The target's name is taken by a folder with something in it: the copy is made and
    // verified, and then cannot be renamed into place.
    const target = join(dir, 'copy.sqlite');
    mkdirSync(target);
    writeFileSync(join(target, 'keep'), 'x');
    await expect(B.copyStore(db, target, MIGRATIONS)).rejects.toThrow();
    expect(() => B.copyStoreSync(db, target, MIGRATIONS)).toThrow();
    expect(readdirSync(dir).sort()).toEqual(['copy.sqlite', 'daftar.sqlite', 'daftar.sqlite-shm', 'daftar.sqlite-wal']);
    expect(readdirSync(target)).toEqual(['keep']);
    // Into a folder that is not there, nothing is written.
    const gone = join(dir, 'gone', 'copy.sqlite');
    await expect(B.copyStore(db, gone, MIGRATIONS)).rejects.toThrow();
    expect(() => B.copyStoreSync(db, gone, MIGRATIONS)).toThrow();
    expect(existsSync(join(dir, 'gone'))).toBe(false);
  });
});

describe('damaged stores', () => {
  /** A closed store whose filler table spans a few hundred pages, the cells at the end of three of them then overwritten. */
  function damagedStore(label: string): string {
    const dir = folder(label);
    const file = fillerStore(join(dir, 'daftar.sqlite'));
    // The 1,000 bytes that end 96 bytes before each page's end: cells, not the page header.
    overwriteMiddleLeaves(file, [0, 3, 6], -1096, 1000, 0xff);
    return file;
  }

  it('a copy of a damaged store does not verify: the error lists every problem the check found, and no copy is kept', async () => {
    const file = damagedStore('backup-damaged');
    const found = B.verifyStoreFile(file, MIGRATIONS);
    expect(found.ok).toBe(false);
    expect(found.migrations).toEqual([]);
    expect(found.problems.length).toBeGreaterThan(1);
    expect(found.problems.join('\n')).toMatch(/Tree \d+ page \d+|malformed|btreeInitPage/i);
    const db = new Database(file);
    open.push(db);
    const backups = join(folder('backup-damaged-copies'), 'backups');
    // The online copy takes the pages as they are, so the copy is as damaged as the store.
    await expect(B.writeBackup(db, backups, 'manual', START, MIGRATIONS)).rejects.toThrow(`backup did not verify: ${found.problems.join('; ')}`);
    expect(readdirSync(backups)).toEqual([]);
  });

  it('verifying is SQLite\'s quick check: an index out of step with its table, which only the full check compares, does not stop a backup', () => {
    const dir = folder('verify-index');
    const file = join(dir, 'store.sqlite');
    openDatabase(file).close();
    const db = new Database(file);
    db.exec('CREATE TABLE pairs (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX pairs_a ON pairs(a);');
    const put = db.prepare('INSERT INTO pairs (a, b) VALUES (?, ?)');
    for (let i = 0; i < 5; i++) put.run(`a${i}`, `b${(i * 3) % 5}`);
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX pairs_a ON pairs(b)' WHERE name = 'pairs_a'").run();
    db.pragma('writable_schema = OFF');
    db.close();
    expect(B.verifyStoreFile(file, MIGRATIONS)).toEqual({ ok: true, problems: [], migrations: MIGRATIONS.map((m) => m.name) });
  });
});

describe('the list of backups', () => {
  it('lists only backups, newest first (the same time by name), with their sizes; a folder that is not there has none', () => {
    const dir = folder('backup-list');
    expect(B.listBackups(join(dir, 'nothing'))).toEqual([]);
    const names = [
      backupFileName(START, 'daily'),
      backupFileName(START, 'manual'),
      backupFileName(START + DAY, 'pre-migration'),
      backupFileName(START - DAY, 'before-restore'),
    ];
    names.forEach((n, i) => writeFileSync(join(dir, n), Buffer.alloc(100 * (i + 1))));
    writeFileSync(join(dir, `.partial-${backupFileName(START + 2 * DAY, 'daily')}`), 'x');
    writeFileSync(join(dir, 'notes.txt'), 'x');
    // A name that is gone by the time it is looked at (here a link to nothing) is not listed.
    symlinkSync(join(dir, 'nowhere'), join(dir, backupFileName(START + 3 * DAY, 'daily')));
    expect(B.listBackups(dir).map((b) => [b.name, b.reason, b.at, b.bytes, b.file])).toEqual([
      [names[2], 'pre-migration', START + DAY, 300, join(dir, names[2]!)],
      [names[1], 'manual', START, 200, join(dir, names[1]!)],
      [names[0], 'daily', START, 100, join(dir, names[0]!)],
      [names[3], 'before-restore', START - DAY, 400, join(dir, names[3]!)],
    ]);
  });

  it('removing partial copies removes only those, and says which', () => {
    const dir = folder('backup-partials');
    expect(B.removePartialBackups(join(dir, 'nothing'))).toEqual([]);
    const keep = backupFileName(START, 'daily');
    const partials = [`.partial-${keep}`, '.partial-copy.sqlite'];
    for (const n of [keep, 'notes.partial-x', ...partials]) writeFileSync(join(dir, n), 'x');
    expect(B.removePartialBackups(dir).sort()).toEqual(partials.sort());
    expect(readdirSync(dir).sort()).toEqual([keep, 'notes.partial-x'].sort());
  });

  it('pruning removes exactly the files retention drops and leaves the others', () => {
    const dir = folder('backup-prune');
    const all = [
      ...Array.from({ length: 10 }, (_, d) => backupFileName(T0 - d * DAY, 'daily')),
      backupFileName(T0 - 400 * DAY, 'manual'),
    ];
    for (const n of all) writeFileSync(join(dir, n), 'x');
    const dropped = B.pruneBackups(dir, 3, 0);
    expect(dropped.map((b) => b.name).sort()).toEqual(all.slice(3, 10).sort());
    expect(readdirSync(dir).sort()).toEqual([...all.slice(0, 3), all[10]!].sort());
    expect(B.pruneBackups(dir)).toEqual([]);
  });
});

describe('verifying a copy', () => {
  it('a store with fewer migrations than this version knows is sound; one with others is not', () => {
    const dir = folder('verify-migrations');
    const file = join(dir, 'old.sqlite');
    openDatabase(file, MIGRATIONS.slice(0, 3)).close();
    expect(B.verifyStoreFile(file, MIGRATIONS)).toEqual({ ok: true, problems: [], migrations: MIGRATIONS.slice(0, 3).map((m) => m.name) });
    const other = [MIGRATIONS[0]!, { name: '0002_elsewhere', sql: '' }, ...MIGRATIONS.slice(2)];
    expect(B.verifyStoreFile(file, other)).toEqual({
      ok: false,
      problems: [`unknown migrations: ${MIGRATIONS[1]!.name}`],
      migrations: MIGRATIONS.slice(0, 3).map((m) => m.name),
    });
    expect(heldOpen(file)).toBe(false);
  });

  it('verifying leaves the file as it was: a store copied with its write-ahead log keeps both', () => {
    // A store whose last writes are still in its log (as one copied while in use, or left by a crash).
    const { dir, db } = store('verify-wal');
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO settings (key, value) VALUES ('test.late', 'in the log')").run();
    const copy = join(folder('verify-wal-copy'), 'daftar.sqlite');
    for (const ext of ['', '-wal']) writeFileSync(copy + ext, readFileSync(join(dir, `daftar.sqlite${ext}`)));
    const before = [readFileSync(copy), readFileSync(`${copy}-wal`)];
    expect(before[1]!.length).toBeGreaterThan(0);
    expect(B.verifyStoreFile(copy, MIGRATIONS)).toEqual({ ok: true, problems: [], migrations: MIGRATIONS.map((m) => m.name) });
    expect(readFileSync(copy).equals(before[0]!)).toBe(true);
    expect(readFileSync(`${copy}-wal`).equals(before[1]!)).toBe(true);
  });

  it('a file that is missing, not a database or not a store is reported, not thrown', () => {
    const dir = folder('verify-bad');
    const missing = B.verifyStoreFile(join(dir, 'missing.sqlite'), MIGRATIONS);
    expect(missing.ok).toBe(false);
    expect(missing.migrations).toEqual([]);
    expect(missing.problems).toHaveLength(1);
    expect(existsSync(join(dir, 'missing.sqlite'))).toBe(false);
    const garbage = join(dir, 'garbage.sqlite');
    writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
    expect(B.verifyStoreFile(garbage, MIGRATIONS)).toEqual({ ok: false, problems: ['file is not a database'], migrations: [] });
    const plain = join(dir, 'plain.sqlite');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(B.verifyStoreFile(plain, MIGRATIONS)).toEqual({ ok: false, problems: ['no such table: schema_migrations'], migrations: [] });
    expect(heldOpen(plain)).toBe(false);
  });
});
