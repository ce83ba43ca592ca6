import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeData, DescribedChange, Identity, NoteData, TimelineItem, TimelinePage } from '../../main/contract';
import { adminId, fails, ok, snapshot, startBackend, withBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
let admin = { id: '', displayName: 'مدیر سیستم' };

beforeAll(async () => {
  t = await startBackend('history');
  admin = { id: adminId(t.backend), displayName: 'مدیر سیستم' };
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

const timeline = (input: Parameters<typeof ok<'history.timeline'>>[2]) => ok(t.backend, 'history.timeline', input);

/** A change-log item's data (what the history capability's renderer draws). */
const change = (i: TimelineItem | undefined): ChangeData => {
  expect(i?.kind).toBe('change');
  return i!.data as ChangeData;
};
/** What an item says happened: the change's action, or the item's kind. */
const what = (i: TimelineItem) => (i.kind === 'change' ? (i.data as ChangeData).action : i.kind);
/** The row a described change was made to, read from the outbox by the item's key (its transaction id). */
const rowsOf = (key: string, table: string) =>
  t.backend.db.prepare('SELECT row_id FROM outbox WHERE tx_id = ? AND table_name = ? ORDER BY seq').pluck().all(key, table) as string[];
/** Every label is a translation key of the renderer, never a column name. */
const expectNoColumnNames = (c: DescribedChange) => {
  for (const f of c.fields) expect(f.label).toMatch(/^[a-z]+\.field\.[a-zA-Z]+$/);
  expect(JSON.stringify(c)).not.toMatch(/first_name|last_name|sort_key|display_name|identity_id|e164|deleted_at|identity_phones|identity_emails/);
};

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
    expect(created).toMatchObject({ kind: 'change', at: createdAt, actor: admin, data: { action: 'created' } });
    // The key is the action's transaction id, a UUIDv7.
    expect(created!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const { changes } = change(created);
    const own = changes.find((c) => c.own)!;
    expect(own).toMatchObject({ entity: 'identities.entity.identity', op: 'insert' });
    expect(rowsOf(created!.key, 'identities')).toEqual([person.id]);
    expect(own.fields).toContainEqual({ label: 'identities.field.firstName', kind: 'text', from: null, to: 'حمید' });
    expect(own.fields).toContainEqual({ label: 'identities.field.lastName', kind: 'text', from: null, to: 'رستمی' });
    expect(own.fields).toContainEqual({ label: 'identities.field.kind', kind: 'enum', from: null, to: 'identities.kind.person' });
    // Derived columns mean nothing to a reader.
    expect(own.fields.map((f) => f.label)).not.toContain('identities.field.sortKey');
    expect(own.fields.map((f) => f.label)).not.toContain('identities.field.displayName');
    expectNoColumnNames(own);
    const phone = changes.find((c) => c.entity === 'identities.entity.phone')!;
    expect(phone).toMatchObject({ own: false, op: 'insert' });
    // The number reads as on the Details tab (its display form), once: not as typed, not as E.164.
    expect(phone.fields).toEqual([
      { label: 'identities.field.phoneKind', kind: 'enum', from: null, to: 'identities.phoneKind.mobile' },
      { label: 'identities.field.phone', kind: 'phone', from: null, to: '0912 111 2233' },
    ]);
    expectNoColumnNames(phone);
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
    expect(page.items.map(what)).toEqual(['edited', 'created']);
    const edited = page.items[0]!;
    expect(edited).toMatchObject({ kind: 'change', at: editedAt, actor: admin });
    const { changes } = change(edited);
    const own = changes.find((c) => c.own)!;
    expect(own).toEqual({
      entity: 'identities.entity.identity',
      own: true,
      op: 'update',
      fields: [{ label: 'identities.field.firstName', kind: 'text', from: 'حمید', to: 'حمیدرضا' }],
    });
    expect(rowsOf(edited.key, 'identities')).toEqual([person.id]);
    const phones = changes.filter((c) => c.entity === 'identities.entity.phone');
    expect(phones.map((c) => c.op).sort()).toEqual(['delete', 'insert']);
    expect(phones.find((c) => c.op === 'insert')!.fields).toContainEqual({ label: 'identities.field.phone', kind: 'phone', from: null, to: '021 6666 7777' });
    expect(phones.find((c) => c.op === 'insert')!.fields).toContainEqual({
      label: 'identities.field.phoneKind',
      kind: 'enum',
      from: null,
      to: 'identities.phoneKind.work',
    });
    // The phone removed is the one the person had.
    expect(rowsOf(edited.key, 'identity_phones')).toContain(person.phones[0]!.id);
    expect(changes.find((c) => c.entity === 'identities.entity.email')).toMatchObject({ own: false, op: 'insert' });
    expect(changes.find((c) => c.entity === 'identities.entity.email')!.fields).toContainEqual({
      label: 'identities.field.email',
      kind: 'email',
      from: null,
      to: 'hamid@example.com',
    });
    for (const c of changes) expectNoColumnNames(c);
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
    expect(page.items[0]).toMatchObject({ data: { action: 'edited' } });
    // Only the email's removal, saying which address went (its soft-delete time is bookkeeping).
    expect(change(page.items[0]).changes).toEqual([
      {
        entity: 'identities.entity.email',
        own: false,
        op: 'delete',
        fields: [
          { label: 'identities.field.emailKind', kind: 'enum', from: `identities.emailKind.${current.emails[0]!.kind}`, to: null },
          { label: 'identities.field.email', kind: 'email', from: current.emails[0]!.address, to: null },
        ],
      },
    ]);
    expect(rowsOf(page.items[0]!.key, 'identity_emails')).toEqual([current.emails[0]!.id]);
    expect(page.items[0]!.at).toBe(t.clock.now());
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
    const body: NoteData = { body: 'تماس گرفت؛ پیش‌فاکتور می‌خواهد.' };
    expect(note).toEqual({
      kind: 'note',
      key: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-7/),
      at: t.clock.now(),
      actorId: admin.id,
      actor: admin,
      data: body,
    });
    const page = await timeline({ identityId: person.id });
    // The answer is the item as the history shows it, so the window can add it without a refetch.
    const { actorId: _actorId, ...shown } = note;
    expect(page.items[0]).toEqual(shown);
    const ats = page.items.map((i) => i.at);
    expect([...ats].sort((a, b) => b - a)).toEqual(ats);
  });

  it('the kinds filter picks notes or changes', async () => {
    const notes = await timeline({ identityId: person.id, kinds: ['note'] });
    expect(notes.items.map((i) => i.kind)).toEqual(['note']);
    const changes = await timeline({ identityId: person.id, kinds: ['change'] });
    expect(changes.items.every((i) => i.kind === 'change')).toBe(true);
    expect(changes.items.map(what)).toEqual(['edited', 'edited', 'created']);
    const both = await timeline({ identityId: person.id, kinds: ['note', 'change'] });
    expect(both.items).toHaveLength(4);
    expect(await timeline({ identityId: person.id, kinds: [] })).toEqual({ items: [], next: null });
    // A kind no capability brings (yet) is no error: it simply has no items.
    expect(await timeline({ identityId: person.id, kinds: ['call'] })).toEqual({ items: [], next: null });
  });

  it('a delete adds a "deleted" entry, and the history stays readable', async () => {
    t.clock.advance(1000);
    await ok(t.backend, 'identities.delete', { id: person.id });
    const page = await timeline({ identityId: person.id });
    expect(page.items[0]).toMatchObject({ kind: 'change', data: { action: 'deleted' }, actor: admin, at: t.clock.now() });
    expect(change(page.items[0]).changes.find((c) => c.own)).toMatchObject({ entity: 'identities.entity.identity', op: 'delete' });
    expect(page.items.slice(1).map(what)).toEqual(['note', 'edited', 'edited', 'created']);
  });

  it('the history of another identity is separate; an unknown identity has an empty history', async () => {
    const other = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'دیگری' });
    expect((await timeline({ identityId: other.id })).items.map(what)).toEqual(['created']);
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
    expect(items.at(-1)).toMatchObject({ kind: 'change', data: { action: 'created' } });
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
      const edited = page.items.find((i) => what(i) === 'edited')!;
      const own = change(edited).changes.find((c) => c.own)!;
      expect(own.fields).toContainEqual({ label: 'identities.field.organisation', kind: 'reference', from: null, to: 'هلدینگ آریا' });
      expect(JSON.stringify(own)).not.toContain(org.id);
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
      expect(page.items.map(what)).toEqual(['edited', 'note', 'created']);
      expect(new Set(page.items.map((i) => i.at)).size).toBe(1);
    });
  });
});
