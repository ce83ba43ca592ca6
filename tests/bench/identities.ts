import { createBackend, type Backend } from '../../main/backend';
import type { Caller } from '../../main/api/router';
import type { IdentityService } from '../../main/identities/service';
import type { OrganisationService } from '../../main/organisation/service';
import { ADMINISTRATOR_USERNAME } from '../../main/session/service';
import { normalisePhone } from '../../main/identities/phone';
import { LOOKUP_PHONE_SQL, listSql } from '../../main/identities/store';
import { ftsPrefixQuery } from '../../db/text';
import { print, timeEach, type Figure } from './figures';
import { FIRST, LAST, formats, identity, nameQueries, numberQueries, oneWordQueries, pickMobile } from './identity-data';

export const QUIET = { info() {}, warn() {}, error() {} };

/**
 * How the identity benches open a store: no log lines, and no idle-time maintenance (a
 * quick_check and backup of the store would land in the middle of the timings).
 */
export const BENCH_BACKEND = { logger: QUIET, capabilityOptions: { storage: { maintenance: false } } } as const;

/**
 * The administrator with its permissions, as the session would answer once signed in. The
 * bench calls the router as them without setting a password, so the store stays in its
 * first-start state for the UI bench that opens it next.
 */
export function administrator(backend: Backend): Caller {
  const organisation = backend.service<OrganisationService>('organisation');
  const account = organisation.accountByUsername(ADMINISTRATOR_USERNAME);
  const user = account && organisation.activeUser(account.id);
  if (!user) throw new Error('the store has no active administrator');
  return { userId: user.id, permissions: new Set(user.permissions) };
}

/**
 * The naive plan, as a baseline: every full-text hit joined and sorted by name before the
 * first page is cut (what a search costs when it does not read the index in name order).
 */
const SORT_EVERY_HIT = listSql(
  ['identity_fts MATCH ?'],
  'identity_fts f CROSS JOIN identity_name_order n ON n.label = f.rowid CROSS JOIN identities i ON i.rid = n.rid',
);

/**
 * Caller-ID, name search, number search and the contacts page on a filled store. `suffix`
 * names the size ('' for 100,000, '_1m' for the million).
 */
export async function measureIdentities(backend: Backend, total: number, suffix: string, lookups: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  const caller = administrator(backend);
  const emit = (f: Figure) => {
    figures.push(f);
    print(f);
  };

  // phone_lookup: a number in any format → the identity. Raw SQL gets the E.164 ready-made.
  const typed = Array.from({ length: lookups }, (_, i) => formats(pickMobile(i, total))[i % 5]!);
  // The baselines run the very SQL the store runs, without the API around it.
  const raw = backend.db.prepare(LOOKUP_PHONE_SQL);
  const rawTimes = await timeEach(typed.map((_, i) => pickMobile(i, total)), (e164) => raw.all(e164));
  const apiTimes = await timeEach(typed, async (number) => {
    const r = await backend.router.call('identities.lookupPhone', { number }, caller);
    if (!r.ok || (r.value as { matches: unknown[] }).matches.length === 0) throw new Error(`lookup failed: ${number}`);
  });
  emit({ figure: `phone_lookup${suffix}`, unit: 'ms', identities: total, ...apiTimes, baseline: { name: 'raw_sql', ...rawTimes } });
  if (!suffix) emit({ figure: 'phone_normalise', unit: 'ms', ...(await timeEach(typed, (n) => normalisePhone(n))) });

  // identity_search: a name as typed (with Arabic letter variants now and then) → first page.
  const queries = nameQueries(lookups);
  const naive = backend.db.prepare(SORT_EVERY_HIT);
  // The sort-every-hit baseline costs tens of ms a query at a million: a tenth of the queries.
  const baselineRuns = Math.ceil(lookups / 10);
  const naiveTimes = await timeEach(queries.slice(0, baselineRuns).map((q) => ftsPrefixQuery(q)!), (m) => naive.all(m, 51), 5);
  const search = async (query: string) => {
    const r = await backend.router.call('identities.list', { query, limit: 50 }, caller);
    if (!r.ok || (r.value as { items: unknown[] }).items.length === 0) throw new Error(`search failed: ${query}`);
  };
  emit({
    figure: `identity_search${suffix}`,
    unit: 'ms',
    identities: total,
    ...(await timeEach(queries, search)),
    baseline: { name: 'raw_sql_sort_every_hit', ...naiveTimes },
  });

  // One word: a whole common first name (a twelfth of the store has it) or its first two
  // letters, typed with Arabic letters or a ZWNJ now and then: the most hits per page there
  // is.
  const words = oneWordQueries(lookups);
  // Sorting every hit of a common name takes up to seconds at a million: fifty are enough.
  const naiveWords = await timeEach(words.slice(0, 50).map((q) => ftsPrefixQuery(q)!), (m) => naive.all(m, 51), 5);
  emit({
    figure: `identity_search_one_word${suffix}`,
    unit: 'ms',
    identities: total,
    ...(await timeEach(words, search)),
    baseline: { name: 'raw_sql_sort_every_hit', ...naiveWords },
  });

  // A number as remembered: last 4 digits, 7 from the middle, a whole one, a common start.
  emit({ figure: `identity_number_search${suffix}`, unit: 'ms', identities: total, ...(await timeEach(numberQueries(lookups, total), search)) });

  // A plain first page of the contacts list (no text), keyset-paged.
  const pages = await timeEach(Array.from({ length: 200 }, (_, i) => i), async () => {
    await backend.router.call('identities.list', { limit: 50 }, caller);
  });
  emit({ figure: `identity_list_page${suffix}`, unit: 'ms', identities: total, ...pages });
  return figures;
}

/**
 * Fills a store with `total` persons through the identity service (rows, children, search
 * index, outbox), in store batches of 5,000 per transaction (identity-data.ts makes them: names
 * repeat, 12 first × 12 last names, numbers never do). Other capabilities' benches reuse it.
 */
export function fillIdentities(backend: Backend, total: number): void {
  const identities = backend.service<IdentityService>('identities');
  const author = administrator(backend).userId;
  // A store batch, as an import writes: one transaction, no savepoint per create.
  const batch = (from: number, to: number) =>
    backend.store.batch(() => {
      for (let i = from; i < to; i++) identities.create(identity(i), author);
    });
  for (let i = 0; i < total; i += 5_000) batch(i, Math.min(total, i + 5_000));
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
  const backend = await createBackend({ dataDir, ...BENCH_BACKEND });
  try {
    const t0 = performance.now();
    fillIdentities(backend, total);
    print({ figure: 'identity_fill', unit: 'items/s', value: Math.round(total / ((performance.now() - t0) / 1000)), n: total });

    await measureIdentities(backend, total, '', quick ? 1_000 : 5_000);
  } finally {
    await backend.close();
  }
  return { identities: total };
}
