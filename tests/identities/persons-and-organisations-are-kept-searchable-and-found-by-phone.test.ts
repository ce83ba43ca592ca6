import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity, IdentitySummary } from '../../main/contract';
import { adminId, fails, ok, outboxCount, rowCount, snapshot, startBackend, type TestBackend } from '../api/backend-fixture';

const ZWNJ = '\u200C';
let t: TestBackend;

beforeAll(async () => {
  t = await startBackend('identities');
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

const call = {
  create: (input: Parameters<typeof ok<'identities.create'>>[2]) => ok(t.backend, 'identities.create', input),
  list: (input: Parameters<typeof ok<'identities.list'>>[2]) => ok(t.backend, 'identities.list', input),
};
const names = (items: IdentitySummary[]) => items.map((i) => i.displayName);
const search = async (query: string) => names((await call.list({ query, limit: 200 })).items);

describe('creating a person', () => {
  let kayvan: Identity;

  beforeAll(async () => {
    kayvan = await call.create({
      kind: 'person',
      honorific: 'آقای',
      firstName: 'کیوان',
      lastName: 'یزدانی',
      jobTitle: 'مدیر فروش',
      tags: ['مشتری', 'VIP', 'مشتری'],
      phones: [
        { kind: 'mobile', number: '۰۹۱۲۱۲۳۴۵۶۷' },
        { kind: 'work', number: '021-8888 1234 داخلی 12' },
      ],
      emails: [{ kind: 'work', address: '  Kayvan.Yazdani@Example.COM ' }],
      addresses: [{ kind: 'work', line: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1234567890' }],
    });
  });

  it('returns the stored identity with normalised numbers and a display form', () => {
    expect(kayvan).toMatchObject({
      kind: 'person',
      honorific: 'آقای',
      firstName: 'کیوان',
      lastName: 'یزدانی',
      organisationName: null,
      organisation: null,
      jobTitle: 'مدیر فروش',
      displayName: 'کیوان یزدانی',
      tags: ['مشتری', 'VIP'],
      notes: null,
      members: [],
    });
    expect(kayvan.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(kayvan.phones).toEqual([
      { id: expect.any(String), kind: 'mobile', number: '۰۹۱۲۱۲۳۴۵۶۷', e164: '+989121234567', display: '0912 123 4567' },
      { id: expect.any(String), kind: 'work', number: '021-8888 1234 داخلی 12', e164: '+982188881234', display: '021 8888 1234' },
    ]);
    expect(kayvan.emails).toEqual([{ id: expect.any(String), kind: 'work', address: 'kayvan.yazdani@example.com' }]);
    expect(kayvan.addresses).toEqual([
      { id: expect.any(String), kind: 'work', line: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1234567890' },
    ]);
  });

  it('records who created it and when', () => {
    const admin = adminId(t.backend);
    expect(kayvan.createdAt).toBe(t.clock.now());
    expect(kayvan.createdBy).toEqual({ id: admin, displayName: 'مدیر سیستم' });
    expect(kayvan.updatedBy).toEqual({ id: admin, displayName: 'مدیر سیستم' });
  });

  it('get returns the same identity', async () => {
    expect(await ok(t.backend, 'identities.get', { id: kayvan.id })).toEqual(kayvan);
  });

  it('an unknown id is not-found', async () => {
    const e = await fails(t.backend, 'identities.get', { id: t.clock.newId() });
    expect(e.code).toBe('not-found');
    expect(e.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('a person needs a name, an organisation an organisation name', async () => {
    const p = await fails(t.backend, 'identities.create', { kind: 'person', firstName: '  ' });
    expect(p.code).toBe('invalid-input');
    expect(p.issues?.some((i) => i.path.join('.') === 'lastName')).toBe(true);
    const o = await fails(t.backend, 'identities.create', { kind: 'organisation', firstName: 'x' });
    expect(o.code).toBe('invalid-input');
    expect(o.issues?.some((i) => i.path.join('.') === 'organisationName')).toBe(true);
  });
});

describe('listing and searching', () => {
  const created: Identity[] = [];

  beforeAll(async () => {
    const people: [string, string][] = [
      ['علی‌رضا', 'محمدی'],
      ['زهرا', 'کریمی'],
      ['مریم', 'احمدی'],
      ['رضا', 'حسینی'],
      ['سارا', 'رضایی'],
      ['امیر', 'کاظمی'],
      ['نرگس', 'موسوی'],
      ['یاسمن', 'رحیمی'],
      ['بهرام', 'جعفری'],
      ['فاطمه', 'صادقی'],
      ['آرش', 'نوری'],
      ['پریسا', 'قاسمی'],
    ];
    for (const [i, [first, last]] of people.entries()) {
      t.clock.advance(1000);
      created.push(
        await call.create({
          kind: 'person',
          firstName: first,
          lastName: last,
          phones: [{ kind: 'mobile', number: `0935${String(1000000 + i)}` }],
          emails: [{ kind: 'personal', address: `person${i}@mail${i}.example.ir` }],
          tags: i % 2 === 0 ? ['زوج'] : ['فرد'],
        }),
      );
    }
    created.push(await call.create({ kind: 'organisation', organisationName: 'شرکت نمونه', tags: ['زوج'] }));
  });

  it('lists by name order (folded sort key), every row exactly once across keyset pages', async () => {
    const all = await call.list({ limit: 200 });
    expect(all.next).toBeNull();
    const keys = all.items.map((i) => i.sortKey);
    expect([...keys].sort()).toEqual(keys);

    const seen: string[] = [];
    let after: { sortKey: string; id: string } | undefined;
    let pages = 0;
    for (;;) {
      const page = await call.list({ limit: 4, ...(after ? { after } : {}) });
      pages++;
      expect(page.items.length).toBeLessThanOrEqual(4);
      seen.push(...page.items.map((i) => i.id));
      if (!page.next) break;
      expect(page.next).toEqual({ sortKey: page.items.at(-1)!.sortKey, id: page.items.at(-1)!.id });
      after = page.next;
      expect(pages).toBeLessThan(50);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.items.map((i) => i.id));
    expect(seen.length).toBe(rowCount(t.backend.db, 'identities'));
    expect(pages).toBe(Math.ceil(seen.length / 4));
  });

  it('a page size that divides the total ends without an empty page', async () => {
    const total = (await call.list({ limit: 200 })).items.length;
    const first = await call.list({ limit: total });
    expect(first.items).toHaveLength(total);
    expect(first.next).toBeNull();
  });

  it('summaries carry the first phone and email and the tags', async () => {
    const page = await call.list({ query: 'زهرا', limit: 10 });
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'person',
      displayName: 'زهرا کریمی',
      phone: '0935 100 0001', // the national display form, whatever was typed
      email: 'person1@mail1.example.ir',
      tags: ['فرد'],
      organisationName: null,
    });
  });

  it('filters by kind and by tag', async () => {
    const orgs = await call.list({ kind: 'organisation', limit: 200 });
    expect(names(orgs.items)).toEqual(['شرکت نمونه']);
    const even = await call.list({ tag: 'زوج', limit: 200 });
    expect(even.items).toHaveLength(7);
    const evenPersons = await call.list({ tag: 'زوج', kind: 'person', limit: 200 });
    expect(evenPersons.items).toHaveLength(6);
    expect(await call.list({ tag: 'ناموجود', limit: 200 })).toEqual({ items: [], next: null });
  });

  it('finds a name typed with Arabic letters', async () => {
    expect(await search('كيوان يزداني')).toEqual(['کیوان یزدانی']);
    expect(await search('يزد')).toEqual(['کیوان یزدانی']);
  });

  it('finds a name with or without ZWNJ, whichever way it was stored', async () => {
    expect(await search('علیرضا')).toEqual(['علی‌رضا محمدی']);
    expect(await search(`علی${ZWNJ}رضا`)).toEqual(['علی‌رضا محمدی']);
    const nozwnj = await call.create({ kind: 'person', firstName: 'محمدعلی', lastName: 'پورعلی' });
    expect(await search(`محمد${ZWNJ}علی`)).toContain('محمدعلی پورعلی');
    await ok(t.backend, 'identities.delete', { id: nozwnj.id });
  });

  it('finds by prefix of each word, in any order', async () => {
    expect(await search('محم علی')).toEqual(['علی‌رضا محمدی']);
    expect(await search('کریمی زه')).toEqual(['زهرا کریمی']);
  });

  it('finds by an email fragment', async () => {
    expect(await search('person3@mail3')).toEqual(['رضا حسینی']);
    expect(await search('mail5.example')).toEqual(['امیر کاظمی']);
    expect(await search('kayvan.yazdani@example.com')).toEqual(['کیوان یزدانی']);
  });

  it('finds by tag and job title words', async () => {
    expect(await search('مدیر فروش')).toEqual(['کیوان یزدانی']);
    expect(await search('VIP')).toEqual(['کیوان یزدانی']);
  });

  it.each([
    ['09121234567'],
    ['0912'],
    ['۰۹۱۲۱۲۳'],
    ['9121234'],
    ['+98912'],
    ['+98 912 123 4567'],
    ['0912 123 4567'],
    ['0912-123-45'],
    ['(0912) 123'],
    ['0098 912 123'],
  ])('finds by phone typed as %s', async (query) => {
    expect(await search(query)).toEqual(['کیوان یزدانی']);
  });

  it('a query with nothing searchable finds nothing instead of failing', async () => {
    expect(await call.list({ query: '"*()', limit: 10 })).toEqual({ items: [], next: null });
    expect(await call.list({ query: 'NEAR(', limit: 10 })).toEqual({ items: [], next: null });
  });

  it('search results are paged too', async () => {
    const first = await call.list({ query: 'mail', limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.next).not.toBeNull();
    const rest = await call.list({ query: 'mail', limit: 200, after: first.next! });
    const ids = [...first.items, ...rest.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(12);
    expect(rest.next).toBeNull();
  });
});

describe('caller-ID lookup', () => {
  let owner: Identity;
  beforeAll(async () => {
    owner = await call.create({
      kind: 'person',
      firstName: 'نیما',
      lastName: 'تهرانی',
      phones: [
        { kind: 'home', number: '88776655' },
        { kind: 'mobile', number: '+98 919 765 4321' },
      ],
    });
  });

  it('a local number typed without area code is stored with the default area code', () => {
    expect(owner.phones[0]).toMatchObject({ number: '88776655', e164: '+982188776655', display: '021 8877 6655' });
  });

  it.each(['09197654321', '+989197654321', '0098 919 765 4321', '۰۹۱۹ ۷۶۵ ۴۳۲۱', '919-765-4321'])(
    'finds the owner of %s',
    async (number) => {
      const r = await ok(t.backend, 'identities.lookupPhone', { number });
      expect(r.e164).toBe('+989197654321');
      expect(r.matches).toEqual([expect.objectContaining({ id: owner.id, displayName: 'نیما تهرانی', phoneKind: 'mobile' })]);
    },
  );

  it.each(['02188776655', '+982188776655', '88776655', '021-8877-6655'])('finds the home number %s', async (number) => {
    const r = await ok(t.backend, 'identities.lookupPhone', { number });
    expect(r.matches.map((m) => [m.id, m.phoneKind])).toEqual([[owner.id, 'home']]);
  });

  it('an unknown number answers no matches, a non-number answers e164 null', async () => {
    expect(await ok(t.backend, 'identities.lookupPhone', { number: '09300000000' })).toEqual({ e164: '+989300000000', matches: [] });
    expect(await ok(t.backend, 'identities.lookupPhone', { number: 'abc' })).toEqual({ e164: null, matches: [] });
  });

  it('one number shared by two identities returns both', async () => {
    const other = await call.create({ kind: 'person', firstName: 'همسر', phones: [{ kind: 'home', number: '021 8877 6655' }] });
    const r = await ok(t.backend, 'identities.lookupPhone', { number: '88776655' });
    expect(r.matches.map((m) => m.id).sort()).toEqual([owner.id, other.id].sort());
    await ok(t.backend, 'identities.delete', { id: other.id });
  });

  it('the default area code setting decides how short numbers are read', async () => {
    await ok(t.backend, 'settings.update', { defaultAreaCode: '031' });
    try {
      expect((await ok(t.backend, 'settings.get', {})).defaultAreaCode).toBe('31');
      const r = await ok(t.backend, 'identities.lookupPhone', { number: '88776655' });
      expect(r.e164).toBe('+983188776655');
      expect(r.matches).toEqual([]);
    } finally {
      await ok(t.backend, 'settings.update', { defaultAreaCode: '21' });
    }
  });
});

describe('updating', () => {
  it('replaces children: kept ids are updated, new ones inserted, missing ones soft-deleted; search follows', async () => {
    const before = await call.create({
      kind: 'person',
      firstName: 'بابک',
      lastName: 'شریفی',
      phones: [
        { kind: 'mobile', number: '09120000001' },
        { kind: 'work', number: '02122223333' },
      ],
      emails: [{ kind: 'work', address: 'babak@old.example' }],
      addresses: [{ kind: 'home', line: 'خیابان قدیم' }],
    });
    const [keepPhone, dropPhone] = before.phones;
    t.clock.advance(60_000);
    const after = await ok(t.backend, 'identities.update', {
      id: before.id,
      kind: 'person',
      firstName: 'بهزاد',
      lastName: 'شریفی',
      phones: [
        { id: keepPhone!.id, kind: 'work', number: '09120000009' },
        { kind: 'fax', number: '021 4444 5555' },
      ],
      emails: [],
      addresses: [{ id: before.addresses[0]!.id, kind: 'home', line: 'خیابان جدید', city: 'کرج' }],
    });

    expect(after.displayName).toBe('بهزاد شریفی');
    expect(after.updatedAt).toBe(t.clock.now());
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.phones.map((p) => [p.kind, p.e164])).toEqual([
      ['work', '+989120000009'],
      ['fax', '+982144445555'],
    ]);
    expect(after.phones[0]!.id).toBe(keepPhone!.id);
    expect(after.phones[1]!.id).not.toBe(dropPhone!.id);
    expect(after.emails).toEqual([]);
    expect(after.addresses).toEqual([{ id: before.addresses[0]!.id, kind: 'home', line: 'خیابان جدید', city: 'کرج', postalCode: null }]);

    // Dropped children stay in their tables, soft-deleted.
    const dropped = t.backend.db.prepare('SELECT deleted_at FROM identity_phones WHERE id = ?').pluck().get(dropPhone!.id);
    expect(dropped).toBe(t.clock.now());
    const droppedEmail = t.backend.db
      .prepare('SELECT address, deleted_at FROM identity_emails WHERE id = ?')
      .get(before.emails[0]!.id) as { address: string; deleted_at: number };
    expect(droppedEmail).toEqual({ address: 'babak@old.example', deleted_at: t.clock.now() });

    // The search index follows.
    expect(await search('بابک')).toEqual([]);
    expect(await search('بهزاد')).toEqual(['بهزاد شریفی']);
    expect(await search('babak@old')).toEqual([]);
    expect(await search('02122223333')).toEqual([]);
    expect(await search('021 4444')).toEqual(['بهزاد شریفی']);
    expect((await ok(t.backend, 'identities.lookupPhone', { number: '02122223333' })).matches).toEqual([]);
    expect((await ok(t.backend, 'identities.lookupPhone', { number: '09120000009' })).matches.map((m) => m.id)).toEqual([before.id]);
  });

  it('an id of another identity\'s phone is not trusted: it becomes a new row and the other is untouched', async () => {
    const a = await call.create({ kind: 'person', firstName: 'الف', phones: [{ kind: 'mobile', number: '09121110001' }] });
    const b = await call.create({ kind: 'person', firstName: 'ب', phones: [{ kind: 'mobile', number: '09121110002' }] });
    const updated = await ok(t.backend, 'identities.update', {
      id: b.id,
      kind: 'person',
      firstName: 'ب',
      phones: [{ id: a.phones[0]!.id, kind: 'mobile', number: '09121110003' }],
    });
    expect(updated.phones[0]!.id).not.toBe(a.phones[0]!.id);
    expect((await ok(t.backend, 'identities.get', { id: a.id })).phones).toEqual(a.phones);
  });

  it('an update that changes nothing writes nothing', async () => {
    const p = await call.create({ kind: 'person', firstName: 'ثابت', phones: [{ kind: 'mobile', number: '09121119999' }] });
    const before = outboxCount(t.backend.db);
    const again = await ok(t.backend, 'identities.update', {
      id: p.id,
      kind: 'person',
      firstName: 'ثابت',
      phones: [{ id: p.phones[0]!.id, kind: 'mobile', number: '09121119999' }],
    });
    expect(outboxCount(t.backend.db)).toBe(before);
    expect(again).toEqual(p);
  });

  it('updating a missing identity is not-found and writes nothing', async () => {
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'identities.update', { id: t.clock.newId(), kind: 'person', firstName: 'x' });
    expect(e.code).toBe('not-found');
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('soft delete', () => {
  it('hides the identity from get, list, search and lookup but keeps its rows', async () => {
    const p = await call.create({
      kind: 'person',
      firstName: 'حذف',
      lastName: 'شدنی',
      phones: [{ kind: 'mobile', number: '09127776655' }],
    });
    t.clock.advance(1000);
    expect(await ok(t.backend, 'identities.delete', { id: p.id })).toEqual({ id: p.id });
    expect((await fails(t.backend, 'identities.get', { id: p.id })).code).toBe('not-found');
    expect((await call.list({ limit: 200 })).items.map((i) => i.id)).not.toContain(p.id);
    expect(await search('شدنی')).toEqual([]);
    expect((await ok(t.backend, 'identities.lookupPhone', { number: '09127776655' })).matches).toEqual([]);

    const row = t.backend.db.prepare('SELECT display_name, deleted_at FROM identities WHERE id = ?').get(p.id);
    expect(row).toEqual({ display_name: 'حذف شدنی', deleted_at: t.clock.now() });
    expect(t.backend.db.prepare('SELECT count(*) FROM identity_phones WHERE identity_id = ?').pluck().get(p.id)).toBe(1);

    // Deleting twice, updating or noting a deleted identity: not-found, nothing written.
    const before = snapshot(t.backend.db);
    expect((await fails(t.backend, 'identities.delete', { id: p.id })).code).toBe('not-found');
    expect((await fails(t.backend, 'identities.update', { id: p.id, kind: 'person', firstName: 'x' })).code).toBe('not-found');
    expect((await fails(t.backend, 'notes.create', { identityId: p.id, body: 'x' })).code).toBe('not-found');
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('organisations and their members', () => {
  it('a person with organisationId is listed among the organisation\'s members', async () => {
    const org = await call.create({ kind: 'organisation', organisationName: 'هلدینگ پارس', phones: [{ kind: 'work', number: '021 2222 1111' }] });
    const a = await call.create({ kind: 'person', firstName: 'کارمند', lastName: 'یکم', organisationId: org.id, jobTitle: 'حسابدار' });
    const b = await call.create({ kind: 'person', firstName: 'کارمند', lastName: 'دوم', organisationId: org.id });
    expect(a.organisation).toEqual({ id: org.id, displayName: 'هلدینگ پارس' });
    const fresh = await ok(t.backend, 'identities.get', { id: org.id });
    expect(fresh.members.map((m) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(fresh.members.find((m) => m.id === a.id)).toMatchObject({ organisationName: 'هلدینگ پارس', jobTitle: 'حسابدار' });

    // The list shows the person's organisation.
    const hit = (await call.list({ query: 'یکم', limit: 5 })).items;
    expect(hit[0]).toMatchObject({ id: a.id, organisationName: 'هلدینگ پارس' });

    // Leaving the organisation removes the membership.
    await ok(t.backend, 'identities.update', { id: b.id, kind: 'person', firstName: 'کارمند', lastName: 'دوم', organisationId: null });
    expect((await ok(t.backend, 'identities.get', { id: org.id })).members.map((m) => m.id)).toEqual([a.id]);
  });

  it('an organisationId that is not an organisation is invalid-input on organisationId, and nothing is written', async () => {
    const person = await call.create({ kind: 'person', firstName: 'شخص' });
    const before = snapshot(t.backend.db);
    for (const organisationId of [person.id, t.clock.newId()]) {
      const e = await fails(t.backend, 'identities.create', { kind: 'person', firstName: 'عضو', organisationId });
      expect(e.code).toBe('invalid-input');
      expect(e.issues).toEqual([{ path: ['organisationId'], message: expect.stringMatching(/[\u0600-\u06FF]/) }]);
    }
    // A person cannot be its own organisation either.
    const self = await fails(t.backend, 'identities.update', { id: person.id, kind: 'person', firstName: 'شخص', organisationId: person.id });
    expect(self.code).toBe('invalid-input');
    expect(self.issues?.[0]?.path).toEqual(['organisationId']);
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('invalid phone numbers', () => {
  it('answer invalid-input with the path of each bad number, and nothing is written', async () => {
    const db = t.backend.db;
    const before = snapshot(db);
    const identities = rowCount(db, 'identities');
    const outbox = outboxCount(db);
    const e = await fails(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'غلط',
      phones: [
        { kind: 'mobile', number: '09121234567' },
        { kind: 'mobile', number: '0912123' },
        { kind: 'work', number: 'تلفن ندارد' },
      ],
      emails: [{ kind: 'work', address: 'x@example.com' }],
    });
    expect(e.code).toBe('invalid-input');
    expect(e.message).toMatch(/[\u0600-\u06FF]/);
    expect(e.issues?.map((i) => i.path)).toEqual([
      ['phones', 1, 'number'],
      ['phones', 2, 'number'],
    ]);
    expect(rowCount(db, 'identities')).toBe(identities);
    expect(outboxCount(db)).toBe(outbox);
    expect(snapshot(db)).toEqual(before);
  });

  it('an "other" number may be a short code and is kept as typed', async () => {
    const p = await call.create({ kind: 'person', firstName: 'پشتیبانی', phones: [{ kind: 'other', number: '۱۱۰' }] });
    expect(p.phones).toEqual([{ id: expect.any(String), kind: 'other', number: '۱۱۰', e164: null, display: '۱۱۰' }]);
  });

  it('on update too, nothing is written', async () => {
    const p = await call.create({ kind: 'person', firstName: 'درست', phones: [{ kind: 'mobile', number: '09121234000' }] });
    const before = snapshot(t.backend.db);
    const e = await fails(t.backend, 'identities.update', {
      id: p.id,
      kind: 'person',
      firstName: 'تغییر',
      phones: [{ id: p.phones[0]!.id, kind: 'mobile', number: '12' }],
    });
    expect(e.issues?.map((i) => i.path)).toEqual([['phones', 0, 'number']]);
    expect(snapshot(t.backend.db)).toEqual(before);
    expect((await ok(t.backend, 'identities.get', { id: p.id })).firstName).toBe('درست');
  });
});

describe('a deleted organisation', () => {
  it('no longer shows as the organisation of its former members, in lists, lookups or get', async () => {
    const org = await call.create({ kind: 'organisation', organisationName: 'شرکت منحل' });
    const member = await call.create({
      kind: 'person',
      firstName: 'عضو',
      lastName: 'سابق',
      organisationId: org.id,
      phones: [{ kind: 'mobile', number: '09125550001' }],
    });
    expect((await call.list({ query: 'سابق', limit: 5 })).items[0]?.organisationName).toBe('شرکت منحل');
    await ok(t.backend, 'identities.delete', { id: org.id });
    expect((await ok(t.backend, 'identities.get', { id: member.id })).organisation).toBeNull();
    expect((await call.list({ query: 'سابق', limit: 5 })).items[0]?.organisationName).toBeNull();
    expect((await ok(t.backend, 'identities.lookupPhone', { number: '09125550001' })).matches[0]?.organisationName).toBeNull();
  });
});
