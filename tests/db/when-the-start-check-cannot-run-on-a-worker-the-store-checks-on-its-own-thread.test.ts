import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as StartCheckModule from '../../db/start-check';
import type * as StorageModule from '../../db/storage';
import { fillerStore } from './damaged-store';
import { leaveCrashNote, recordingLog, storeWithDamagedCells } from './store-folder';
import { START, tempDir } from './temp-folder';

/**
 * Storage.open starts the worker with no options, and a worker here always can check. These
 * tests make it fail the two ways it can: a real worker that cannot load SQLite (the seam the
 * start check's own tests use: a wrong path for better-sqlite3), and a thread that cannot be
 * started at all (thrown, as Node throws ERR_WORKER_INIT_FAILED). db/storage.ts is loaded
 * after that, as the tests start (which also lets a mutation run's mutant reach its constants).
 */
let workerFailure: 'cannot-load-sqlite' | 'cannot-start' = 'cannot-load-sqlite';
let Storage: typeof StorageModule.Storage;
beforeAll(async () => {
  vi.resetModules();
  vi.doMock('../../db/start-check', async (importOriginal) => {
    const real = await importOriginal<typeof StartCheckModule>();
    return {
      ...real,
      startCheckInWorker: (file: string) => {
        if (workerFailure === 'cannot-start') throw Object.assign(new Error('no thread for the check'), { code: 'ERR_WORKER_INIT_FAILED' });
        return real.startCheckInWorker(file, { sqlite: join(tmpdir(), 'no-such-better-sqlite3') });
      },
    };
  });
  ({ Storage } = await import('../../db/storage'));
});

// Each test's folders go when it ends: a mutation run stops a worker at a test that hangs,
// and whatever the file's earlier tests made would stay behind until an afterAll.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
afterAll(() => {
  vi.doUnmock('../../db/start-check');
});
const folder = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};

describe('when the start check cannot run on a worker', () => {
  it('a worker that could not check is told apart from a finding: the store checks on its own thread, finds the damage, and turns read-only before any write', () => {
    workerFailure = 'cannot-load-sqlite';
    const dir = folder('worker-cannot-load');
    const dbFile = storeWithDamagedCells(join(dir, 'daftar.sqlite'));
    leaveCrashNote(dir);
    const log = recordingLog();
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel', now: () => START, log });
    try {
      expect(storage.checkingAtStart).toBe(true);
      expect(() => storage.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/i);
      const found = storage.startCheck!;
      expect(found).toMatchObject({ kind: 'quick', ok: false });
      expect(found.problems.length).toBeGreaterThan(1);
      expect(storage.health()).toEqual({ state: 'read-only', fault: 'corrupt', path: dbFile, detail: found.problems.join('; '), since: START });
      const [warned, ...rest] = log.lines;
      expect(warned).toEqual({ level: 'warn', message: 'start check could not run on its worker; checking here', fields: { detail: expect.stringContaining('no-such-better-sqlite3') } });
      expect(rest[0]).toEqual({ level: 'error', message: 'start check after an unclean shutdown', fields: { ...found, worker: false } });
    } finally {
      storage.close();
    }
  });

  it('a thread that cannot be started: the check runs before the start goes on, and the log says why', () => {
    workerFailure = 'cannot-start';
    const dir = folder('worker-cannot-start');
    fillerStore(join(dir, 'daftar.sqlite'));
    leaveCrashNote(dir);
    const log = recordingLog();
    const storage = Storage.open({ dataDir: dir, program: 'test', startCheck: 'parallel', now: () => START, log });
    try {
      expect(storage.checkingAtStart).toBe(false);
      expect(storage.startCheck).toMatchObject({ kind: 'quick', ok: true, problems: [] });
      expect(log.lines[0]).toEqual({
        level: 'warn',
        message: 'start check cannot run on a worker thread; checking before the start goes on',
        fields: { err: expect.objectContaining({ code: 'ERR_WORKER_INIT_FAILED' }) },
      });
      storage.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run();
    } finally {
      storage.close();
    }
  });
});
