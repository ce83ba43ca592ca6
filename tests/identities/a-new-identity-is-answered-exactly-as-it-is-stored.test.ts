/**
 * create() answers the new identity from the values it wrote instead of reading the rows
 * back (five reads fewer per create). What it answers must be exactly what get() reads
 * from the store afterwards, for every kind of field.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../main/contract';
import { ok, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
beforeAll(async () => {
  t = await startBackend('identity-answer');
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

const create = (input: Parameters<typeof ok<'identities.create'>>[2]) => ok(t.backend, 'identities.create', input);
const stored = (created: Identity) => ok(t.backend, 'identities.get', { id: created.id });

describe('a new identity', () => {
  it('is answered as get() reads it: a person with every field, numbers of every kind, repeated tags', async () => {
    const organisation = await create({ kind: 'organisation', organisationName: 'شرکت نمونه', tags: ['تامین‌کننده', 'تامین‌کننده'] });
    expect(organisation).toStrictEqual(await stored(organisation));

    const person = await create({
      kind: 'person',
      honorific: 'خانم',
      firstName: 'نگار',
      lastName: 'کریمی',
      organisationId: organisation.id,
      jobTitle: 'حسابدار',
      tags: ['مشتری', 'VIP', 'مشتری'],
      notes: 'سطر اول\nسطر دوم',
      phones: [
        { kind: 'mobile', number: '۰۹۱۲۱۲۳۴۵۶۷' },
        { kind: 'work', number: '021-8888 1234 داخلی 12' },
        { kind: 'other', number: '1234' },
        { kind: 'home', number: '+44 20 7946 0958' },
      ],
      emails: [
        { kind: 'work', address: ' Negar@Example.COM ' },
        { kind: 'personal', address: 'negar@example.ir' },
      ],
      addresses: [
        { kind: 'work', line: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران', postalCode: '1234567890' },
        { kind: 'home', line: 'کوچهٔ بهار' },
      ],
    });
    expect(person.organisation).toEqual({ id: organisation.id, displayName: 'شرکت نمونه' });
    expect(person).toStrictEqual(await stored(person));
  });

  it('is answered as get() reads it: a bare person, and an organisation sent with an organisation of its own', async () => {
    const bare = await create({ kind: 'person', lastName: 'رضایی' });
    expect(bare).toStrictEqual(await stored(bare));

    const parent = await create({ kind: 'organisation', organisationName: 'گروه مادر' });
    // An organisation belongs to none: the id is checked, then dropped.
    const child = await create({ kind: 'organisation', organisationName: 'شرکت فرزند', organisationId: parent.id, jobTitle: 'پخش' });
    expect(child.organisation).toBeNull();
    expect(child).toStrictEqual(await stored(child));
  });
});
