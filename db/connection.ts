import Database from 'better-sqlite3';
import { applyMigrations } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

/**
 * Opens (or creates) a store: WAL so readers never wait for the writer, foreign keys on,
 * a busy timeout so a second process (the web host next to a test) waits instead of failing.
 * Migrations run before anything else touches the file.
 */
export function openDatabase(file: string, migrations = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // 64 MB of page cache (default 2 MB): searches read rows scattered over the file, and a
    // desk PC has the memory; measured 21 ms → 8 ms for sorting 8,000 hits of 100,000 rows.
    db.pragma('cache_size = -65536');
    applyMigrations(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
