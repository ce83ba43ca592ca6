import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity, TimelineItem, TimelinePage } from '../../main/contract';
import { adminId, fails, ok, snapshot, startBackend, withBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
let admin = { id: '', displayName: 'مدیر سیستم' };

beforeAll(async () => {
  t = await startBackend('history');
  admin = { id: adminId(t.backend), displayName: 'مدیر سیستم' };
});
afterAll(() => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

const timeline = (input: Parameters<typeof ok<'history.timeline'>>[2]) => ok(t.backend, 'history.timeline', input);

describe('the change log of one identity', () => {
  let person: Identity;
  let createdAt = 0;

  beforeAll(async () => {
    t.clock.advance(1000);
    createdAt = t.clock.now();
    person = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'حمید',
      lastName: 'رستمی',
      phones: [{ kind: 'mobile', number: '09121112233' }],
    });
  });

  it('starts with a "created" entry by the signed-in user, listing the fields and children', async () => {
    const page = await timeline({ identityId: person.id });
    expect(page.next).toBeNull();
    expect(page.items).toHaveLength(1);
    const [created] = page.items;
    expect(created).toMatchObject({ kind: 'change', action: 'created', at: createdAt, actor: admin });
    // The key is the action's transaction id, a UUIDv7.
    expect(created!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const own = created!.changes!.find((c) => c.table === 'identities')!;
    expect(own).toMatchObject({ rowId: person.id, op: 'insert' });
    expect(own.fields).toContainEqual({ field: 'first_name', from: null, to: 'حمید' });
    expect(own.fields).toContainEqual({ field: 'last_name', from: null, to: 'رستمی' });
    // Derived columns mean nothing to a reader.
    expect(own.fields.map((f) => f.field)).not.toContain('sort_key');
    expect(own.fields.map((f) => f.field)).not.toContain('display_name');
    const phone = created!.changes!.find((c) => c.table === 'identity_phones')!;
    expect(phone.op).toBe('insert');
    expect(phone.fields.map((f) => f.field)).toContain('number');
    // The derived forms of the number (e164, display) are not shown; the number as typed is.
    for (const hidden of ['identity_id', 'e164', 'display']) expect(phone.fields.map((f) => f.field)).not.toContain(hidden);
  });

  it('an edit adds an "edited" entry with each changed field from → to, and added or removed children', async () => {
    t.clock.advance(60_000);
    const editedAt = t.clock.now();
    await ok(t.backend, 'identities.update', {
      id: person.id,
      kind: 'person',
      firstName: 'حمیدرضا',
      lastName: 'رستمی',
      phones: [{ kind: 'work', number: '021 6666 7777' }],
      emails: [{ kind: 'work', address: 'hamid@example.com' }],
    });
    const page = await timeline({ identityId: person.id });
    expect(page.items.map((i) => i.action)).toEqual(['edited', 'created']);
    const edited = page.items[0]!;
    expect(edited).toMatchObject({ kind: 'change', at: editedAt, actor: admin });
    const own = edited.changes!.find((c) => c.table === 'identities')!;
    expect(own).toEqual({ table: 'identities', rowId: person.id, op: 'update', fields: [{ field: 'first_name', from: 'حمید', to: 'حمیدرضا' }] });
    const phones = edited.changes!.filter((c) => c.table === 'identity_phones');
    expect(phones.map((c) => c.op).sort()).toEqual(['delete', 'insert']);
    expect(phones.find((c) => c.op === 'insert')!.fields).toContainEqual({ field: 'number', from: null, to: '021 6666 7777' });
    expect(phones.find((c) => c.op === 'delete')!.rowId).toBe(person.phones[0]!.id);
    expect(edited.changes!.find((c) => c.table === 'identity_emails')).toMatchObject({ op: 'insert' });
  });

  it('an edit of children only is still an "edited" entry of this identity', async () => {
    t.clock.advance(1000);
    const current = await ok(t.backend, 'identities.get', { id: person.id });
    await ok(t.backend, 'identities.update', {
      id: person.id,
      kind: 'person',
      firstName: current.firstName!,
      lastName: current.lastName!,
      phones: current.phones.map((p) => ({ id: p.id, kind: p.kind, number: p.number })),
      emails: [],
    });
    const page = await timeline({ identityId: person.id, limit: 1 });
    expect(page.items[0]).toMatchObject({ action: 'edited' });
    expect(page.items[0]!.changes).toEqual([
      { table: 'identity_emails', rowId: current.emails[0]!.id, op: 'delete', fields: [{ field: 'deleted_at', from: null, to: t.clock.now() }] },
    ]);
  });

  it('an edit that changes nothing adds no entry', async () => {
    const before = await timeline({ identityId: person.id, limit: 200 });
    const current = await ok(t.backend, 'identities.get', { id: person.id });
    t.clock.advance(1000);
    await ok(t.backend, 'identities.update', {
      id: person.id,
      kind: 'person',
      firstName: current.firstName!,
      lastName: current.lastName!,
      phones: current.phones.map((p) => ({ id: p.id, kind: p.kind, number: p.number })),
    });
    expect(await timeline({ identityId: person.id, limit: 200 })).toEqual(before);
  });

  it('notes appear with their text and author, newest first among the changes', async () => {
    t.clock.advance(1000);
    const note = await ok(t.backend, 'notes.create', { identityId: person.id, body: '  تماس گرفت؛ پیش‌فاکتور می‌خواهد.  ' });
    expect(note).toEqual({ kind: 'note', key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/), at: t.clock.now(), actor: admin, body: 'تماس گرفت؛ پیش‌فاکتور می‌خواهد.' });
    const page = await timeline({ identityId: person.id });
    expect(page.items[0]).toEqual(note);
    const ats = page.items.map((i) => i.at);
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
  });

  it('the kinds filter picks notes or changes', async () => {
    const notes = await timeline({ identityId: person.id, kinds: ['note'] });
    expect(notes.items.map((i) => i.kind)).toEqual(['note']);
    const changes = await timeline({ identityId: person.id, kinds: ['change'] });
    expect(changes.items.every((i) => i.kind === 'change')).toBe(true);
    expect(changes.items.map((i) => i.action)).toEqual(['edited', 'edited', 'created']);
    const both = await timeline({ identityId: person.id, kinds: ['note', 'change'] });
    expect(both.items).toHaveLength(4);
    expect(await timeline({ identityId: person.id, kinds: [] })).toEqual({ items: [], next: null });
  });

  it('a delete adds a "deleted" entry, and the history stays readable', async () => {
    t.clock.advance(1000);
    await ok(t.backend, 'identities.delete', { id: person.id });
    const page = await timeline({ identityId: person.id });
    expect(page.items[0]).toMatchObject({ kind: 'change', action: 'deleted', actor: admin, at: t.clock.now() });
  });

  it('the history of another identity is separate; an unknown identity has an empty history', async () => {
    const other = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'دیگری' });
    expect((await timeline({ identityId: other.id })).items.map((i) => i.action)).toEqual(['created']);
    expect(await timeline({ identityId: t.clock.newId() })).toEqual({ items: [], next: null });
  });

  it('a note on a missing identity is not-found and writes nothing', async () => {
    const before = snapshot(t.backend.db);
    expect((await fails(t.backend, 'notes.create', { identityId: t.clock.newId(), body: 'x' })).code).toBe('not-found');
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});

describe('paging', () => {
  async function readAll(identityId: string, limit: number, kinds?: ('note' | 'change')[]): Promise<{ items: TimelineItem[]; pages: TimelinePage[] }> {
    const items: TimelineItem[] = [];
    const pages: TimelinePage[] = [];
    let before: { at: number; key: string } | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await timeline({ identityId, limit, ...(before ? { before } : {}), ...(kinds ? { kinds } : {}) });
      pages.push(page);
      items.push(...page.items);
      if (!page.next) break;
      expect(page.next).toEqual({ at: page.items.at(-1)!.at, key: page.items.at(-1)!.key });
      before = page.next;
    }
    return { items, pages };
  }

  let subject: Identity;
  let expectedCount = 0;

  beforeAll(async () => {
    subject = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'پرکار', phones: [{ kind: 'mobile', number: '09120000000' }] });
    expectedCount = 1;
    // ~30 items: notes and edits interleaved; several share a millisecond, so the key breaks ties.
    t.clock.advance(1000);
    for (let i = 0; i < 30; i++) {
      if (i % 3 !== 0) t.clock.advance(i % 2 === 0 ? 1000 : 0);
      if (i % 4 === 0) {
        await ok(t.backend, 'identities.update', { id: subject.id, kind: 'person', firstName: `پرکار ${i}` });
      } else {
        await ok(t.backend, 'notes.create', { identityId: subject.id, body: `یادداشت ${i}` });
      }
      expectedCount++;
    }
  });

  it('pages of 7 return every item exactly once, newest first', async () => {
    const everything = await timeline({ identityId: subject.id, limit: 200 });
    expect(everything.items).toHaveLength(expectedCount);
    expect(everything.next).toBeNull();

    const { items, pages } = await readAll(subject.id, 7);
    expect(pages.map((p) => p.items.length)).toEqual([7, 7, 7, 7, 3]);
    const keys = items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(everything.items.map((i) => i.key));
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1]!;
      const b = items[i]!;
      expect(a.at > b.at || (a.at === b.at && a.key > b.key), `${a.key}@${a.at} before ${b.key}@${b.at}`).toBe(true);
    }
    expect(items.at(-1)).toMatchObject({ action: 'created' });
  });

  it.each([1, 2, 3, 5, 30, 31])('any page size (%i) covers the same items', async (limit) => {
    const everything = await timeline({ identityId: subject.id, limit: 200 });
    const { items } = await readAll(subject.id, limit);
    expect(items.map((i) => i.key)).toEqual(everything.items.map((i) => i.key));
  });

  it('paging with a kinds filter covers exactly that kind', async () => {
    const { items } = await readAll(subject.id, 4, ['note']);
    expect(items.every((i) => i.kind === 'note')).toBe(true);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    expect(items).toHaveLength(22);
    const changes = await readAll(subject.id, 3, ['change']);
    expect(changes.items).toHaveLength(expectedCount - 22);
  });
});

describe('references in the change log', () => {
  it('name the organisation a person joined, not its id', async () => {
    await withBackend('history-refs', async (t) => {
      const org = await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'هلدینگ آریا' });
      const person = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'بهاره' });
      t.clock.advance(1000);
      await ok(t.backend, 'identities.update', { id: person.id, kind: 'person', firstName: 'بهاره', organisationId: org.id });
      const page = await ok(t.backend, 'history.timeline', { identityId: person.id, kinds: ['change'] });
      const edited = page.items.find((i) => i.action === 'edited')!;
      const own = edited.changes!.find((c) => c.table === 'identities')!;
      expect(own.fields).toContainEqual({ field: 'organisation_id', from: null, to: 'هلدینگ آریا' });
    });
  });
});

describe('identity form validation', () => {
  it('reports a bad phone together with a bad email, in one answer', async () => {
    await withBackend('history-validation', async (t) => {
      const r = await t.backend.call('identities.create', {
        kind: 'person',
        firstName: 'آزاده',
        phones: [{ kind: 'mobile', number: '12' }],
        emails: [{ kind: 'work', address: 'not-an-email' }],
    });
    expect(r.ok).toBe(false);
    const paths = r.ok ? [] : (r.error.issues ?? []).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['phones.0.number', 'emails.0.address']));
    });
  });
});

describe('items of the same millisecond', () => {
  it('appear in the order they happened, newest first', async () => {
    await withBackend('history-same-ms', async (t) => {
      // The clock does not move: creation, note and edit share one millisecond.
      const person = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'ژاله' });
      await ok(t.backend, 'notes.create', { identityId: person.id, body: 'یادداشت اول' });
      await ok(t.backend, 'identities.update', { id: person.id, kind: 'person', firstName: 'ژاله', lastName: 'پاکزاد' });
      const page = await ok(t.backend, 'history.timeline', { identityId: person.id });
      expect(page.items.map((i) => i.action ?? i.kind)).toEqual(['edited', 'note', 'created']);
      expect(new Set(page.items.map((i) => i.at)).size).toBe(1);
    });
  });
});
