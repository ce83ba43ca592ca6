import { createHash } from 'node:crypto';
import type { StorageService } from '../../main/storage/service';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { OWNER_FILE } from '../../db/folder-lock';
import { MIGRATIONS } from '../../db/migrations';
import { Storage } from '../../db/storage';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { fails, ok, startBackend, tempDir, type TestBackend } from '../api/backend-fixture';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A store with enough people to fill many pages, one verified backup, then two more people; closed cleanly. */
async function storeWithBackup(label: string): Promise<{ dir: string; backupName: string; afterBackup: string[] }> {
  const t = await startBackend(label);
  dirs.push(t.dataDir);
  try {
    const identities = t.backend.service<IdentityService>('identities');
    t.backend.db.transaction(() => {
      for (let i = 0; i < 1500; i++) {
        identities.create(IdentityCreate.parse({ kind: 'person', firstName: `نام${i}`, lastName: 'آزمون', notes: 'ی'.repeat(200) }), null);
      }
    })();
    const backup = await ok(t.backend, 'storage.backup', {});
    const afterBackup = [
      (await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'پس', lastName: 'ازپشتیبان' })).id,
      (await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'باز', lastName: 'پس‌ازپشتیبان' })).id,
    ];
    return { dir: t.dataDir, backupName: backup.name, afterBackup };
  } finally {
    await t.backend.close();
  }
}

/** Writes garbage over a leaf page in the middle of the identities table (found with SQLite's dbstat). */
function corruptIdentityPages(dbFile: string): void {
  const raw = new Database(dbFile, { readonly: true });
  const pageSize = raw.pragma('page_size', { simple: true }) as number;
  const pages = raw
    .prepare("SELECT pageno FROM dbstat WHERE name = 'identities' AND pagetype = 'leaf' ORDER BY pageno")
    .pluck()
    .all() as number[];
  raw.close();
  expect(pages.length).toBeGreaterThan(20);
  const fd = openSync(dbFile, 'r+');
  try {
    for (const page of pages.slice(pages.length / 2, pages.length / 2 + 3)) {
      writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}

/** Reads every identity, page by page, as the contacts list does: the damaged pages are met on the way. */
async function readAll(t: TestBackend): Promise<{ ok: boolean; code?: string; message?: string }> {
  let after: { sortKey: string; id: string } | undefined;
  for (;;) {
    const r = await t.backend.call('identities.list', { limit: 200, ...(after ? { after } : {}) });
    if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message };
    const page = r.value as { next: { sortKey: string; id: string } | null };
    if (!page.next) return { ok: true };
    after = page.next;
  }
}

describe('damage is found, never written into', () => {
  it('garbage in the middle of the file: the first read that meets it turns the store read-only; reads go on, writes are refused, the newest good backup restores it', async () => {
    const { dir, backupName, afterBackup } = await storeWithBackup('damage-read');
    const dbFile = join(dir, 'daftar.sqlite');
    corruptIdentityPages(dbFile);

    const t = await startBackend('damage-read', dir);
    try {
      expect((await ok(t.backend, 'storage.status', {})).state).toBe('ok');
      const read = await readAll(t);
      expect(read).toMatchObject({ ok: false, code: 'unavailable' });
      expect(read.message).toContain(dbFile);
      expect(read.message).toMatch(/آسیب دیده است/);

      const status = await ok(t.backend, 'storage.status', {});
      expect(status).toMatchObject({ state: 'read-only', fault: 'corrupt', path: dbFile, newestBackup: { name: backupName } });
      expect(status.message).toContain(dbFile);

      // Reads that do not touch the damage go on.
      expect((await ok(t.backend, 'identities.get', { id: afterBackup[0]! })).firstName).toBe('پس');
      expect((await ok(t.backend, 'organisation.get', {})).users.length).toBeGreaterThan(0);

      // Every kind of write is refused with the same clear sentence, and the file is not touched.
      const before = hash(dbFile);
      for (const [method, input] of [
        ['identities.create', { kind: 'person', firstName: 'نو' }],
        ['identities.delete', { id: afterBackup[0]! }],
        ['notes.create', { identityId: afterBackup[0]!, body: 'یادداشت' }],
        ['organisation.createRoom', { name: 'اتاق' }],
        ['settings.update', { defaultAreaCode: '31' }],
      ] as const) {
        const e = await fails(t.backend, method, input);
        expect(e.code, method).toBe('unavailable');
        expect(e.message, method).toMatch(/damaged|آسیب دیده/);
        expect(e.message, method).toContain(dbFile);
      }
      expect(hash(dbFile)).toBe(before);

      // Restore: the newest good backup; the damaged file is kept, never deleted.
      const restored = await ok(t.backend, 'storage.restore', {});
      expect(restored.restored.name).toBe(backupName);
      expect(restored.keptAside.length).toBeGreaterThan(0);
      for (const f of restored.keptAside) expect(existsSync(f)).toBe(true);
      expect(hash(restored.keptAside.find((f) => f.endsWith('.sqlite'))!)).toBe(before);
      expect(await ok(t.backend, 'storage.status', {})).toMatchObject({ state: 'ok', fault: null });
      expect(await readAll(t)).toEqual({ ok: true });
      // What was written after the backup is not in it.
      expect((await fails(t.backend, 'identities.get', { id: afterBackup[0]! })).code).toBe('not-found');
      const created = await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'پس‌از', lastName: 'بازگردانی' });
      expect((await ok(t.backend, 'identities.get', { id: created.id })).lastName).toBe('بازگردانی');
      expect(new Database(dbFile, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await t.backend.close();
    }
  });

  it('after an unclean shutdown the start check finds the damage: read-only from the first moment, and no migration runs', async () => {
    const { dir } = await storeWithBackup('damage-start');
    const dbFile = join(dir, 'daftar.sqlite');
    corruptIdentityPages(dbFile);
    // What a crashed owner leaves behind: its note (its OS lock died with it).
    writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'x', program: 'web host', since: 1 }));
    const before = hash(dbFile);
    const storage = Storage.open({ dataDir: dir, program: 'test' });
    try {
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: false });
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt', path: dbFile });
      expect(() => storage.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly|read-only|query_only/i);
    } finally {
      storage.close();
    }
    expect(hash(dbFile)).toBe(before);
  });

  it('with the start check beside the start, reads are served at once, a write waits for the check, and damage it finds turns the store read-only before any write lands', async () => {
    const { dir } = await storeWithBackup('damage-parallel');
    const dbFile = join(dir, 'daftar.sqlite');
    corruptIdentityPages(dbFile);
    writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'x', program: 'web host', since: 1 }));
    const before = hash(dbFile);
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel' });
    try {
      expect(storage.checkingAtStart).toBe(true);
      // Reads go on while the worker checks.
      expect(storage.db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get()).toEqual(expect.any(String));
      // A write waits for the check's answer, which finds the damage: refused, never written.
      const write = storage.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')");
      expect(() => write.run()).toThrow(/readonly|read-only|query_only/i);
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: false });
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt', path: dbFile });
      expect(() => storage.db.exec("INSERT INTO settings (key, value) VALUES ('x', 'z')")).toThrow(/readonly|read-only|query_only/i);
    } finally {
      storage.close();
    }
    expect(hash(dbFile)).toBe(before);
  });

  it('with the start check beside the start, a migration waits for the answer: on a damaged store none runs, no copy is taken, and the file stays as it was', async () => {
    const { dir } = await storeWithBackup('damage-parallel-migrate');
    const dbFile = join(dir, 'daftar.sqlite');
    corruptIdentityPages(dbFile);
    writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'x', program: 'web host', since: 1 }));
    const before = hash(dbFile);
    const backupsBefore = readdirSync(join(dir, 'backups')).sort();
    const migrations = [...MIGRATIONS, { name: '9999_pending', sql: 'CREATE TABLE pending_probe (x TEXT)' }];
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel', migrations });
    try {
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: false });
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt' });
      expect(storage.db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'pending_probe'").pluck().get()).toBe(0);
    } finally {
      storage.close();
    }
    expect(hash(dbFile)).toBe(before);
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(backupsBefore);
  });

  it('with the start check beside the start, a sound store takes the held write once the check says ok', async () => {
    const { dir } = await storeWithBackup('sound-parallel');
    writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'x', program: 'web host', since: 1 }));
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel' });
    try {
      expect(storage.checkingAtStart).toBe(true);
      storage.db.prepare("INSERT INTO settings (key, value) VALUES ('held', 'written')").run();
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: true, problems: [] });
      expect(storage.health().state).toBe('ok');
      expect(storage.db.prepare("SELECT value FROM settings WHERE key = 'held'").pluck().get()).toBe('written');
    } finally {
      storage.close();
    }
  });

  it('a backend started after a crash on a damaged store refuses writes with the damage message, though its check ran beside the start', async () => {
    const { dir } = await storeWithBackup('damage-parallel-backend');
    const dbFile = join(dir, 'daftar.sqlite');
    corruptIdentityPages(dbFile);
    writeFileSync(join(dir, OWNER_FILE), JSON.stringify({ pid: 999_999, host: 'x', program: 'web host', since: 1 }));
    const before = hash(dbFile);
    const t = await startBackend('damage-parallel-backend', dir);
    try {
      const e = await fails(t.backend, 'organisation.createRoom', { name: 'اتاق' });
      expect(e.code).toBe('unavailable');
      expect(e.message).toMatch(/damaged|آسیب دیده/);
      expect((await ok(t.backend, 'storage.status', {})).state).toBe('read-only');
    } finally {
      await t.backend.close();
    }
    expect(hash(dbFile)).toBe(before);
  });

  it('the full integrity check from Settings finds the damage and turns the store read-only; on a healthy store it says ok', async () => {
    const { dir } = await storeWithBackup('damage-check');
    const healthy = await startBackend('damage-check', dir);
    try {
      expect(await ok(healthy.backend, 'storage.check', { kind: 'full' })).toMatchObject({ kind: 'full', ok: true, problems: [] });
    } finally {
      await healthy.backend.close();
    }
    corruptIdentityPages(join(dir, 'daftar.sqlite'));
    const t = await startBackend('damage-check', dir);
    try {
      const report = await ok(t.backend, 'storage.check', {});
      expect(report.ok).toBe(false);
      expect(report.problems.length).toBeGreaterThan(0);
      expect((await ok(t.backend, 'storage.status', {})).state).toBe('read-only');
    } finally {
      await t.backend.close();
    }
  });

  it('the daily maintenance checks and backs up when due and idle, and finds damage by itself', async () => {
    const { dir } = await storeWithBackup('damage-daily');
    const t = await startBackend('damage-daily', dir);
    try {
      const svc = t.backend.service<StorageService>('storage');
      // Only a manual backup so far: a daily one is due, but the desk just wrote.
      await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'کار' });
      expect(await svc.maintainIfDue()).toBe('busy');
      t.clock.advance(3 * 60_000);
      expect(await svc.maintainIfDue()).toBe('done');
      const daily = (await ok(t.backend, 'storage.backups', {})).filter((b) => b.reason === 'daily');
      expect(daily).toHaveLength(1);
      t.clock.advance(3 * 60_000);
      expect(await svc.maintainIfDue()).toBe('not-due');
      t.clock.advance(24 * 3600_000);
      expect(await svc.maintainIfDue()).toBe('done');
      expect((await ok(t.backend, 'storage.backups', {})).filter((b) => b.reason === 'daily')).toHaveLength(2);
    } finally {
      await t.backend.close();
    }
    corruptIdentityPages(join(dir, 'daftar.sqlite'));
    const t2 = await startBackend('damage-daily', dir);
    try {
      t2.clock.advance(49 * 3600_000);
      expect(await t2.backend.service<StorageService>('storage').maintainIfDue()).toBe('read-only');
      expect((await ok(t2.backend, 'storage.status', {})).fault).toBe('corrupt');
      // No new backup was made from the damaged store.
      expect((await ok(t2.backend, 'storage.backups', {})).filter((b) => b.reason === 'daily')).toHaveLength(2);
    } finally {
      await t2.backend.close();
    }
  });

  it('a damaged backup is never offered: restore takes the newest one that verifies, and with none it leaves the store alone', async () => {
    const { dir, backupName } = await storeWithBackup('damage-backups');
    const t = await startBackend('damage-backups', dir);
    try {
      t.clock.advance(60_000);
      const newer = await ok(t.backend, 'storage.backup', {});
      corruptIdentityPages(join(dir, 'backups', newer.name));
      const r = await ok(t.backend, 'storage.restore', {});
      expect(r.restored.name).toBe(backupName);
      expect((await fails(t.backend, 'storage.restore', { name: newer.name })).message).toMatch(/هیچ پشتیبان سالمی/);
      expect((await fails(t.backend, 'storage.restore', { name: 'daftar-20000101T000000000Z-daily.sqlite' })).code).toBe('not-found');
      corruptIdentityPages(join(dir, 'backups', backupName));
      const dbBefore = hash(join(dir, 'daftar.sqlite'));
      expect((await fails(t.backend, 'storage.restore', {})).code).toBe('unavailable');
      expect(hash(join(dir, 'daftar.sqlite'))).toBe(dbBefore);
      expect((await ok(t.backend, 'storage.status', {})).state).toBe('ok');
    } finally {
      await t.backend.close();
    }
  });

  it('a copy is taken before migrating a store made by an older version, and it opens as that version', () => {
    const dir = tempDir('premigration');
    dirs.push(dir);
    Storage.open({ dataDir: dir, program: 'test', migrations: MIGRATIONS.slice(0, -1) }).close();
    const storage = Storage.open({ dataDir: dir, program: 'test' });
    try {
      const copies = storage.backups();
      expect(copies.map((b) => b.reason)).toEqual(['pre-migration']);
      const copy = new Database(copies[0]!.file, { readonly: true });
      expect(copy.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length - 1);
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      copy.close();
      expect(storage.db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(MIGRATIONS.length);
    } finally {
      storage.close();
    }
    // A fresh store has nothing to keep: no copy.
    const fresh = tempDir('premigration-fresh');
    dirs.push(fresh);
    const s2 = Storage.open({ dataDir: fresh, program: 'test' });
    expect(s2.backups()).toEqual([]);
    s2.close();
  });

  it('export writes the whole store to one file that opens on its own', async () => {
    const t = await startBackend('export');
    dirs.push(t.dataDir);
    try {
      await ok(t.backend, 'identities.create', { kind: 'organisation', organisationName: 'شرکت صادراتی' });
      const r = await ok(t.backend, 'storage.export', {});
      expect(readdirSync(join(t.dataDir, 'exports'))).toEqual([r.file.split('/').at(-1)]);
      const copy = new Database(r.file, { readonly: true });
      expect(copy.prepare("SELECT count(*) FROM identities WHERE organisation_name = 'شرکت صادراتی'").pluck().get()).toBe(1);
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      copy.close();
      expect(r.bytes).toBeGreaterThan(0);
    } finally {
      await t.backend.close();
    }
  });
});
