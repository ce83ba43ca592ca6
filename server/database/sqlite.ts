import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pendingMigrations, type Param, type ServerDatabase, type ServerMigration, type Sql } from './database';
import { SQLITE_MIGRATIONS } from './migrations';

/**
 * The embedded store: one SQLite file in the data folder. better-sqlite3 is synchronous, so
 * the only way two requests can interleave is across the awaits of a transaction body;
 * every query therefore waits its turn behind a running transaction, and no request ever
 * reads another's uncommitted rows.
 */
export function openSqliteDatabase(dataDir: string, migrations: readonly ServerMigration[] = SQLITE_MIGRATIONS): ServerDatabase {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(join(dataDir, 'server.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations);
  } catch (err) {
    db.close();
    throw err;
  }

  const statements = new Map<string, Database.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = db.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  const direct: Sql = {
    all: async <T>(text: string, params: readonly Param[] = []) => prepared(text).all(...params) as T[],
    get: async <T>(text: string, params: readonly Param[] = []) => prepared(text).get(...params) as T | undefined,
    run: async (text: string, params: readonly Param[] = []) => prepared(text).run(...params).changes,
  };

  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work);
    turn = result.catch(() => undefined);
    return result;
  };
  const listeners = new Set<(head: number) => void>();
  const pending = new WeakMap<Sql, number>();
  let closed = false;

  return {
    dialect: 'sqlite',
    all: (text, params) => inTurn(() => direct.all(text, params)),
    get: (text, params) => inTurn(() => direct.get(text, params)),
    run: (text, params) => inTurn(() => direct.run(text, params)),
    transaction: <T>(body: (tx: Sql) => Promise<T>) =>
      inTurn(async () => {
        const tx: Sql = { ...direct };
        db.exec('BEGIN IMMEDIATE');
        let result: T;
        try {
          result = await body(tx);
          db.exec('COMMIT');
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
        const head = pending.get(tx);
        if (head !== undefined) for (const l of listeners) l(head);
        return result;
      }),
    notify: async (tx, head) => {
      pending.set(tx, head);
    },
    onNotify: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await turn;
      db.close();
    },
  };
}

function migrate(db: Database.Database, migrations: readonly ServerMigration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS server_migrations (
    position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at INTEGER NOT NULL)`);
  const applied = db.prepare('SELECT name FROM server_migrations ORDER BY position').pluck().all() as string[];
  const todo = pendingMigrations(applied, migrations);
  const record = db.prepare('INSERT INTO server_migrations (position, name, applied_at) VALUES (?, ?, ?)');
  todo.forEach((m, i) => {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(applied.length + i, m.name, Date.now());
    })();
  });
}
