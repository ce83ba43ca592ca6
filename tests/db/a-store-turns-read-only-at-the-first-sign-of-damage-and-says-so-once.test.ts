
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StorageModule from '../../db/storage';
import type { StorageHealth } from '../../db/storage';
import { canMakeImmutable, foldersRemovedAfterEachTest, recordingLog, storeWithDamagedCells, whileImmutable } from './store-folder';
import { START } from './temp-folder';

/**
 * db/storage.ts is loaded once the tests start, not by an import at the top: its file names
 * and its silent log are made when it loads, and a mutation run switches its mutant on only
 * as the tests start.
 */
let Storage: typeof StorageModule.Storage;
beforeAll(async () => {
  vi.resetModules();
  ({ Storage } = await import('../../db/storage'));
});

const folder = foldersRemovedAfterEachTest();

const write = (storage: StorageModule.Storage, key: string) => storage.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, 'x');
const READ_ONLY = /readonly|read-only|query_only/i;
const coded = (message: string, code: string) => Object.assign(new Error(message), { code });

/** A store with damaged cells in a large table, closed cleanly (no start check). */
function damagedStore(label: string): string {
  const dir = folder(label);
  storeWithDamagedCells(join(dir, 'daftar.sqlite'));
  return dir;
}

describe('a store turns read-only at the first sign of damage', () => {
  it('an error that names corruption turns it read-only at once, SQLite refuses every write from then on, and each listener hears it once; other faults only name themselves', () => {
    let clock = START;
    const log = recordingLog();
    const storage = Storage.open({ dataDir: folder('notice'), program: 'test', now: () => clock, log });
    try {
      const heard: StorageHealth[] = [];
      const stop = storage.onHealthChange((h) => heard.push(h));
      expect(storage.noticeError(coded('database or disk is full', 'SQLITE_FULL'))).toBe('full');
      expect(storage.noticeError(new Error('not about storage'))).toBeNull();
      expect(storage.health().state).toBe('ok');
      write(storage, 'still-writable');
      expect(heard).toEqual([]);

      clock += 1000;
      expect(storage.noticeError(coded('database disk image is malformed', 'SQLITE_CORRUPT'))).toBe('corrupt');
      const health = { state: 'read-only', fault: 'corrupt', path: storage.dbFile, detail: 'database disk image is malformed', since: START + 1000 };
      expect(storage.health()).toEqual(health);
      expect(heard).toEqual([health]);
      expect(log.lines.filter((l) => l.level === 'error')).toEqual([{ level: 'error', message: 'store is read-only', fields: { fault: 'corrupt', path: storage.dbFile, detail: 'database disk image is malformed' } }]);
      // SQLite itself refuses, whatever path a write takes.
      expect(() => write(storage, 'refused')).toThrow(READ_ONLY);
      expect(() => storage.db.exec("INSERT INTO settings (key, value) VALUES ('refused', 'x')")).toThrow(READ_ONLY);

      // The next corruption error changes nothing: the first one's detail and time stay, nobody is told twice.
      clock += 1000;
      expect(storage.noticeError(coded('another malformed page', 'SQLITE_CORRUPT_INDEX'))).toBe('corrupt');
      expect(storage.health()).toEqual(health);
      expect(heard).toHaveLength(1);

      // A listener that stopped listening hears nothing more.
      stop();
      storage.markReadOnly('io', storage.dbFile, 'disk I/O error');
      expect(heard).toHaveLength(1);
      expect(storage.health()).toMatchObject({ fault: 'io', detail: 'disk I/O error' });
    } finally {
      storage.close();
    }
  });

  it('what is not an Error is still kept as the detail, in words', () => {
    const storage = Storage.open({ dataDir: folder('notice-plain'), program: 'test' });
    try {
      expect(storage.noticeError({ code: 'SQLITE_CORRUPT_VTAB', toString: () => 'the search index is damaged' })).toBe('corrupt');
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt', detail: 'the search index is damaged' });
    } finally {
      storage.close();
    }
  });

  it.runIf(canMakeImmutable)('a store already read-only because its file cannot be written keeps that reason when an error names corruption', async () => {
    const dir = folder('notice-immutable');
    Storage.open({ dataDir: dir, program: 'test' }).close();
    await whileImmutable(join(dir, 'daftar.sqlite'), () => {
      const storage = Storage.open({ dataDir: dir, program: 'test' });
      try {
        const heard: StorageHealth[] = [];
        storage.onHealthChange((h) => heard.push(h));
        expect(storage.noticeError(coded('database disk image is malformed', 'SQLITE_CORRUPT'))).toBe('corrupt');
        expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'read-only', detail: 'the store file is not writable' });
        expect(heard).toEqual([]);
      } finally {
        storage.close();
      }
    });
  });

  it('a check that finds damage turns the store read-only once, with what SQLite found; a check of a sound store leaves it writable', () => {
    const soundLog = recordingLog();
    const sound = Storage.open({ dataDir: folder('check-sound'), program: 'test', log: soundLog });
    try {
      const r = sound.check('full');
      expect(r).toMatchObject({ kind: 'full', ok: true, problems: [] });
      expect(soundLog.lines.at(-1)).toEqual({ level: 'info', message: 'full check', fields: { ...r } });
      expect(sound.health().state).toBe('ok');
      write(sound, 'after-check');
    } finally {
      sound.close();
    }

    const dir = damagedStore('check-damaged');
    const log = recordingLog();
    const storage = Storage.open({ dataDir: dir, program: 'test', now: () => START, log });
    try {
      // Nothing made the store look at the damaged pages yet.
      expect(storage.health().state).toBe('ok');
      const heard: StorageHealth[] = [];
      storage.onHealthChange((h) => heard.push(h));
      const quick = storage.check('quick');
      expect(quick.ok).toBe(false);
      expect(quick.problems.length).toBeGreaterThan(1);
      const health = { state: 'read-only', fault: 'corrupt', path: storage.dbFile, detail: quick.problems.join('; '), since: START };
      expect(storage.health()).toEqual(health);
      expect(() => write(storage, 'refused')).toThrow(READ_ONLY);
      // A second check finds the same damage: the store is read-only already, nobody is told again.
      expect(storage.check('full').ok).toBe(false);
      expect(heard).toEqual([health]);
      expect(log.lines.filter((l) => l.message.endsWith(' check'))).toEqual([
        { level: 'error', message: 'quick check', fields: { ...quick } },
        { level: 'error', message: 'full check', fields: expect.objectContaining({ kind: 'full', ok: false }) },
      ]);
    } finally {
      storage.close();
    }
  });
});
