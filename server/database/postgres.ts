import pg from 'pg';
import { pendingMigrations, type Param, type ServerDatabase, type ServerMigration, type Sql } from './database';
import { POSTGRES_MIGRATIONS } from './migrations';

const CHANNEL = 'daftar_sync';
// Any fixed number: serialises migrations when several instances start at once.
const MIGRATION_LOCK = 7_310_001;

/** `?` placeholders (as SQLite writes them) to PostgreSQL's `$1, $2, …`. Our SQL has no `?` in literals. */
export function numbered(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

// BIGINT (oid 20) as a JS number: sequence numbers stay far below 2^53.
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
};

/**
 * PostgreSQL for deployments beyond one small machine, and for running several server
 * instances on one database: a commit NOTIFYs every instance, so each pokes its own
 * connected desks (LISTEN/NOTIFY).
 */
export async function openPostgresDatabase(
  url: string,
  migrations: readonly ServerMigration[] = POSTGRES_MIGRATIONS,
): Promise<ServerDatabase> {
  const pool = new pg.Pool({ connectionString: url, max: 10, types });
  pool.on('error', () => undefined); // an idle client lost: the pool replaces it
  const wrap = (q: { query: pg.Pool['query'] }): Sql => ({
    all: async <T>(text: string, params: readonly Param[] = []) => (await q.query(numbered(text), params as Param[])).rows as T[],
    get: async <T>(text: string, params: readonly Param[] = []) => (await q.query(numbered(text), params as Param[])).rows[0] as T | undefined,
    run: async (text: string, params: readonly Param[] = []) => (await q.query(numbered(text), params as Param[])).rowCount ?? 0,
  });
  try {
    await migrate(pool, migrations);
  } catch (err) {
    await pool.end();
    throw err;
  }

  const listeners = new Set<(head: number) => void>();
  let listener: pg.Client | null = null;
  let closed = false;
  const listen = async () => {
    const client = new pg.Client({ connectionString: url, types });
    client.on('notification', (msg) => {
      const head = Number(msg.payload);
      if (msg.channel === CHANNEL && Number.isFinite(head)) for (const l of listeners) l(head);
    });
    client.on('error', () => {
      // The connection dropped: listen again, so pokes resume when the database is back.
      listener = null;
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void listen().catch(() => undefined), 1000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };
  try {
    await listen();
  } catch (err) {
    await pool.end();
    throw err;
  }

  const direct = wrap(pool);
  return {
    dialect: 'postgres',
    ...direct,
    transaction: async <T>(body: (tx: Sql) => Promise<T>) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await body(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    // Delivered when the transaction commits, and only then.
    notify: async (tx, head) => {
      await tx.run('SELECT pg_notify(?, ?)', [CHANNEL, String(head)]);
    },
    onNotify: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, migrations: readonly ServerMigration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS server_migrations (
      position INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at BIGINT NOT NULL)`);
    const applied = (await client.query('SELECT name FROM server_migrations ORDER BY position')).rows.map((r) => r.name as string);
    const todo = pendingMigrations(applied, migrations);
    for (const [i, m] of todo.entries()) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO server_migrations (position, name, applied_at) VALUES ($1, $2, $3)', [
          applied.length + i,
          m.name,
          Date.now(),
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
