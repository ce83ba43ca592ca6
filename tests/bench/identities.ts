import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../main/backend';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { normalisePhone } from '../../main/identities/phone';
import { LOOKUP_PHONE_SQL, listSql } from '../../main/identities/store';
import { ftsPrefixQuery } from '../../db/text';
import { print, timeEach } from './figures';

const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم', 'رضا', 'سارا', 'حمید', 'نگار', 'مهدی', 'لیلا', 'امیر', 'شیرین'];
const LAST = ['احمدی', 'یزدانی', 'کریمی', 'موسوی', 'رضایی', 'کاظمی', 'نوری', 'صادقی', 'طاهری', 'شریفی', 'کیانی', 'زمانی'];
const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const MOBILE_PREFIXES = ['912', '935', '919', '901', '990', '937', '921', '915'];

/** The formats people type and PBXs send, applied to one E.164 mobile number. */
function formats(e164: string): string[] {
  const national = `0${e164.slice(3)}`;
  const fa = national.replace(/\d/g, (d) => PERSIAN[Number(d)]!);
  return [
    national,
    `+98 ${e164.slice(3, 6)} ${e164.slice(6, 9)} ${e164.slice(9)}`,
    `0098${e164.slice(3)}`,
    fa,
    `${national.slice(0, 4)}-${national.slice(4, 7)}-${national.slice(7)}`,
  ];
}

export async function benchIdentities(quick: boolean): Promise<void> {
  const total = quick ? 10_000 : 100_000;
  const lookups = quick ? 1_000 : 5_000;
  const dir = mkdtempSync(join(tmpdir(), 'daftar-bench-'));
  const backend = await createBackend({ dataDir: dir, logger: { info() {}, warn() {}, error() {} } });
  try {
    const identities = backend.service<IdentityService>('identities');
    const author = backend.caller().userId;
    const mobiles: string[] = [];

    // Filled through the service (rows, children, search index, outbox), in batches.
    const t0 = performance.now();
    const batch = backend.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        // Real operator prefixes; the 7 digits after make every number unique.
        const e164 = `+98${MOBILE_PREFIXES[i % MOBILE_PREFIXES.length]}${String(i).padStart(7, '0')}`;
        mobiles.push(e164);
        identities.create(
          IdentityCreate.parse({
            kind: 'person',
            firstName: FIRST[i % FIRST.length],
            lastName: `${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i % 97 === 0 ? '' : ` ${i}`}`,
            phones: [{ kind: 'mobile', number: formats(e164)[i % 5]! }],
            emails: i % 3 === 0 ? [{ kind: 'work', address: `user${i}@example.ir` }] : [],
          }),
          author,
        );
      }
    });
    for (let i = 0; i < total; i += 5_000) batch(i, Math.min(total, i + 5_000));
    print({ figure: 'identity_fill', unit: 'items/s', value: Math.round(total / ((performance.now() - t0) / 1000)), n: total });

    const caller = backend.caller();
    const pick = (i: number) => mobiles[(i * 104_729) % mobiles.length]!;

    // phone_lookup: a number in any format → the identity. Raw SQL gets the E.164 ready-made.
    const typed = Array.from({ length: lookups }, (_, i) => formats(pick(i))[i % 5]!);
    // The baselines run the very SQL the store runs, without the API around it.
    const raw = backend.db.prepare(LOOKUP_PHONE_SQL);
    const rawTimes = await timeEach(typed.map((_, i) => pick(i)), (e164) => raw.all(e164));
    const apiTimes = await timeEach(typed, async (number) => {
      const r = await backend.router.call('identities.lookupPhone', { number }, caller);
      if (!r.ok || (r.value as { matches: unknown[] }).matches.length === 0) throw new Error(`lookup failed: ${number}`);
    });
    const normTimes = await timeEach(typed, (n) => normalisePhone(n));
    print({ figure: 'phone_lookup', unit: 'ms', identities: total, ...apiTimes, baseline: { name: 'raw_sql', ...rawTimes } });
    print({ figure: 'phone_normalise', unit: 'ms', ...normTimes });

    // identity_search: a name as typed (with Arabic letter variants now and then) → first page.
    const queries = Array.from({ length: lookups }, (_, i) => {
      const q = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]!.slice(0, 3)}`;
      return i % 4 === 0 ? q.replace(/ی/g, 'ي').replace(/ک/g, 'ك') : q;
    });
    const rawSearch = backend.db.prepare(
      listSql(['i.deleted_at IS NULL', 'i.rid IN (SELECT rowid FROM identity_fts WHERE identity_fts MATCH ?)']),
    );
    const rawSearchTimes = await timeEach(queries.map((q) => ftsPrefixQuery(q)!), (m) => rawSearch.all(m, 51));
    const apiSearchTimes = await timeEach(queries, async (query) => {
      const r = await backend.router.call('identities.list', { query, limit: 50 }, caller);
      if (!r.ok) throw new Error(`search failed: ${query}`);
    });
    print({ figure: 'identity_search', unit: 'ms', identities: total, ...apiSearchTimes, baseline: { name: 'raw_sql', ...rawSearchTimes } });

    // A plain first page of the contacts list (no text), keyset-paged.
    const pages = await timeEach(Array.from({ length: 200 }, (_, i) => i), async () => {
      await backend.router.call('identities.list', { limit: 50 }, caller);
    });
    print({ figure: 'identity_list_page', unit: 'ms', identities: total, ...pages });
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
