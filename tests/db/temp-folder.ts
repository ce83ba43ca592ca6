/**
 * The two things every store test needs and nothing more: a fixed start for clocks and a fresh
 * temporary folder. Kept apart from tests/api/backend-fixture.ts (which re-exports them) because
 * importing that file loads the whole backend, every capability included: seconds per test file,
 * paid again for every mutant in `npm run mutate` (see build/stryker.config.mjs).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 1404/01/01 (21 March 2025) 08:00 UTC: a fixed start for every clock in the tests. */
export const START = Date.UTC(2025, 2, 21, 8, 0, 0);

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `daftar-${label}-`));
}
