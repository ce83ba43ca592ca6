/**
 * Issue 11: a search's cost follows the page, not the number of matches. The full-text
 * indexes' rowids are name-order labels, so the statements a search runs take the hits in
 * name order straight from FTS5 and stop after the page; nothing gathers every hit to sort
 * it. Checked on the statements the store really runs (recorded as they are prepared), by
 * SQLite's own query plan: the only sort allowed is of the page itself (at most `limit`
 * rows, after LIMIT), never one under the full-text scan. Speed itself is measured in
 * `npm run bench` (identity_search_1m).
 */
import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../db/writer';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { IdentityStore } from '../../main/identities/store';
import { searchMatch } from '../../main/identities/search-query';
import { startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;

beforeAll(async () => {
  t = await startBackend('search-plan');
  const author = t.backend.caller().userId;
  // Many matches for a common first name: a plan that sorted every hit would show it.
  t.backend.service<IdentityService>('identities').importMany(
    Array.from({ length: 400 }, (_, i) =>
      IdentityCreate.parse({
        kind: i % 9 === 0 ? 'organisation' : 'person',
        ...(i % 9 === 0 ? { organisationName: `علی گستر ${i}` } : { firstName: 'علی', lastName: `احمدی ${i}` }),
        tags: i % 2 ? ['مشتری'] : [],
        phones: [{ kind: 'mobile', number: `0912${String(i).padStart(7, '0')}` }],
      }),
    ),
    author,
    100,
  );
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

interface Run {
  sql: string;
  args: unknown[];
}

/** An IdentityStore whose statements are recorded with their arguments as they run. */
function recordingStore(runs: Run[]): IdentityStore {
  const store = t.backend.store;
  const recording = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop !== 'sql') return Reflect.get(target, prop, receiver) as unknown;
      return (text: string) => {
        const wrap = (s: Database.Statement): Database.Statement =>
          new Proxy(s, {
            get(st, p) {
              const v = Reflect.get(st, p, st) as unknown;
              if (p === 'all' || p === 'get') return (...args: unknown[]) => (runs.push({ sql: text, args }), (v as (...a: unknown[]) => unknown).apply(st, args));
              if (p === 'pluck') return (...a: unknown[]) => wrap((v as (...x: unknown[]) => Database.Statement).apply(st, a));
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(st) : v;
            },
          });
        return wrap(target.sql(text));
      };
    },
  }) as Store;
  return new IdentityStore(recording);
}

interface PlanRow {
  id: number;
  parent: number;
  detail: string;
}

/** FTS5's idxNum bit for "rows come in ascending rowid order" (FTS5_BI_ORDER_ROWID in fts5_main.c). */
const FTS5_ORDER_ROWID = 0x40;

/**
 * What is wrong with a statement's plan, for this guarantee: each full-text scan must hand
 * out rows in rowid (= name) order, and nothing at its level may sort them (a temp B-tree
 * beside the scan collects every hit before the LIMIT applies).
 */
function planFaults(run: Run): string[] {
  const rows = t.backend.db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...(run.args as never[])) as PlanRow[];
  const faults: string[] = [];
  for (const scan of rows) {
    const fts = /VIRTUAL TABLE INDEX (\d+):M/.exec(scan.detail);
    if (!fts) continue;
    if ((Number(fts[1]) & FTS5_ORDER_ROWID) === 0) faults.push(`not in rowid order: ${scan.detail}`);
    for (const sort of rows.filter((r) => r.parent === scan.parent && r.detail.startsWith('USE TEMP B-TREE'))) {
      faults.push(`sorted beside the full-text scan: ${sort.detail}`);
    }
  }
  return faults;
}

interface Case {
  query?: string;
  kind?: 'person' | 'organisation';
  tag?: string;
}

/** Runs a search's first and second page, recording what the store ran; answers the runs and the names. */
function search(c: Case, limit = 10): { runs: Run[]; names: string[] } {
  const runs: Run[] = [];
  const rows = recordingStore(runs);
  const match = searchMatch(c.query, { kind: c.kind, tag: c.tag });
  if (!match || match === 'nothing') throw new Error(`not a search: ${JSON.stringify(c)}`);
  const first = rows.list({ match, tag: c.tag, limit });
  const last = first[first.length - 1];
  const second = last ? rows.list({ match, tag: c.tag, after: { sortKey: last.sortKey, id: last.id }, limit }) : [];
  return { runs, names: [...first, ...second].map((i) => i.displayName) };
}

describe('a search', () => {
  it.each<Case>([
    { query: 'علی' },
    { query: 'علي احم' },
    { query: 'احمدی 1 عل' },
    { query: 'گستر', kind: 'organisation' },
    { query: 'علی', tag: 'مشتری' },
    { query: '0001' },
    { query: '0912 000', tag: 'مشتری' },
    { kind: 'person' },
  ])('takes its hits in name order from the index and stops after the page: %o', (c) => {
    const { runs, names } = search(c);
    // Many identities match each of these; two full pages came back.
    expect(names).toHaveLength(20);
    const searches = runs.filter((r) => /MATCH/.test(r.sql));
    expect(searches.length).toBeGreaterThan(0);
    expect(searches.flatMap(planFaults)).toEqual([]);
  });

  it('answers pages in name order, each one after the last', () => {
    const { names } = search({ query: 'علی احم' }, 25);
    const all = (t.backend.db.prepare("SELECT display_name FROM identities WHERE kind = 'person' ORDER BY sort_key, id").pluck().all() as string[]).slice(0, 50);
    expect(names).toEqual(all);
  });
});
