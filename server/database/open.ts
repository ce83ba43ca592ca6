import type { ServerDatabase } from './database';
import { openPostgresDatabase } from './postgres';
import { openSqliteDatabase } from './sqlite';

/** PostgreSQL when a database URL is given, else the embedded SQLite file in the data folder. */
export async function openServerDatabase(opts: { dataDir: string; databaseUrl?: string | undefined }): Promise<ServerDatabase> {
  if (opts.databaseUrl) return openPostgresDatabase(opts.databaseUrl);
  return openSqliteDatabase(opts.dataDir);
}
