import { describe, expect, it } from 'vitest';
import { IncompatibleServerDatabaseError, type ServerMigration } from '../../server/database/database';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../server/database/migrations';
import { openPostgresDatabase } from '../../server/database/postgres';
import { openSqliteDatabase } from '../../server/database/sqlite';
import { ENGINES, storage } from './harness';

describe.each(ENGINES)('server migrations on %s', (engine) => {
  it('apply in order once, and a database with a migration this server does not know is refused', async () => {
    const store = await storage(engine);
    const open = async (list: readonly ServerMigration[]) =>
      engine === 'sqlite' ? openSqliteDatabase(store.where, list) : openPostgresDatabase(store.where, list);
    try {
      const known = engine === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
      const newer = [...known, { name: '9999_future', sql: 'CREATE TABLE future (x INTEGER)' }];
      const db = await open(newer);
      expect((await db.all<{ name: string }>('SELECT name FROM server_migrations ORDER BY position')).map((r) => r.name)).toEqual(
        newer.map((m) => m.name),
      );
      await db.close();
      const again = await open(newer); // nothing left to apply: opens as it is
      await again.close();
      const err = await open(known).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(IncompatibleServerDatabaseError);
      expect((err as Error).message).toContain('9999_future');
      expect((err as Error).message).toContain('سرور را به‌روز کنید');
    } finally {
      await store.dispose();
    }
  });
});
