/**
 * `npm run bench [-- --quick] [-- --no-cache]`: prints one JSON line per figure (see
 * figures.ts). Figures are measured here, never asserted in tests. `--quick` (under a
 * minute) skips the million-identity store; `--no-cache` rebuilds it instead of reusing it.
 */
import { benchIdentities } from './identities';
import { CHILD_FLAG, benchIdentitiesMillion, measureMillion } from './identities-1m';

const child = process.argv.indexOf(CHILD_FLAG);
if (child >= 0) {
  await measureMillion(process.argv[child + 1]!);
} else {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  await benchIdentities(quick);
  if (!quick) {
    const t0 = Date.now();
    await benchIdentitiesMillion(!process.argv.includes('--no-cache'));
    console.error(`bench: the million-identity part took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
}
