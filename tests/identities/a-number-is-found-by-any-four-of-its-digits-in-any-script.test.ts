import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentitySummary } from '../../main/contract';
import { ok, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
const names = (items: IdentitySummary[]) => items.map((i) => i.displayName);
const search = async (query: string, kind?: 'person' | 'organisation') =>
  names((await ok(t.backend, 'identities.list', { query, limit: 200, ...(kind ? { kind } : {}) })).items);

beforeAll(async () => {
  t = await startBackend('number-search');
  const create = (input: Parameters<typeof ok<'identities.create'>>[2]) => ok(t.backend, 'identities.create', input);
  await create({ kind: 'person', firstName: 'کیوان', lastName: 'یزدانی', phones: [{ kind: 'mobile', number: '۰۹۱۲ ۳۴۵ ۶۷۸۹' }] });
  await create({ kind: 'organisation', organisationName: 'شرکت نمونه', phones: [{ kind: 'work', number: '021-8877 6543 داخلی 12' }] });
  await create({ kind: 'person', firstName: 'پشتیبانی', phones: [{ kind: 'other', number: '۱۱۰' }] });
  // The same four digits at the start, in the middle and at the end of different numbers.
  for (const [i, number] of ['09355555000', '09121555512', '09190005555', '09010055550'].entries()) {
    await create({ kind: 'person', firstName: 'پنج', lastName: `شماره ${i}`, phones: [{ kind: 'mobile', number }] });
  }
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('a number search', () => {
  it.each(['6789', '۶۷۸۹', '٦٧٨٩', '45 67', '345-6789', '3456789', '(912) 345', '09123456789', '+98 912 345 6789', '0098 912 345 6789', '۰۰۹۸۹۱۲۳۴۵'])(
    'finds 0912 345 6789 by %s',
    async (query) => {
      expect(await search(query)).toEqual(['کیوان یزدانی']);
    },
  );

  it('finds a landline by digits inside it, whatever follows (an extension)', async () => {
    expect(await search('8877')).toEqual(['شرکت نمونه']);
    expect(await search('6543')).toEqual(['شرکت نمونه']);
    expect(await search('۷۷ ۶۵۴۳')).toEqual(['شرکت نمونه']);
  });

  it('finds digits starting with 00 inside a number: 00 dials abroad only before a country code, and none starts with 0', async () => {
    expect(await search('0005')).toEqual(['پنج شماره 2']);
    expect(await search('۰۰۵۵')).toEqual(['پنج شماره 2', 'پنج شماره 3']);
    expect(await search('0098 901')).toEqual(['پنج شماره 3']);
  });

  it('with fewer than four digits matches only the start of a number', async () => {
    expect(await search('789')).toEqual([]);
    expect(await search('345')).toEqual([]);
    expect(await search('912')).toEqual(['پنج شماره 1', 'کیوان یزدانی']);
    expect(await search('۹۱۹')).toEqual(['پنج شماره 2']);
    expect(await search('110')).toEqual(['پشتیبانی']);
    expect(await search('10')).toEqual([]);
  });

  it('finds every number holding the digits, wherever they are, once each and in name order, across pages', async () => {
    const all = await search('5555');
    expect(all).toEqual(['پنج شماره 0', 'پنج شماره 1', 'پنج شماره 2', 'پنج شماره 3']);
    const first = await ok(t.backend, 'identities.list', { query: '5555', limit: 3 });
    expect(names(first.items)).toEqual(all.slice(0, 3));
    const rest = await ok(t.backend, 'identities.list', { query: '5555', limit: 3, after: first.next! });
    expect(names(rest.items)).toEqual(all.slice(3));
    expect(rest.next).toBeNull();
  });

  it('keeps the kind filter', async () => {
    expect(await search('6543', 'person')).toEqual([]);
    expect(await search('6543', 'organisation')).toEqual(['شرکت نمونه']);
    expect(await search('6789', 'organisation')).toEqual([]);
  });

  it('typed with a name, matches the start of the number', async () => {
    expect(await search('کیوان 0912')).toEqual(['کیوان یزدانی']);
    expect(await search('یزدانی ۹۱۲۳')).toEqual(['کیوان یزدانی']);
  });

  it('forgets a number that was removed from the identity', async () => {
    const p = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'موقت',
      phones: [{ kind: 'mobile', number: '09127770001' }],
    });
    expect(await search('7770001')).toEqual(['موقت']);
    await ok(t.backend, 'identities.update', { id: p.id, kind: 'person', firstName: 'موقت', phones: [] });
    expect(await search('7770001')).toEqual([]);
    expect(await search('موقت')).toEqual(['موقت']);
  });
});
