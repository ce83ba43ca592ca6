import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StorageModule from '../../db/storage';
import { fillerStore, garbleMiddleLeaves } from './damaged-store';
import { foldersRemovedAfterEachTest, leaveCrashNote } from './store-folder';
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

const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const READ_ONLY = /readonly|read-only|query_only/i;
const now = () => START;

/** A store whose holder crashed: sound, or with garbage over two pages of a large table. */
function crashedStore(label: string, damaged: boolean): string {
  const dir = folder(label);
  const file = fillerStore(join(dir, 'daftar.sqlite'));
  if (damaged) garbleMiddleLeaves(file);
  leaveCrashNote(dir);
  return dir;
}

const openBeside = (dir: string) => Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel', now });

describe('while the start check runs beside the start', () => {
  it('asking for the start check waits for its answer: on a damaged store it is the damage, and the store is read-only', () => {
    const storage = openBeside(crashedStore('ask-damaged', true));
    try {
      expect(storage.checkingAtStart).toBe(true);
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: false });
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt' });
    } finally {
      storage.close();
    }
  });

  it('a pragma that writes (no statement of ours, so nothing holds it) is refused by SQLite until the answer, so nothing lands in a damaged store', () => {
    const dir = crashedStore('pragma-damaged', true);
    const dbFile = join(dir, 'daftar.sqlite');
    const before = hash(dbFile);
    const storage = openBeside(dir);
    try {
      expect(storage.checkingAtStart).toBe(true);
      expect(() => storage.db.pragma('user_version = 7')).toThrow(READ_ONLY);
    } finally {
      storage.close();
    }
    expect(hash(dbFile)).toBe(before);
  });

  it('a write that returns rows (INSERT … RETURNING) waits for the answer whichever way it runs, and lands on a sound store; on a damaged one it is refused', () => {
    for (const way of ['run', 'get', 'all', 'iterate'] as const) {
      const storage = openBeside(crashedStore(`returning-${way}`, false));
      try {
        const insert = storage.db.prepare(`INSERT INTO settings (key, value) VALUES ('returning-${way}', 'x') RETURNING key`);
        expect(storage.checkingAtStart, way).toBe(true);
        const result = way === 'iterate' ? [...insert.iterate()] : insert[way]();
        expect(result, way).toBeTruthy();
        expect(storage.checkingAtStart, way).toBe(false);
        expect(storage.db.prepare('SELECT count(*) FROM settings WHERE key = ?').pluck().get(`returning-${way}`), way).toBe(1);
      } finally {
        storage.close();
      }
    }
    const dir = crashedStore('returning-damaged', true);
    const dbFile = join(dir, 'daftar.sqlite');
    const before = hash(dbFile);
    const storage = openBeside(dir);
    try {
      expect(() => storage.db.prepare("INSERT INTO settings (key, value) VALUES ('returning', 'x') RETURNING key").get()).toThrow(READ_ONLY);
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt' });
    } finally {
      storage.close();
    }
    expect(hash(dbFile)).toBe(before);
  });

  it('on a sound store a prepared write waits for the answer and lands', () => {
    const storage = openBeside(crashedStore('run-sound', false));
    try {
      const insert = storage.db.prepare("INSERT INTO settings (key, value) VALUES ('held-run', 'written')");
      expect(storage.checkingAtStart).toBe(true);
      insert.run();
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.db.prepare("SELECT value FROM settings WHERE key = 'held-run'").pluck().get()).toBe('written');
    } finally {
      storage.close();
    }
  });

  it('on a sound store a write through exec waits for the answer and lands; after it, statements are plain again', () => {
    const storage = openBeside(crashedStore('exec-sound', false));
    try {
      expect(storage.checkingAtStart).toBe(true);
      // A read is served at once: it does not wait for the check.
      expect(storage.db.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(3000);
      expect(storage.checkingAtStart).toBe(true);
      storage.db.exec("INSERT INTO settings (key, value) VALUES ('held-exec', 'written')");
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.startCheck).toMatchObject({ ok: true });
      expect(storage.db.prepare("SELECT value FROM settings WHERE key = 'held-exec'").pluck().get()).toBe('written');
      // No gate is left on the connection: writes after the answer pay nothing for it.
      expect(storage.db.prepare).toBe(Database.prototype.prepare);
      expect(storage.db.exec).toBe(Database.prototype.exec);
    } finally {
      storage.close();
    }
  });

  it('damage met by a read while the check runs keeps the store read-only though the check then says ok', () => {
    const storage = openBeside(crashedStore('noticed-during', false));
    try {
      expect(storage.checkingAtStart).toBe(true);
      storage.noticeError(Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' }));
      expect(() => storage.db.prepare("INSERT INTO settings (key, value) VALUES ('after', 'x')").run()).toThrow(READ_ONLY);
      expect(storage.startCheck).toMatchObject({ ok: true });
      expect(storage.health()).toMatchObject({ state: 'read-only', fault: 'corrupt' });
      expect(() => storage.db.prepare("INSERT INTO settings (key, value) VALUES ('later', 'x') RETURNING key").get()).toThrow(READ_ONLY);
    } finally {
      storage.close();
    }
  });

  it('an answer that comes while nothing waits for it is acted on by itself: a sound store takes every kind of write again', async () => {
    const storage = openBeside(crashedStore('idle-answer', false));
    try {
      expect(storage.checkingAtStart).toBe(true);
      // Let the thread be idle until the worker answers (bounded: a broken listener fails here, not by hanging).
      for (let i = 0; i < 500 && storage.checkingAtStart; i++) await new Promise((r) => setTimeout(r, 20));
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.health().state).toBe('ok');
      // query_only is off again: even a write that returns rows (never held) lands.
      expect(storage.db.prepare("INSERT INTO settings (key, value) VALUES ('idle', 'x') RETURNING key").pluck().get()).toBe('idle');
    } finally {
      storage.close();
    }
  });
});
