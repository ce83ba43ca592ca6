import { defineConfig } from 'vitest/config';
import { DESK_TESTS, TIMING, sqlAsText } from '../vitest.config';

// Stryker's Vitest runner takes one config file and runs every project in it; this one is
// the desk project alone, so a mutation run never starts the PostgreSQL cluster the server
// suites need. Stryker overrides the pool (threads, one worker) itself.
export default defineConfig({
  plugins: [sqlAsText()],
  test: { ...TIMING, ...DESK_TESTS },
});
