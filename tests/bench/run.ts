/**
 * `npm run bench [-- --quick] [-- --only=phone]`: prints one JSON line per figure (see
 * figures.ts). Figures are measured here, never asserted in tests.
 */
import { benchIdentities } from './identities';
import { benchPhone } from './phone';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const BENCHES: Record<string, (quick: boolean) => Promise<void>> = { identities: benchIdentities, phone: benchPhone };
const started = Date.now();
for (const [name, run] of Object.entries(BENCHES)) {
  if (only && only !== name) continue;
  await run(quick);
}
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
