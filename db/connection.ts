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
    applyMigrations(db, migrations);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
