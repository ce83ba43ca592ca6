import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** Migrations are plain .sql files imported as text, as esbuild's `text` loader does in the build. */
export function sqlAsText(): Plugin {
  return {
    name: 'sql-as-text',
    load(id) {
      if (!id.endsWith('.sql')) return null;
      return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    },
  };
}

// Suites that need a real PostgreSQL: one throw-away cluster is started for them (and only
// when one of them runs), by tests/services/postgres-global-setup.ts.
const WITH_POSTGRES = ['tests/server/**/*.test.ts'];

/** The suites that need nothing but this machine; build/stryker.vitest.config.ts runs them alone. */
export const DESK_TESTS = {
  name: 'desk',
  include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
  exclude: ['tests/e2e/**', 'node_modules/**', ...WITH_POSTGRES],
};

/** Forks (one process per file) and the time limits every project shares. */
export const TIMING = { pool: 'forks', testTimeout: 30_000, hookTimeout: 60_000 } as const;

export default defineConfig({
  plugins: [sqlAsText()],
  test: {
    ...TIMING,
    projects: [
      {
        extends: true,
        test: DESK_TESTS,
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: WITH_POSTGRES,
          globalSetup: ['tests/services/postgres-global-setup.ts'],
        },
      },
    ],
  },
});
