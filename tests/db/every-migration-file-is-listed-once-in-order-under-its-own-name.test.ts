import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../db/migrate';

/**
 * db/migrations/index.ts is loaded once the tests start, not by an import at the top: its list
 * is made when it loads, and a mutation run switches its mutant on only as the tests start.
 */
let MIGRATIONS: readonly Migration[];
beforeAll(async () => {
  vi.resetModules();
  ({ MIGRATIONS } = await import('../../db/migrations'));
});

const FOLDER = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

describe('the list of migrations', () => {
  it('has every .sql file of db/migrations, once, in the order of their numbers, each under its file name with that file as its SQL', () => {
    // A file left out would never run on any store; one under another name would run again
    // on stores that have it (their schema_migrations knows it by its old name).
    const files = readdirSync(FOLDER)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    expect(MIGRATIONS.map((m) => m.name)).toEqual(files.map((f) => f.slice(0, -'.sql'.length)));
    for (const [i, m] of MIGRATIONS.entries()) expect(m.sql, m.name).toBe(readFileSync(join(FOLDER, files[i]!), 'utf8'));
  });
});
