/**
 * `npm run bench [-- --quick] [-- --only=<section>] [-- --no-cache]`: prints one JSON line
 * per figure (see figures.ts). Figures are measured here, never asserted in tests. Each
 * section fills its own store: the identities section fills one (10,000 persons quick,
 * 100,000 else) and the UI bench then runs Chromium against it; identities-1m (skipped by
 * `--quick`) measures a million identities in a process of its own, on a store cached
 * between runs (identities-1m.ts; `--no-cache` builds it again); the phone section runs a
 * real Kamailio (tests/services/sip/); the reminders section runs a web host in its own
 * process. The sync section (sync.ts) runs its own server, desks and PouchDB baseline.
 * The calendar section fills a crowded week (calendar-data.ts) and times it in Chromium too.
 * A capability's bench is one more entry in SECTIONS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchIdentities } from './identities';
import { CHILD_FLAG, benchIdentitiesMillion, measureMillion } from './identities-1m';
import { benchContactsUi } from './contacts-ui';
import { benchPhone } from './phone';
import { benchReminders } from './reminders';
import { benchSync } from './sync';
import { benchCalendar } from './calendar';

const SECTIONS: Record<string, (quick: boolean) => Promise<unknown>> = {
  identities: async (quick) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-'));
    try {
      const { identities } = await benchIdentities(quick, dataDir);
      await benchContactsUi(quick, dataDir, identities);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
  'identities-1m': async (quick) => {
    if (!quick) await benchIdentitiesMillion(!process.argv.includes('--no-cache'));
  },
  phone: benchPhone,
  reminders: benchReminders,
  sync: benchSync,
  calendar: async (quick) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-calendar-'));
    try {
      await benchCalendar(quick, dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

const child = process.argv.indexOf(CHILD_FLAG);
if (child >= 0) {
  // The million-identity figures, in a fresh process (see identities-1m.ts).
  await measureMillion(process.argv[child + 1]!);
} else {
  const quick = process.argv.includes('--quick');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (only && !SECTIONS[only]) {
    console.error(`bench: no section '${only}'; sections: ${Object.keys(SECTIONS).join(', ')}`);
    process.exit(2);
  }
  const started = Date.now();
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (only && only !== name) continue;
    const sectionStarted = Date.now();
    await run(quick);
    console.error(`bench: ${name} ${((Date.now() - sectionStarted) / 1000).toFixed(1)} s`);
  }
  console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
}
