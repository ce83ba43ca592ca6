import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { applyMigrations, IncompatibleDatabaseError, pendingMigrations, type Migration } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { tempDir } from './temp-folder';

const dir = tempDir('migrations');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
const freshFile = () => join(dir, `store-${++n}.sqlite`);

function applied(db: Database.Database): { position: number; name: string; applied_at: number }[] {
  return db.prepare('SELECT position, name, applied_at FROM schema_migrations ORDER BY position').all() as {
    position: number;
    name: string;
    applied_at: number;
  }[];
}

function hashOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Makes a closed store file whose schema_migrations list is then edited by `tamper`. */
function storeTamperedWith(tamper: (db: Database.Database) => void): string {
  const file = freshFile();
  openDatabase(file).close();
  const raw = new Database(file);
  tamper(raw);
  raw.close();
  expect(existsSync(`${file}-wal`)).toBe(false);
  return file;
}

describe('migrations', () => {
  it('known migrations are numbered, unique and listed in order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{4}_[a-z0-9_]+$/);
    for (const m of MIGRATIONS) expect(m.sql.trim().length).toBeGreaterThan(0);
  });

  it('a new store gets every migration, in order, each recorded with its position', () => {
    const file = freshFile();
    const db = openDatabase(file);
    try {
      const rows = applied(db);
      expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
      expect(rows.map((r) => r.position)).toEqual(MIGRATIONS.map((_, i) => i));
      for (const r of rows) expect(r.applied_at).toBeGreaterThan(0);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
      for (const t of ['settings', 'change_log', 'change_names', 'users', 'roles', 'identities', 'identity_phones', 'notes', 'identity_fts']) {
        expect(tables).toContain(t);
      }
    } finally {
      db.close();
    }
  });

  it('applyMigrations reports what it applied, and re-opening applies nothing', () => {
    const file = freshFile();
    const raw = new Database(file);
    expect(applyMigrations(raw, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.name));
    const before = applied(raw);
    expect(applyMigrations(raw, MIGRATIONS)).toEqual([]);
    raw.close();

    const db = openDatabase(file);
    try {
      expect(applied(db)).toEqual(before);
      expect(applyMigrations(db, MIGRATIONS)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a store made by an older version gets only the migrations it lacks', () => {
    const file = freshFile();
    const raw = new Database(file);
    expect(applyMigrations(raw, MIGRATIONS.slice(0, 2))).toEqual(MIGRATIONS.slice(0, 2).map((m) => m.name));
    const old = applied(raw);
    expect(applyMigrations(raw, MIGRATIONS)).toEqual(MIGRATIONS.slice(2).map((m) => m.name));
    const now = applied(raw);
    expect(now.slice(0, 2)).toEqual(old);
    expect(now.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    raw.close();
  });

  /** Migrations that only work in order: each one needs what the one before made, and says it ran. */
  const chain: Migration[] = [
    { name: '0001_a', sql: "CREATE TABLE trail (step TEXT NOT NULL); INSERT INTO trail VALUES ('0001_a');" },
    { name: '0002_b', sql: "ALTER TABLE trail ADD COLUMN note TEXT; INSERT INTO trail (step) VALUES ('0002_b');" },
    { name: '0003_c', sql: "INSERT INTO trail (step, note) VALUES ('0003_c', 'needs 0002');" },
    { name: '0004_d', sql: "INSERT INTO trail (step) VALUES ('0004_d');" },
  ];
  const trail = (db: Database.Database) => db.prepare('SELECT step FROM trail ORDER BY rowid').pluck().all();

  it('applies every known migration exactly once, in list order and without a gap, also across several starts', () => {
    const file = freshFile();
    const raw = new Database(file);
    try {
      expect(applyMigrations(raw, chain.slice(0, 1))).toEqual(['0001_a']);
      expect(applyMigrations(raw, chain.slice(0, 3))).toEqual(['0002_b', '0003_c']);
      expect(applyMigrations(raw, chain)).toEqual(['0004_d']);
      expect(trail(raw)).toEqual(['0001_a', '0002_b', '0003_c', '0004_d']);
      expect(applied(raw).map((r) => [r.position, r.name])).toEqual(chain.map((m, i) => [i, m.name]));
    } finally {
      raw.close();
    }
  });

  it('pendingMigrations names exactly the ones still to apply', () => {
    const file = freshFile();
    const raw = new Database(file);
    try {
      expect(pendingMigrations(raw, chain).map((m) => m.name)).toEqual(chain.map((m) => m.name));
      applyMigrations(raw, chain.slice(0, 2));
      expect(pendingMigrations(raw, chain).map((m) => m.name)).toEqual(['0003_c', '0004_d']);
      applyMigrations(raw, chain);
      expect(pendingMigrations(raw, chain)).toEqual([]);
    } finally {
      raw.close();
    }
  });

  it('refuses a store whose applied list has a gap (a migration missing in the middle)', () => {
    const file = storeTamperedWith((db) => db.prepare('DELETE FROM schema_migrations WHERE position = 1').run());
    const before = hashOf(file);
    expect(() => openDatabase(file).close()).toThrow(IncompatibleDatabaseError);
    expect(hashOf(file)).toBe(before);
  });

  it('each migration runs in a transaction: a failing one leaves nothing of itself, earlier ones stay', () => {
    const file = freshFile();
    const raw = new Database(file);
    const list: Migration[] = [
      { name: '0001_good', sql: 'CREATE TABLE good (x INTEGER); INSERT INTO good VALUES (1);' },
      {
        name: '0002_bad',
        sql: "CREATE TABLE half (x INTEGER); INSERT INTO half VALUES (1); INSERT INTO no_such_table VALUES ('boom');",
      },
      { name: '0003_never', sql: 'CREATE TABLE never (x INTEGER);' },
    ];
    expect(() => applyMigrations(raw, list)).toThrow(/no_such_table/);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    expect(tables).toContain('good');
    expect(tables).not.toContain('half');
    expect(tables).not.toContain('never');
    expect(applied(raw).map((r) => r.name)).toEqual(['0001_good']);
    expect(raw.prepare('SELECT count(*) FROM good').pluck().get()).toBe(1);

    // Fixed migration: the next start picks up where it stopped.
    const fixed = [list[0]!, { name: '0002_bad', sql: 'CREATE TABLE half (x INTEGER);' }, list[2]!];
    expect(applyMigrations(raw, fixed)).toEqual(['0002_bad', '0003_never']);
    raw.close();
  });

  it('openDatabase closes the file and rethrows when a migration fails', () => {
    const file = freshFile();
    const bad: Migration[] = [{ name: '0001_bad', sql: 'THIS IS NOT SQL' }];
    expect(() => openDatabase(file, bad)).toThrow();
    const raw = new Database(file);
    expect(raw.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
    raw.close();
  });

  it('refuses a store with a migration this version does not know (newer app), without touching the file', () => {
    const file = storeTamperedWith((db) =>
      db.prepare('INSERT INTO schema_migrations (position, name, applied_at) VALUES (?, ?, ?)').run(
        MIGRATIONS.length,
        '9999_future',
        1,
      ),
    );
    const before = hashOf(file);
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IncompatibleDatabaseError);
    const e = error as IncompatibleDatabaseError;
    expect(e.name).toBe('IncompatibleDatabaseError');
    expect(e.unknown).toEqual(['9999_future']);
    // In Persian first, for the person at the desk: made by another (likely newer) version, update Daftar.
    expect(e.message).toBe(
      'این پایگاه داده با نسخهٔ دیگری از دفتر (احتمالاً جدیدتر) ساخته شده است و این نسخه نمی‌تواند آن را باز کند. ' +
        'لطفاً دفتر را به‌روز کنید. (This database has migrations this version does not know: 9999_future)',
    );
    expect(new IncompatibleDatabaseError(['0012_a', '0013_b']).message).toMatch(/\(This database has migrations this version does not know: 0012_a, 0013_b\)$/);
    expect(hashOf(file)).toBe(before);

    const raw = new Database(file);
    expect(raw.prepare('SELECT name FROM schema_migrations ORDER BY position').pluck().all()).toEqual([
      ...MIGRATIONS.map((m) => m.name),
      '9999_future',
    ]);
    raw.close();
  });

  it('refuses a store whose applied list differs at some position, naming the unknown migration', () => {
    const file = storeTamperedWith((db) =>
      db.prepare("UPDATE schema_migrations SET name = '0002_other_branch' WHERE position = 1").run(),
    );
    const before = hashOf(file);
    let error: unknown;
    try {
      openDatabase(file).close();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IncompatibleDatabaseError);
    expect((error as IncompatibleDatabaseError).unknown).toEqual(['0002_other_branch']);
    expect((error as Error).message).toContain('0002_other_branch');
    expect((error as Error).message).toMatch(/[\u0600-\u06FF]/);
    expect(hashOf(file)).toBe(before);
  });

  it('refuses a store that is ahead even when the known list is shorter (prefix rule)', () => {
    const file = freshFile();
    const raw = new Database(file);
    applyMigrations(raw, MIGRATIONS);
    expect(() => applyMigrations(raw, MIGRATIONS.slice(0, 2))).toThrow(IncompatibleDatabaseError);
    try {
      applyMigrations(raw, MIGRATIONS.slice(0, 2));
    } catch (err) {
      expect((err as IncompatibleDatabaseError).unknown).toEqual(MIGRATIONS.slice(2).map((m) => m.name));
    }
    raw.close();
  });

  it('opens with WAL, foreign keys on and a busy timeout', () => {
    const file = freshFile();
    const db = openDatabase(file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
      // Foreign keys are really enforced.
      expect(() =>
        db
          .prepare(
            `INSERT INTO identity_phones (id, identity_id, kind, number, display, created_at, updated_at)
             VALUES ('p1', 'no-such-identity', 'mobile', '1', '1', 0, 0)`,
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      db.close();
    }
  });
});
