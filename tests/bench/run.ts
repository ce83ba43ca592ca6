/**
 * `npm run bench [-- --quick]`: prints one JSON line per figure (see figures.ts). Figures
 * are measured here, never asserted in tests. The identities bench fills one store
 * (10,000 persons quick, 100,000 else); the UI bench then runs Chromium against it. The
 * sync bench (sync.ts) runs its own server, desks and PouchDB baseline.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchIdentities } from './identities';
import { benchContactsUi } from './contacts-ui';
import { benchSync } from './sync';

const quick = process.argv.includes('--quick');
const started = Date.now();
const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-'));
try {
  const { identities } = await benchIdentities(quick, dataDir);
  const uiStarted = Date.now();
  await benchContactsUi(quick, dataDir, identities);
  console.error(`bench: identities ${((uiStarted - started) / 1000).toFixed(1)} s, contacts UI ${((Date.now() - uiStarted) / 1000).toFixed(1)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const syncStarted = Date.now();
await benchSync(quick);
console.error(`bench: sync ${((Date.now() - syncStarted) / 1000).toFixed(1)} s`);
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
