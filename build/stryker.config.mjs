// `npm run mutate`: mutation testing of the store, the API layer and the hosts (issue 6).
// Not part of CI: a full run takes long on a small machine. Narrow it with --mutate, e.g.
//   npx stryker run build/stryker.config.mjs --mutate 'db/**/*.ts'
// and, for the store alone, with its own suites (fewer test files to load per mutant):
//   npx stryker run build/stryker.config.mjs --mutate 'db/hlc.ts' --testFiles 'tests/db/**/*.test.ts' --concurrency 1
// Each mutant reruns, in a fresh worker, every test file with a test that reached it; measured
// about 10 s a mutant (db/hlc.ts: 55 mutants, 17.6 tests each, 9 min 49 s at load 5-7 on 2 cores).
// Reports go to reports/mutation/ and the sandbox to .stryker-tmp/ (both git-ignored).

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'build/stryker.vitest.config.ts', related: true },
  mutate: ['db/**/*.ts', 'main/api/**/*.ts', 'main/host/**/*.ts', '!**/*.test.ts', '!**/*.d.ts'],
  // Only the suites that exercise these folders; the others would run for nothing.
  testFiles: ['tests/db/**/*.test.ts', 'tests/api/**/*.test.ts', 'tests/host/**/*.test.ts'],
  coverageAnalysis: 'perTest',
  // A mutant that only runs while a module loads (a constant, a table of names) needs a
  // fresh environment and every test for each one: minutes apiece here. They are listed as
  // ignored in the report instead of being run.
  ignoreStatic: true,
  // Two shared cores: more sandboxes only fight over them.
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Reruns test only the mutants whose code or covering tests changed since the last run;
  // the results are kept in reports/stryker-incremental.json (git-ignored). --force reruns all.
  incremental: true,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  // Build output, packaged apps and test artifacts are not needed in the sandbox.
  ignorePatterns: ['dist', '.test-bundles', 'release', 'test-results', 'playwright-report', 'tests/e2e/.artifacts', '.daftar-dev', '.scratch'],
};
