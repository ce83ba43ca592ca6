import type Database from 'better-sqlite3';

export interface Migration {
  /** `NNNN_name`, from the file name; the order of the list is the order of application. */
  name: string;
  sql: string;
}

/** Thrown when the file was written by a newer (or a different) Daftar: opening it could corrupt it. */
export class IncompatibleDatabaseError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      'این پایگاه داده با نسخهٔ دیگری از دفتر (احتمالاً جدیدتر) ساخته شده است و این نسخه نمی‌تواند آن را باز کند. ' +
        'لطفاً دفتر را به‌روز کنید. ' +
        `(This database has migrations this version does not know: ${unknown.join(', ')})`,
    );
    this.name = 'IncompatibleDatabaseError';
  }
}

/**
 * Applies the migrations not yet applied, each in its own transaction together with its
 * record, so a failure leaves the file at the last good step. A database whose applied
 * list is not a prefix of `migrations` is refused before anything is written.
 */
export function applyMigrations(db: Database.Database, migrations: readonly Migration[]): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    position INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    applied_at INTEGER NOT NULL
  )`);
  const applied = appliedMigrations(db, migrations);
  const record = db.prepare('INSERT INTO schema_migrations (position, name, applied_at) VALUES (?, ?, ?)');
  const done: string[] = [];
  for (let i = applied.length; i < migrations.length; i++) {
    const m = migrations[i]!;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(i, m.name, Date.now());
    })();
    done.push(m.name);
  }
  return done;
}

/**
 * The names applied to this file, checked against the known list (which they must be a
 * prefix of). A file without the bookkeeping table has none.
 */
function appliedMigrations(db: Database.Database, migrations: readonly Migration[]): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return [];
  const applied = db.prepare('SELECT name FROM schema_migrations ORDER BY position').pluck().all() as string[];
  const mismatch = applied.filter((name, i) => migrations[i]?.name !== name);
  if (mismatch.length > 0) throw new IncompatibleDatabaseError(mismatch);
  return applied;
}

/** The known migrations this file still lacks (throws IncompatibleDatabaseError like applyMigrations). */
export function pendingMigrations(db: Database.Database, migrations: readonly Migration[]): Migration[] {
  return migrations.slice(appliedMigrations(db, migrations).length);
}
