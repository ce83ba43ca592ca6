import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { fileLogger } from '../../main/api/log';
import { main } from '../../main/host/webhost';
import { fails, ok, startBackend, tempDir } from '../api/backend-fixture';
import { bundle, kill, removeBundles, runCommand } from './host-process';
import { connectRpc } from './rpc-client';
import { ensureOutboxView } from '../../db/change-log';

const dirs: string[] = [];
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeBundles();
});
const folder = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};

/** A small tmpfs, or null where this machine does not let us mount one (not root, a container without CAP_SYS_ADMIN). */
function smallDisk(label: string, size: string): string | null {
  const dir = folder(label);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}
const canMount = (() => {
  const probe = smallDisk('mount-probe', '64k');
  if (probe) {
    execFileSync('umount', [probe]);
    mounts.splice(mounts.indexOf(probe), 1);
  }
  return probe !== null;
})();
if (!canMount) console.warn('storage fault tests: mounting a tmpfs is not permitted here; the disk-full test on a tmpfs is skipped, the size-limited file test still runs');

/** Every identity row has its outbox insert, and the other way round: the store agrees with its change log. */
function rowsAndOutboxAgree(db: Database.Database): void {
  ensureOutboxView(db); // a connection of the test's own has no TEMP view yet
  const rows = db.prepare('SELECT id FROM identities ORDER BY id').pluck().all();
  const logged = db.prepare("SELECT row_id FROM outbox WHERE table_name = 'identities' AND op = 'insert' ORDER BY row_id").pluck().all();
  expect(logged).toEqual(rows);
}

describe('storage faults answer plain sentences', () => {
  it.runIf(canMount)('disk full (a 4 MB tmpfs): the write answers what to do with the path, nothing half-written, reads go on, writes resume once there is room', async () => {
    const disk = smallDisk('disk-full', '4m')!;
    const dataDir = join(disk, 'data');
    const stderr: string[] = [];
    const logger = fileLogger(join(dataDir, 'logs', 'backend.log'), { src: 'backend', stderr: (l) => stderr.push(l) });
    const t = await startBackend('disk-full', dataDir, { logger });
    try {
      const filler = join(disk, 'filler');
      const free = () => {
        const s = statfsSync(disk);
        return s.bavail * s.bsize;
      };
      writeFileSync(filler, Buffer.alloc(Math.max(0, free() - 768 * 1024)));
      const acknowledged: string[] = [];
      let failure: { code: string; message: string } | null = null;
      for (let i = 0; i < 2000 && !failure; i++) {
        const r = await t.backend.call('identities.create', { kind: 'person', firstName: `پر${i}`, notes: 'ن'.repeat(4000) });
        if (r.ok) acknowledged.push((r.value as { id: string }).id);
        else failure = r.error;
      }
      expect(failure?.code).toBe('unavailable');
      expect(failure?.message).toMatch(/پر شده است/);
      expect(failure?.message).toContain(t.backend.dbFile);
      rowsAndOutboxAgree(t.backend.db);
      for (const id of acknowledged) expect(t.backend.db.prepare('SELECT 1 FROM identities WHERE id = ?').get(id)).toBeTruthy();
      expect((await ok(t.backend, 'identities.list', { limit: 5 })).items.length).toBe(Math.min(5, acknowledged.length));
      // The fault is in the log, or on stderr when the log itself had no room.
      const logged = `${readFileSync(join(dataDir, 'logs', 'backend.log'), 'utf8')}\n${stderr.join('\n')}`;
      expect(logged).toMatch(/"message":"storage fault".*SQLITE_FULL/);
      rmSync(filler);
      await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'جا', lastName: 'باز' });
      rowsAndOutboxAgree(t.backend.db);
    } finally {
      await t.backend.close();
    }
  });

  it('a size-limited file (ulimit -f, where no tmpfs can be mounted): the failing write answers unavailable with the path, nothing half-written', async () => {
    const dir = folder('ulimit');
    const file = await bundle('tests/host/fixtures/test-host.ts');
    // 4 MB per file (dash counts 512-byte blocks): room for a new store with every migration
    // and its WAL, full after a few hundred people. Node ignores SIGXFSZ, so writes get EFBIG.
    const host = runCommand('/bin/sh', ['-c', `ulimit -f 8192; exec "${process.execPath}" "${file}" "${dir}"`]);
    try {
      const url = (await host.waitFor(/READY (\S+)/))[1]!;
      const c = await connectRpc(url);
      const setUp = await c.call('session.setUp', { password: 'ulimit-admin-1' });
      expect(setUp.ok).toBe(true);
      let failure: { code: string; message: string } | null = null;
      const acknowledged: string[] = [];
      for (let i = 0; i < 3000 && !failure; i++) {
        const r = await c.call('identities.create', { kind: 'person', firstName: `حد${i}`, notes: 'ن'.repeat(2000) });
        if (r.ok) acknowledged.push((r.value as { id: string }).id);
        else failure = r.error;
      }
      expect(failure?.code).toBe('unavailable');
      expect(failure?.message).toContain(join(dir, 'daftar.sqlite'));
      expect((await c.call('identities.list', { limit: 3 })).ok).toBe(true);
      c.close();
      await kill(host);
      const db = new Database(join(dir, 'daftar.sqlite'));
      try {
        rowsAndOutboxAgree(db);
        for (const id of acknowledged) expect(db.prepare('SELECT 1 FROM identities WHERE id = ?').get(id)).toBeTruthy();
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    } finally {
      await kill(host);
    }
  });

  it('a read-only store file: Daftar starts read-only, reads go on, every write says the file cannot be written and where it is', async () => {
    const first = await startBackend('readonly-file');
    dirs.push(first.dataDir);
    const id = (await ok(first.backend, 'identities.create', { kind: 'person', firstName: 'فقط', lastName: 'خواندنی' })).id;
    const dbFile = first.backend.dbFile;
    await first.backend.close();
    try {
      // Root ignores file modes; the immutable flag stops root too. Skip where the file system has no such flag.
      execFileSync('chattr', ['+i', dbFile], { stdio: 'ignore' });
    } catch {
      console.warn('read-only store test: chattr +i is not supported here; skipped');
      return;
    }
    try {
      const t = await startBackend('readonly-file', first.dataDir);
      try {
        expect(await ok(t.backend, 'storage.status', {})).toMatchObject({ state: 'read-only', fault: 'read-only', path: dbFile });
        expect((await ok(t.backend, 'identities.get', { id })).lastName).toBe('خواندنی');
        for (const [method, input] of [
          ['identities.create', { kind: 'person', firstName: 'نو' }],
          ['settings.update', { defaultAreaCode: '31' }],
        ] as const) {
          const e = await fails(t.backend, method, input);
          expect(e.code, method).toBe('unavailable');
          expect(e.message, method).toMatch(/نوشتنی نیست/);
          expect(e.message, method).toContain(dbFile);
        }
      } finally {
        await t.backend.close();
      }
    } finally {
      execFileSync('chattr', ['-i', dbFile]);
    }
  });

  it.runIf(canMount)('a read-only file system: the start fails with a sentence naming the folder, on stderr since no log can be written', async () => {
    const disk = smallDisk('readonly-fs', '4m')!;
    const dataDir = join(disk, 'data');
    await (await startBackend('readonly-fs', dataDir)).backend.close();
    execFileSync('mount', ['-o', 'remount,ro', disk]);
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    await main({ argv: ['--data-dir', dataDir, '--port', '0'], out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c), onSignal: () => {} });
    expect(code).toBe(1);
    const said = err.join('\n');
    expect(said).toContain(dataDir);
    expect(said).toMatch(/نوشتنی نیست/);
    expect(said).toMatch(/cannot be written/);
    expect(said).not.toMatch(/at .*\.ts:\d+/);
    expect(out.join('\n')).not.toMatch(/running at/);
  });

  it('the data folder is 700 and the store, its WAL, backups, exports, lock files and logs are 600, also for a folder an older version made 755/644', async () => {
    const dir = folder('private');
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'daftar.sqlite'), '');
    chmodSync(join(dir, 'daftar.sqlite'), 0o644);
    const t = await startBackend('private', dir);
    try {
      await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'خصوصی' });
      await ok(t.backend, 'storage.backup', {});
      const exported = await ok(t.backend, 'storage.export', {});
      const mode = (p: string) => statSync(p).mode & 0o777;
      expect(mode(dir)).toBe(0o700);
      for (const sub of ['backups', 'exports', 'logs']) expect(mode(join(dir, sub)), sub).toBe(0o700);
      for (const f of ['daftar.sqlite', 'daftar.sqlite-wal', 'daftar.sqlite-shm', 'daftar.lock', 'lock-owner.json', 'logs/backend.log']) {
        expect(mode(join(dir, f)), f).toBe(0o600);
      }
      for (const b of await ok(t.backend, 'storage.backups', {})) expect(mode(join(dir, 'backups', b.name)), b.name).toBe(0o600);
      expect(mode(exported.file)).toBe(0o600);
    } finally {
      await t.backend.close();
    }
  });
});
