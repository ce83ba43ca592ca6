/**
 * `npm run bench [-- --quick]`: prints one JSON line per figure (see figures.ts). Figures
 * are measured here, never asserted in tests.
 */
import { benchIdentities } from './identities';
import { benchSync } from './sync';

const quick = process.argv.includes('--quick');
const started = Date.now();
await benchIdentities(quick);
await benchSync(quick);
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
