import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StorageModule from '../../db/storage';
import { foldersRemovedAfterEachTest, mode, recordingLog } from './store-folder';
import { START } from './temp-folder';

/**
 * db/storage.ts is loaded once the tests start, not by an import at the top: its file names
 * and its silent log are made when it loads, and a mutation run switches its mutant on only
 * as the tests start.
 */
let Storage: typeof StorageModule.Storage;
let storeBytes: typeof StorageModule.storeBytes;
beforeAll(async () => {
  vi.resetModules();
  ({ Storage, storeBytes } = await import('../../db/storage'));
});

const folder = foldersRemovedAfterEachTest();
const MINUTE = 60_000;

describe('backups and exports of an open store', () => {
  it('a backup asked while one runs is that same backup; the next is a new one; automatic copies of one day are pruned to the newest, and the log names both', async () => {
    let clock = START;
    const log = recordingLog();
    const storage = Storage.open({ dataDir: folder('backup-once'), program: 'test', now: () => clock, log });
    try {
      const [a, b] = await Promise.all([storage.backup('manual'), storage.backup('manual')]);
      expect(b).toBe(a);
      expect(a).toMatchObject({ name: 'daftar-20250321T080000000Z-manual.sqlite', at: START, reason: 'manual' });
      expect(storage.backups()).toEqual([a]);

      clock += MINUTE;
      const c = await storage.backup('manual');
      expect(c.name).toBe('daftar-20250321T080100000Z-manual.sqlite');

      // Two daily copies on one day: only the newer is kept (db/backup.ts keeps the newest of each day).
      const earlier = await storage.backup('daily');
      clock += MINUTE;
      const later = await storage.backup('daily');
      expect(storage.backups().map((x) => x.name)).toEqual([later.name, c.name, a.name]);
      const written = log.lines.filter((l) => l.message === 'backup written');
      expect(written.at(-2)).toEqual({ level: 'info', message: 'backup written', fields: { name: earlier.name, bytes: earlier.bytes, pruned: [] } });
      expect(written.at(-1)).toEqual({ level: 'info', message: 'backup written', fields: { name: later.name, bytes: later.bytes, pruned: [earlier.name] } });
    } finally {
      storage.close();
    }
  });

  it('an export is named for its time and never overwrites: a second one in the same moment gets the next number; a named target must be new', async () => {
    const dir = folder('export');
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START });
    try {
      storage.db.prepare("INSERT INTO settings (key, value) VALUES ('exported', 'yes')").run();
      const exports = join(dir, 'exports');
      const names = [await storage.exportTo(), await storage.exportTo(), await storage.exportTo()];
      expect(names).toEqual(['', '-2', '-3'].map((n) => join(exports, `daftar-export-20250321T080000000Z${n}.sqlite`)));
      expect(mode(exports)).toBe(0o700);
      const copy = new Database(names[0]!, { readonly: true });
      try {
        expect(copy.prepare("SELECT value FROM settings WHERE key = 'exported'").pluck().get()).toBe('yes');
      } finally {
        copy.close();
      }

      const elsewhere = join(dir, 'out', 'kept', 'copy.sqlite');
      expect(await storage.exportTo(elsewhere)).toBe(elsewhere);
      expect(mode(join(dir, 'out'))).toBe(0o700);
      expect(readdirSync(join(dir, 'out', 'kept'))).toEqual(['copy.sqlite']);

      const taken = join(dir, 'out', 'taken.sqlite');
      writeFileSync(taken, 'keep me');
      await expect(storage.exportTo(taken)).rejects.toThrow(`${taken} exists already`);
      expect(readFileSync(taken, 'utf8')).toBe('keep me');
      expect(readdirSync(exports)).toHaveLength(3);
    } finally {
      storage.close();
    }
  });

  it('the size of a store counts the file and its WAL, not the shared-memory index', () => {
    const dir = folder('bytes');
    const file = join(dir, 'daftar.sqlite');
    expect(storeBytes(file)).toBe(0);
    writeFileSync(file, Buffer.alloc(100));
    expect(storeBytes(file)).toBe(100);
    writeFileSync(`${file}-wal`, Buffer.alloc(50));
    writeFileSync(`${file}-shm`, Buffer.alloc(30));
    expect(storeBytes(file)).toBe(150);
    rmSync(file);
    expect(storeBytes(file)).toBe(50);
  });
});
