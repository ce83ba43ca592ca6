import { createBackend, type Backend } from '../../main/backend';
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

/**
 * Fills a store with `total` persons through the identity service (rows, children, search
 * index, outbox), in batches of 5,000 per transaction, and answers their mobiles (E.164) in
 * the order made. Names repeat (12 first × 12 last names), numbers never do. The UI bench
 * (contacts-ui.ts) and other capabilities' benches reuse it.
 */
export function fillIdentities(backend: Backend, total: number): string[] {
  const identities = backend.service<IdentityService>('identities');
  const author = backend.caller().userId;
  const mobiles: string[] = [];
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
  return mobiles;
}

/** Names as the fill makes them, for benches that search them. */
export const FILL_NAMES = { first: FIRST, last: LAST } as const;

/**
 * Fills the store in `dataDir` (10,000 persons quick, 100,000 else) and times the
 * backend's identity figures on it. The folder stays filled for the UI bench; the caller
 * removes it.
 */
export async function benchIdentities(quick: boolean, dataDir: string): Promise<{ identities: number }> {
  const total = quick ? 10_000 : 100_000;
  const lookups = quick ? 1_000 : 5_000;
  const backend = await createBackend({ dataDir, logger: { info() {}, warn() {}, error() {} } });
  try {
    const t0 = performance.now();
    const mobiles = fillIdentities(backend, total);
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
  }
  return { identities: total };
}
