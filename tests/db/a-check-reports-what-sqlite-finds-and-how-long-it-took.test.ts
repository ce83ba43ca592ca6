import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { checkDatabase, type CheckKind } from '../../db/integrity';
import { tempDir } from './temp-folder';
import { fillerStore, garbleMiddleLeaves } from './damaged-store';

const dirs: string[] = [];
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return join(dir, 'daftar.sqlite');
}

function keep(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}

function store(label: string): string {
  return fillerStore(file(label));
}

/**
 * An index that no longer matches its table while every page is sound: its definition is
 * swapped for one on another column. Only the full check compares indexes with their tables;
 * it finds each of the `rows` rows missing from the index.
 */
function indexOutOfStep(label: string, rows: number): string {
  const f = file(label);
  const db = new Database(f);
  db.exec('CREATE TABLE pairs (id INTEGER PRIMARY KEY, a TEXT, b TEXT); CREATE INDEX pairs_a ON pairs(a);');
  const put = db.prepare('INSERT INTO pairs (a, b) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) put.run(`a${i}`, `b${(i * 7) % rows}`);
  })();
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare("UPDATE sqlite_schema SET sql = 'CREATE INDEX pairs_a ON pairs(b)' WHERE name = 'pairs_a'").run();
  db.pragma('writable_schema = OFF');
  db.close();
  return f;
}

/** A clock that answers the given readings in turn. */
function readings(...values: number[]): () => number {
  return () => {
    const v = values.shift();
    if (v === undefined) throw new Error('the clock was read more often than expected');
    return v;
  };
}

describe('a check reports what SQLite finds and how long it took', () => {
  it('a healthy store: both checks say ok, with no problems and a whole number of milliseconds', () => {
    const db = keep(openDatabase(store('check-healthy')));
    for (const kind of ['quick', 'full'] as CheckKind[]) {
      const report = checkDatabase(db, kind);
      expect(report).toEqual({ kind, ok: true, problems: [], ms: expect.any(Number) });
      expect(Number.isInteger(report.ms)).toBe(true);
      expect(report.ms).toBeGreaterThanOrEqual(0);
    }
  });

  it('garbage in a middle page of a store: both checks report damage in SQLite\'s own words, without throwing', () => {
    const f = store('check-garbage');
    expect(garbleMiddleLeaves(f)).toBeGreaterThan(20);
    const db = keep(new Database(f));
    for (const kind of ['quick', 'full'] as CheckKind[]) {
      const report = checkDatabase(db, kind);
      expect(report.kind).toBe(kind);
      expect(report.ok).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      expect(report.problems.join('\n')).toMatch(/malformed|corrupt|btreeInitPage|Tree \d+ page \d+/i);
      expect(report.problems).not.toContain('ok');
    }
  });

  it('a file that is not a database at all is reported as damage, not thrown', () => {
    const f = file('check-not-a-db');
    writeFileSync(f, Buffer.alloc(8192, 0x5a));
    const report = checkDatabase(keep(new Database(f)), 'quick');
    expect(report).toMatchObject({ kind: 'quick', ok: false, problems: ['file is not a database'] });
  });

  it('only the full check compares indexes with their tables: an index out of step passes the quick check and fails the full one', () => {
    const db = keep(new Database(indexOutOfStep('check-index', 5)));
    expect(checkDatabase(db, 'quick')).toMatchObject({ kind: 'quick', ok: true, problems: [] });
    const full = checkDatabase(db, 'full');
    expect(full).toMatchObject({ kind: 'full', ok: false });
    expect(full.problems).toEqual([1, 2, 3, 4, 5].map((row) => `row ${row} missing from index pairs_a`));
  });

  it('at most `limit` problems are listed: 20 unless told, never fewer than one, whole numbers only', () => {
    const db = keep(new Database(indexOutOfStep('check-limit', 50)));
    expect(checkDatabase(db, 'full').problems).toHaveLength(20);
    expect(checkDatabase(db, 'full', 3).problems).toEqual(['row 1 missing from index pairs_a', 'row 2 missing from index pairs_a', 'row 3 missing from index pairs_a']);
    expect(checkDatabase(db, 'full', 0).problems).toHaveLength(1);
    expect(checkDatabase(db, 'full', -5).problems).toHaveLength(1);
    expect(checkDatabase(db, 'full', 2.9).problems).toHaveLength(2);
    expect(checkDatabase(db, 'full', 200).problems).toHaveLength(50);
  });

  it('the time taken is the clock\'s reading after the check less the one before, rounded to a millisecond', () => {
    const db = keep(openDatabase(file('check-ms')));
    expect(checkDatabase(db, 'quick', 20, readings(1000.2, 1012.7))).toEqual({ kind: 'quick', ok: true, problems: [], ms: 13 });
    expect(checkDatabase(db, 'full', 20, readings(5, 5.4))).toMatchObject({ kind: 'full', ms: 0 });
    const f = file('check-ms-damaged');
    writeFileSync(f, Buffer.alloc(8192, 0x5a));
    expect(checkDatabase(keep(new Database(f)), 'full', 20, readings(40, 47))).toMatchObject({ ok: false, ms: 7 });
  });

  it('an error that is not damage (here, a closed connection) is thrown, not reported', () => {
    const db = openDatabase(file('check-closed'));
    db.close();
    expect(() => checkDatabase(db, 'quick')).toThrow(/not open/);
  });
});
