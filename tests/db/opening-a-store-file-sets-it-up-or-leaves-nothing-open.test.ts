import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openConnection, openDatabase, type Db } from '../../db/connection';
import { fixedClock } from '../../db/ids';
import { openStore } from '../../db/open-store';
import { START, tempDir } from './temp-folder';

/**
 * db/connection.ts and db/open-store.ts: a connection is set up as the store needs it
 * (write-ahead log unless read-only), and one that fails while being set up is closed
 * again, so no handle on the file is left behind.
 */

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(label: string): string {
  const d = tempDir(label);
  dirs.push(d);
  return join(d, 'daftar.sqlite');
}

function keep(db: Db): Db {
  open.push(db);
  return db;
}

/** Whether this process still holds the file open (where the system lets us see it). */
const heldOpen = (f: string) =>
  existsSync('/proc/self/fd') &&
  readdirSync('/proc/self/fd').some((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === f;
    } catch {
      return false;
    }
  });

/** Bytes 18 and 19 of an SQLite file: 1 for a rollback-journal file, 2 for WAL. */
const journalBytes = (f: string) => [...readFileSync(f).subarray(18, 20)];

describe('opening a store file', () => {
  it('a connection for writing puts the file in write-ahead-log mode', () => {
    const f = file('open-wal');
    const db = keep(openConnection(f));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('a read-only connection opens a single-file copy as it is, writes nothing, and never makes a file that is not there', () => {
    const f = file('open-readonly');
    const made = new Database(f);
    made.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('a')");
    made.close();
    expect(journalBytes(f)).toEqual([1, 1]);
    const before = readFileSync(f);
    const db = keep(openConnection(f, { readonly: true }));
    expect(db.readonly).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(() => db.prepare("INSERT INTO t VALUES ('b')").run()).toThrow(/readonly/);
    db.close();
    expect(readFileSync(f).equals(before)).toBe(true);
    const missing = join(f, '..', 'missing.sqlite');
    expect(() => openConnection(missing, { readonly: true })).toThrow();
    expect(existsSync(missing)).toBe(false);
  });

  it('a file that is not a database fails to open, and is not left open', () => {
    const f = file('open-garbage');
    writeFileSync(f, Buffer.alloc(8192, 0x5a));
    expect(() => openConnection(f)).toThrow(/not a database/);
    expect(heldOpen(f)).toBe(false);
    expect(() => openDatabase(f)).toThrow(/not a database/);
    expect(heldOpen(f)).toBe(false);
  });

  it('a store whose migrations fail is not left open', () => {
    const f = file('open-bad-migration');
    expect(() => openDatabase(f, [{ name: '0001_broken', sql: 'CREATE TABLE (' }])).toThrow();
    expect(heldOpen(f)).toBe(false);
  });

  it('openStore gives the connection and its write path, and this desk keeps its id across openings', () => {
    const f = file('open-store');
    const first = openStore(f, fixedClock(START));
    keep(first.db);
    expect(first.store.db).toBe(first.db);
    const room = first.store.write('u', (w) => w.insert('rooms', { name: 'اتاق' }));
    const node = first.store.hlc.node;
    first.db.close();
    const second = openStore(f, fixedClock(START));
    keep(second.db);
    expect(second.store.hlc.node).toBe(node);
    expect(second.db.prepare('SELECT name FROM rooms WHERE id = ?').pluck().get(room)).toBe('اتاق');
  });

  it('a store whose write path cannot be made (here, a broken desk id) is not left open', () => {
    const f = file('open-store-bad');
    const db = openDatabase(f);
    db.prepare("INSERT INTO settings (key, value) VALUES ('device.id', 'not:valid')").run();
    db.close();
    expect(() => openStore(f, fixedClock(START))).toThrow(/invalid HLC node id/);
    expect(heldOpen(f)).toBe(false);
  });
});
