import type { ServerMigration } from '../database';
import sqlite0001 from './sqlite/0001_server.sql';
import postgres0001 from './postgres/0001_server.sql';

/** Append only, the same names in both lists: a shipped migration is never edited. */
export const SQLITE_MIGRATIONS: readonly ServerMigration[] = [{ name: '0001_server', sql: sqlite0001 }];
export const POSTGRES_MIGRATIONS: readonly ServerMigration[] = [{ name: '0001_server', sql: postgres0001 }];
