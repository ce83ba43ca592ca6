/**
 * Stores to check, for the tests of the checks (db/integrity.ts, db/start-check.ts): a
 * migrated store with a table of a few hundred pages, and garbage written over two of that
 * table's leaf pages in the middle of the file, as a bad disk or a stray write leaves them.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';

/** Makes the store at `file`: migrated, with a `filler` table of a few hundred pages; closed. */
export function fillerStore(file: string): string {
  const db = openDatabase(file);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)');
  const put = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) put.run(`${i} ${'ب'.repeat(150)}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/**
 * Overwrites `length` bytes at `offset` (negative: from the page's end) in some of the filler
 * table's leaf pages, counted from the middle one (`at`: 0 is the middle leaf, 1 the next).
 * Answers how many leaves the table had.
 */
export function overwriteMiddleLeaves(file: string, at: readonly number[], offset: number, length: number, byte: number): number {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  db.close();
  const fd = openSync(file, 'r+');
  try {
    for (const k of at) {
      const start = (pages[Math.floor(pages.length / 2) + k]! - 1) * pageSize;
      writeSync(fd, Buffer.alloc(length, byte), 0, length, offset < 0 ? start + pageSize + offset : start + offset);
    }
  } finally {
    closeSync(fd);
  }
  return pages.length;
}

/** Writes garbage over two whole leaf pages in the middle of the filler table; answers how many leaves it had. */
export function garbleMiddleLeaves(file: string): number {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  return overwriteMiddleLeaves(file, [0, 1], 0, pageSize, 0x5a);
}
