import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncompatibleDatabaseError } from '../../db/migrate';
import { fileLogger } from '../../main/api/log';
import { createBackend } from '../../main/backend';
import { ok, outboxCount, startBackend, tempDir, type TestBackend } from './backend-fixture';

let t: TestBackend;
beforeAll(async () => {
  t = await startBackend('settings');
});
afterAll(async () => {
  await t.backend.close();
  rmSync(t.dataDir, { recursive: true, force: true });
});

describe('settings', () => {
  it('start with Persian and the Tehran area code', async () => {
    expect(await ok(t.backend, 'settings.get', {})).toEqual({ language: 'fa', defaultAreaCode: '21', lockAfterMinutes: 10 });
  });

  it('update only what is given, drop a leading 0 of the area code, and never touch the outbox (device-local)', async () => {
    const outbox = outboxCount(t.backend.db);
    expect(await ok(t.backend, 'settings.update', { defaultAreaCode: ' 051 ' })).toEqual({ language: 'fa', defaultAreaCode: '51', lockAfterMinutes: 10 });
    expect(await ok(t.backend, 'settings.update', { language: 'en' })).toEqual({ language: 'en', defaultAreaCode: '51', lockAfterMinutes: 10 });
    expect(await ok(t.backend, 'settings.update', { lockAfterMinutes: 0 })).toEqual({ language: 'en', defaultAreaCode: '51', lockAfterMinutes: 0 });
    expect(await ok(t.backend, 'settings.update', {})).toEqual({ language: 'en', defaultAreaCode: '51', lockAfterMinutes: 0 });
    expect(outboxCount(t.backend.db)).toBe(outbox);
  });

  it('survive a restart, and the device keeps its id', async () => {
    const device = t.backend.db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get();
    await t.backend.close();
    t = await startBackend('settings', t.dataDir);
    expect(await ok(t.backend, 'settings.get', {})).toEqual({ language: 'en', defaultAreaCode: '51', lockAfterMinutes: 0 });
    expect(t.backend.db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get()).toBe(device);
    await ok(t.backend, 'settings.update', { language: 'fa', defaultAreaCode: '21', lockAfterMinutes: 10 });
  });
});

describe('dashboard.summary', () => {
  it('counts persons, organisations and this week\'s notes, and lists recently changed identities', async () => {
    const org = await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'شرکت الف' });
    t.clock.advance(1000);
    const a = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'یک' });
    await ok(t.backend, 'notes.create', { identityId: a.id, body: 'یادداشت قدیمی' });
    t.clock.advance(8 * 24 * 3600 * 1000);
    const b = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'دو' });
    await ok(t.backend, 'notes.create', { identityId: b.id, body: 'یادداشت تازه' });
    const d = await ok(t.backend, 'dashboard.summary', {});
    expect(d.counts).toEqual({ persons: 2, organisations: 1, notesThisWeek: 1 });
    expect(d.recentIdentities.map((i) => i.id)).toEqual([b.id, a.id, org.id]);
    expect(d.recentIdentities[0]).toEqual({ id: b.id, displayName: 'دو', kind: 'person', updatedAt: t.clock.now() });
  });
});

describe('opening a store of a newer version', () => {
  it('createBackend refuses it with the Persian IncompatibleDatabaseError', async () => {
    const dir = tempDir('newer');
    const open = () => createBackend({ dataDir: dir, logger: fileLogger(`${dir}/logs/backend.log`) });
    try {
      await (await open()).close();
      const raw = new Database(`${dir}/daftar.sqlite`);
      raw.prepare("INSERT INTO schema_migrations (position, name, applied_at) VALUES (999, '9999_future', 1)").run();
      raw.close();
      await expect(open()).rejects.toThrow(IncompatibleDatabaseError);
      await expect(open()).rejects.toThrow(/9999_future/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
