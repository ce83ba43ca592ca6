import type { ServerMigration } from '../database';
import sqlite0001 from './sqlite/0001_server.sql';
import sqlite0002 from './sqlite/0002_scopes_and_feeds.sql';
import sqlite0003 from './sqlite/0003_task_access.sql';
import sqlite0004 from './sqlite/0004_sign_in_attempts.sql';
import postgres0001 from './postgres/0001_server.sql';
import postgres0002 from './postgres/0002_scopes_and_feeds.sql';
import postgres0003 from './postgres/0003_task_access.sql';
import postgres0004 from './postgres/0004_sign_in_attempts.sql';

/** Append only, the same names in both lists: a shipped migration is never edited. */
export const SQLITE_MIGRATIONS: readonly ServerMigration[] = [
  { name: '0001_server', sql: sqlite0001 },
  { name: '0002_scopes_and_feeds', sql: sqlite0002 },
  { name: '0003_task_access', sql: sqlite0003 },
  { name: '0004_sign_in_attempts', sql: sqlite0004 },
];
export const POSTGRES_MIGRATIONS: readonly ServerMigration[] = [
  { name: '0001_server', sql: postgres0001 },
  { name: '0002_scopes_and_feeds', sql: postgres0002 },
  { name: '0003_task_access', sql: postgres0003 },
  { name: '0004_sign_in_attempts', sql: postgres0004 },
];
