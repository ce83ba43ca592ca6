import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { resultOf, startCheckInWorker } from '../../db/start-check';
import { tempDir } from './temp-folder';
import { fillerStore, garbleMiddleLeaves } from './damaged-store';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A migrated store with a table of a few hundred pages, closed. */
function store(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return fillerStore(join(dir, 'daftar.sqlite'));
}

/**
 * Garbles a block in the middle of a full-text index's data: the b-trees stay sound, so
 * only the index's own check (FTS5's, which quick_check runs for each virtual table) sees it.
 */
function garbleSearchIndex(file: string): void {
  const db = new Database(file);
  try {
    db.transaction(() => {
      const put = db.prepare('INSERT INTO identity_digits (rowid, digits) VALUES (?, ?)');
      for (let i = 1; i <= 4000; i++) put.run(i, `${912_000_0000 + i * 7919} ${i * 104_729}`);
    })();
    db.prepare("INSERT INTO identity_digits (identity_digits) VALUES ('optimize')").run();
    // Shadow tables are read-only to SQL unless the defensive flag is off.
    db.unsafeMode(true);
    const ids = db.prepare('SELECT id FROM identity_digits_data WHERE id > 10 ORDER BY id').pluck().all() as number[];
    expect(ids.length).toBeGreaterThan(4);
    db.prepare('UPDATE identity_digits_data SET block = substr(block, 1, 20) || randomblob(length(block) - 20) WHERE id = ?').run(ids[ids.length >> 1]);
    db.unsafeMode(false);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** A page the file counts but no tree uses: quick_check lists it (a finding, not an error). */
function addUnusedPage(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    const header = Buffer.alloc(100);
    readSync(fd, header, 0, 100, 0);
    const pageSize = header.readUInt16BE(16);
    const pages = header.readUInt32BE(28);
    writeSync(fd, Buffer.alloc(pageSize), 0, pageSize, pages * pageSize);
    header.writeUInt32BE(pages + 1, 28);
    writeSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
}

describe('the start check on a worker thread', () => {
  it('says ok for a sound store', async () => {
    // Loaded afresh (as a new process loads it): the worker's source is made when the module loads.
    vi.resetModules();
    const fresh = await import('../../db/start-check');
    const answer = fresh.startCheckInWorker(store('check-sound')).wait();
    expect(fresh.resultOf(answer)).toMatchObject({ kind: 'quick', ok: true, problems: [] });
  });

  it('reports the problems of a store with garbage in its middle pages', () => {
    const file = store('check-garbled');
    garbleMiddleLeaves(file);
    const result = resultOf(startCheckInWorker(file).wait());
    expect(result?.ok).toBe(false);
    expect(result?.problems.length).toBeGreaterThan(0);
  });

  it('lists what quick_check finds in a store whose pages read but do not add up', () => {
    const file = store('check-unused-page');
    addUnusedPage(file);
    const result = resultOf(startCheckInWorker(file).wait());
    expect(result?.ok).toBe(false);
    expect(result?.problems.join('\n')).toMatch(/never used/);
  });

  it.each([1, 2])('finds damage only a full-text index\'s own check can see, with %i worker(s) sharing the check', (workers) => {
    const file = store(`check-search-index-${workers}`);
    garbleSearchIndex(file);
    const result = resultOf(startCheckInWorker(file, { workers }).wait());
    expect(result?.ok).toBe(false);
    // Listed once: the part that checks the whole file leaves the full-text indexes to their own parts.
    expect(result?.problems.filter((p) => /fts5: corruption/.test(p))).toHaveLength(1);
  });

  it('the part that checks the whole file still lists pages never used while the full-text indexes are checked on another worker', () => {
    const file = store('check-unused-page-2');
    addUnusedPage(file);
    const result = resultOf(startCheckInWorker(file, { workers: 2 }).wait());
    expect(result?.ok).toBe(false);
    expect(result?.problems.join('\n')).toMatch(/never used/);
  });

  it('a worker that cannot load SQLite answers with its error, never with ok (the store then checks on its own thread)', () => {
    const answer = startCheckInWorker(store('check-no-sqlite'), { sqlite: '/nonexistent/better-sqlite3' }).wait();
    expect(answer).toMatchObject({ error: { message: expect.stringMatching(/Cannot find module/) } });
    expect(resultOf(answer)).toBeNull();
  });

  it('the answer also arrives by itself while the thread is idle, the workers after the first started then too', async () => {
    const running = startCheckInWorker(store('check-idle'), { workers: 2 });
    const answer = await new Promise((resolve) => running.onAnswer(resolve));
    expect(answer).toMatchObject({ problems: [] });
  });
});
