import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** Migrations are plain .sql files imported as text, as esbuild's `text` loader does in the build. */
function sqlAsText(): Plugin {
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

export default defineConfig({
  plugins: [sqlAsText()],
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'desk',
          include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
          exclude: ['tests/e2e/**', 'node_modules/**', ...WITH_POSTGRES],
        },
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
