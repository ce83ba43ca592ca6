/**
 * `npm run bench [-- --quick] [-- --no-cache] [-- --only=identities|identities-1m|phone]`:
 * prints one JSON line per figure (see figures.ts). Figures are measured here, never asserted
 * in tests. The identities bench fills one store (10,000 persons quick, 100,000 else); the UI
 * bench then runs Chromium against it. Without `--quick`, the million-identity bench follows
 * (identities-1m.ts: its store is cached between runs, `--no-cache` rebuilds it). The phone
 * bench fills its own and runs a real Kamailio (tests/services/sip/).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchIdentities } from './identities';
import { CHILD_FLAG, benchIdentitiesMillion, measureMillion } from './identities-1m';
import { benchContactsUi } from './contacts-ui';
import { benchPhone } from './phone';

const elapsed = (t0: number) => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

const child = process.argv.indexOf(CHILD_FLAG);
if (child >= 0) {
  // The million-identity figures, in a process of their own (see identities-1m.ts).
  await measureMillion(process.argv[child + 1]!);
} else {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const started = Date.now();
  if (!only || only === 'identities') {
    const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-'));
    try {
      const { identities } = await benchIdentities(quick, dataDir);
      const uiStarted = Date.now();
      await benchContactsUi(quick, dataDir, identities);
      console.error(`bench: identities ${elapsed(started)}, contacts UI ${elapsed(uiStarted)}`);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (!quick && (!only || only === 'identities' || only === 'identities-1m')) {
    const millionStarted = Date.now();
    await benchIdentitiesMillion(!process.argv.includes('--no-cache'));
    console.error(`bench: the million identities ${elapsed(millionStarted)}`);
  }
  if (!only || only === 'phone') {
    const phoneStarted = Date.now();
    await benchPhone(quick);
    console.error(`bench: phone ${elapsed(phoneStarted)}`);
  }
  console.error(`bench: done in ${elapsed(started)}${quick ? ' (quick)' : ''}`);
}
