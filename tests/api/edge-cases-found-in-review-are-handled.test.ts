import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { redact } from '../../main/api/log';
import { ADMIN_PASSWORD, fails, ok, snapshot, startBackend } from './backend-fixture';

const { backend, dataDir } = await startBackend('review');
afterAll(async () => {
  await backend.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('edge cases found in review', () => {
  it('refuses to turn an organisation with members into a person, and writes nothing', async () => {
    const org = await ok(backend, 'identities.create', { kind: 'organisation', organisationName: 'شرکت نمونه' });
    await ok(backend, 'identities.create', { kind: 'person', firstName: 'سارا', organisationId: org.id });
    const before = snapshot(backend.db);
    const err = await fails(backend, 'identities.update', { id: org.id, kind: 'person', firstName: 'شرکت' });
    expect(err.code).toBe('invalid-input');
    expect(err.issues?.[0]?.path).toEqual(['kind']);
    expect(snapshot(backend.db)).toEqual(before);
  });

  it('treats a search of only spaces as no search', async () => {
    const all = await ok(backend, 'identities.list', { limit: 50 });
    const blank = await ok(backend, 'identities.list', { query: '   ', limit: 50 });
    expect(blank.items.map((i) => i.id)).toEqual(all.items.map((i) => i.id));
    expect(blank.items.length).toBeGreaterThan(0);
  });

  it('reports a committed write as done even when a listener throws', async () => {
    const off = backend.store.onCommit(() => {
      throw new Error('listener failed');
    });
    try {
      const created = await ok(backend, 'identities.create', { kind: 'person', firstName: 'نیما' });
      expect((await ok(backend, 'identities.get', { id: created.id })).firstName).toBe('نیما');
    } finally {
      off();
    }
  });

  it('lets only an administrator change the area code; anyone may change the language', async () => {
    const org = await ok(backend, 'organisation.get', {});
    const staffRole = org.roles.find((r) => r.name === 'کارمند')!;
    const staff = await ok(backend, 'organisation.createUser', { username: 'staff-review', displayName: 'کارمند', roleIds: [staffRole.id] });
    await ok(backend, 'session.setPassword', { userId: staff.id, password: 'staff-review-1' });
    await ok(backend, 'session.signIn', { username: staff.username, password: 'staff-review-1' });
    try {
      expect((await fails(backend, 'settings.update', { defaultAreaCode: '31' })).code).toBe('forbidden');
      expect((await fails(backend, 'settings.update', { lockAfterMinutes: 0 })).code).toBe('forbidden');
      expect((await ok(backend, 'settings.get', {})).defaultAreaCode).toBe('21');
      expect((await ok(backend, 'settings.update', { language: 'en' })).language).toBe('en');
    } finally {
      await ok(backend, 'session.signIn', { username: 'admin', password: ADMIN_PASSWORD });
    }
    expect((await ok(backend, 'settings.update', { defaultAreaCode: '031', language: 'fa' })).defaultAreaCode).toBe('31');
  });

  it('redacts private keys and one-time codes in log fields', () => {
    expect(redact({ privateKey: 'k', private_key: 'k2', otp: '1234', name: 'ok' })).toEqual({
      privateKey: '[redacted]',
      private_key: '[redacted]',
      otp: '[redacted]',
      name: 'ok',
    });
  });
});
