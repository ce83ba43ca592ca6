/**
 * `npm run bench [-- --quick] [-- --only=identities|phone|calendar]`: prints one JSON line per figure
 * (see figures.ts). Figures are measured here, never asserted in tests. The identities bench
 * fills one store (10,000 persons quick, 100,000 else); the UI bench then runs Chromium
 * against it. The phone bench fills its own and runs a real Kamailio (tests/services/sip/).
 * The calendar bench fills its own store with a crowded week (calendar-data.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchIdentities } from './identities';
import { benchContactsUi } from './contacts-ui';
import { benchPhone } from './phone';
import { benchCalendar } from './calendar';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const started = Date.now();
if (!only || only === 'identities') {
  const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-'));
  try {
    const { identities } = await benchIdentities(quick, dataDir);
    const uiStarted = Date.now();
    await benchContactsUi(quick, dataDir, identities);
    console.error(`bench: identities ${((uiStarted - started) / 1000).toFixed(1)} s, contacts UI ${((Date.now() - uiStarted) / 1000).toFixed(1)} s`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
if (!only || only === 'phone') {
  const phoneStarted = Date.now();
  await benchPhone(quick);
  console.error(`bench: phone ${((Date.now() - phoneStarted) / 1000).toFixed(1)} s`);
}
if (!only || only === 'calendar') {
  const calendarStarted = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'daftar-bench-calendar-'));
  try {
    await benchCalendar(quick, dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.error(`bench: calendar ${((Date.now() - calendarStarted) / 1000).toFixed(1)} s`);
}
console.error(`bench: done in ${((Date.now() - started) / 1000).toFixed(1)} s${quick ? ' (quick)' : ''}`);
