/**
 * The server's database, whichever engine holds it: an embedded SQLite file by default,
 * PostgreSQL when DATABASE_URL is given. Queries are written once with `?` placeholders in
 * the SQL both engines understand; each driver adapts them.
 */
export type Param = string | number | null;

export interface Sql {
  all<T = Record<string, unknown>>(text: string, params?: readonly Param[]): Promise<T[]>;
  get<T = Record<string, unknown>>(text: string, params?: readonly Param[]): Promise<T | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(text: string, params?: readonly Param[]): Promise<number>;
}

export interface ServerDatabase extends Sql {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs `body` in one transaction: all of it commits, or none of it. */
  transaction<T>(body: (tx: Sql) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: when it commits, every server instance on this database hears
   * that changes up to `head` exist (PostgreSQL: NOTIFY; SQLite: this process only).
   */
  notify(tx: Sql, head: number): Promise<void>;
  onNotify(listener: (head: number) => void): () => void;
  close(): Promise<void>;
}

export interface ServerMigration {
  name: string;
  sql: string;
}

/** Thrown when the database was made by a newer server: running on it could corrupt it. */
export class IncompatibleServerDatabaseError extends Error {
  constructor(readonly unknown: string[]) {
    super(
      'پایگاه دادهٔ سرور با نسخهٔ جدیدتری از سرور دفتر ساخته شده است؛ سرور را به‌روز کنید. ' +
        `(The server database has migrations this server does not know: ${unknown.join(', ')}. Update the server.)`,
    );
    this.name = 'IncompatibleServerDatabaseError';
  }
}

/** Which of `known` still need applying to a database that recorded `applied`; refuses unknown ones. */
export function pendingMigrations(applied: readonly string[], known: readonly ServerMigration[]): ServerMigration[] {
  const mismatch = applied.filter((name, i) => known[i]?.name !== name);
  if (mismatch.length > 0 || applied.length > known.length) {
    throw new IncompatibleServerDatabaseError(mismatch.length > 0 ? mismatch : applied.slice(known.length));
  }
  return known.slice(applied.length);
}
