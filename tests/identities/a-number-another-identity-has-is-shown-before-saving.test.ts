/**
 * Before the identity form saves, it asks which of its numbers other identities already
 * have (identities.phoneOwners), read as the caller-ID lookup reads them: typed any way,
 * the same number is found; the record being edited is not its own duplicate; and asking
 * writes nothing.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from '../../main/contract';
import { fails, ok, snapshot, startBackend, type TestBackend } from '../api/backend-fixture';

let t: TestBackend;
let leila: Identity;
let office: Identity;

beforeAll(async () => {
  t = await startBackend('phone-owners');
  leila = await ok(t.backend, 'identities.create', {
    kind: 'person',
    firstName: 'لیلا',
    lastName: 'کرمانی',
    phones: [{ kind: 'mobile', number: '09121234567' }],
  });
  office = await ok(t.backend, 'identities.create', {
    kind: 'organisation',
    organisationName: 'دفتر پارس',
    phones: [{ kind: 'work', number: '021 8888 1234' }],
  });
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

const owners = (numbers: string[], exceptId?: string) =>
  ok(t.backend, 'identities.phoneOwners', { numbers, ...(exceptId ? { exceptId } : {}) });

describe('numbers other identities already have', () => {
  it('are found however they are typed, with who has them', async () => {
    for (const typed of ['09121234567', '+98 912 123 4567', '۰۹۱۲ ۱۲۳ ۴۵۶۷', '0098-912-123-4567']) {
      const { owners: found } = await owners([typed]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ number: typed, e164: '+989121234567' });
      expect(found[0]!.matches.map((m) => [m.id, m.displayName, m.phoneKind])).toEqual([[leila.id, 'لیلا کرمانی', 'mobile']]);
    }
  });

  it('leave out numbers nobody has and what is not a number, and answer a number typed twice once', async () => {
    const { owners: found } = await owners(['09350000000', 'نه شماره', '02188881234', '021-8888-1234', '12']);
    expect(found.map((o) => [o.number, o.matches.map((m) => m.id)])).toEqual([['02188881234', [office.id]]]);
  });

  it('do not count the identity being edited as its own duplicate', async () => {
    expect((await owners(['09121234567'], leila.id)).owners).toEqual([]);
    // Another identity with the same number still is one.
    const twin = await ok(t.backend, 'identities.create', {
      kind: 'person',
      firstName: 'همنام',
      phones: [{ kind: 'mobile', number: '0912 123 4567' }],
    });
    const { owners: found } = await owners(['09121234567'], leila.id);
    expect(found[0]!.matches.map((m) => m.id)).toEqual([twin.id]);
  });

  it('are only read: asking writes nothing, and a refused question says why in Persian', async () => {
    const before = snapshot(t.backend.db);
    await owners(['09121234567', '02188881234']);
    const refused = await fails(t.backend, 'identities.phoneOwners', { numbers: [] });
    expect(refused.code).toBe('invalid-input');
    expect(refused.message).toMatch(/[\u0600-\u06FF]/);
    expect(snapshot(t.backend.db)).toEqual(before);
  });
});
