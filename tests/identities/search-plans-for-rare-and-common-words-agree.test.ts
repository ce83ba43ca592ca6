import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsPrefixQuery } from '../../db/text';
import { IdentityStore, type ListFilter } from '../../main/identities/store';
import { ok, startBackend } from '../api/backend-fixture';

const { backend } = await startBackend('search-plans');
afterAll(() => backend.close());

const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم'];
const LAST = ['احمدی', 'یزدانی', 'کریمی'];

beforeAll(async () => {
  for (let i = 0; i < 60; i++) {
    await ok(backend, 'identities.create', {
      kind: 'person',
      firstName: FIRST[i % FIRST.length],
      lastName: `${LAST[i % LAST.length]} ${i}`,
      tags: i % 2 ? ['زوج'] : [],
    });
  }
});

/** Every page of a search, following the keyset cursor. */
function allPages(rows: IdentityStore, f: Omit<ListFilter, 'after'>): string[] {
  const ids: string[] = [];
  let after: ListFilter['after'];
  for (;;) {
    const page = rows.list({ ...f, after });
    ids.push(...page.map((p) => p.id));
    const last = page[page.length - 1];
    if (page.length < f.limit || !last) return ids;
    after = { sortKey: last.sortKey, id: last.id };
  }
}

describe('a search', () => {
  // The same store read with each plan forced: hits-first (sparse) and name-index-first (dense).
  const sparse = () => new IdentityStore(backend.store, 1_000_000);
  const dense = () => new IdentityStore(backend.store, 0);

  it.each(['علی', 'کریمی', 'زهرا احم', 'ک', 'مریم یزدانی 1'])('for %s returns the same pages with either plan', (q) => {
    const match = ftsPrefixQuery(q)!;
    expect(allPages(sparse(), { match, limit: 7 }).length).toBeGreaterThan(0);
    for (const filter of [{ match, limit: 7 }, { match, limit: 7, tag: 'زوج' }, { match, limit: 50, kind: 'person' as const }]) {
      const a = allPages(sparse(), filter);
      const b = allPages(dense(), filter);
      expect(a).toEqual(b);
      expect(new Set(a).size).toBe(a.length);
    }
  });

  it('with no hit answers an empty page', () => {
    expect(sparse().list({ match: ftsPrefixQuery('ناموجود')!, limit: 10 })).toEqual([]);
    expect(dense().list({ match: ftsPrefixQuery('ناموجود')!, limit: 10 })).toEqual([]);
  });
});
