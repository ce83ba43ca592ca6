import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tagFacet } from '../../main/identities/search-document';
import { ok, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
const list = async (input: { query?: string; kind?: 'person' | 'organisation'; tag?: string }) =>
  (await ok(t.backend, 'identities.list', { limit: 50, ...input })).items.map((i) => i.displayName);

/** Two different tags whose facet tokens are equal (the facet is a 32-bit hash). */
let colliding: [string, string] | undefined;
function collidingTags(): [string, string] {
  if (colliding) return colliding;
  const seen = new Map<string, string>();
  for (let i = 0; ; i++) {
    const tag = `برچسب ${i}`;
    const other = seen.get(tagFacet(tag));
    if (other) return (colliding = [other, tag]);
    seen.set(tagFacet(tag), tag);
  }
}

beforeAll(async () => {
  t = await startBackend('filters');
  const [a, b] = collidingTags();
  await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'مریم', lastName: 'احمدی', tags: [a] });
  await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'مریم', lastName: 'کریمی', tags: [b] });
  await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'مریم گستر', tags: [a] });
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('list filters', () => {
  it('a tag filter keeps only that exact tag, even when another tag hashes alike', async () => {
    const [a, b] = collidingTags();
    expect(tagFacet(a)).toBe(tagFacet(b));
    expect(await list({ tag: a })).toEqual(['مریم احمدی', 'مریم گستر']);
    expect(await list({ tag: b })).toEqual(['مریم کریمی']);
    expect(await list({ tag: a, query: 'مریم' })).toEqual(['مریم احمدی', 'مریم گستر']);
    expect(await list({ tag: b, kind: 'person', query: 'مر' })).toEqual(['مریم کریمی']);
    expect(await list({ tag: a, kind: 'organisation' })).toEqual(['مریم گستر']);
  });

  it('the kind filter applies with and without text', async () => {
    expect(await list({ kind: 'organisation' })).toEqual(['مریم گستر']);
    expect(await list({ kind: 'person', query: 'مریم' })).toEqual(['مریم احمدی', 'مریم کریمی']);
  });

  it('typing the index\'s own facet tokens finds nothing: the marker is removed from what is typed', async () => {
    // Were facets reachable, 'ǂo' would find the organisation and 'ǂp' both persons.
    for (const query of ['ǂo', 'ǂp', 'ǂ', tagFacet(collidingTags()[0])]) expect(await list({ query })).toEqual([]);
    expect(await list({ query: 'مریم ǂ' })).toEqual(['مریم احمدی', 'مریم کریمی', 'مریم گستر']);
  });
});
