import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRecord } from '../../db/change-log';
import { openDatabase, type Db } from '../../db/connection';
import { fixedClock } from '../../db/ids';
import { storeOn } from '../../db/open-store';
import type { Store } from '../../db/writer';
import { START, tempDir } from './temp-folder';

/**
 * The change log stores tables, desks and authors as numbers from `change_names`
 * (db/change-log.ts). A name's number is asked of the file once and then remembered, but only
 * once the name is surely in the file: a number remembered from a write that was rolled back
 * would later name whatever took its place.
 */

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshStore(label: string): { db: Db; store: Store } {
  const dir = tempDir(label);
  dirs.push(dir);
  const db = openDatabase(join(dir, 'daftar.sqlite'));
  open.push(db);
  return { db, store: storeOn(db, fixedClock(START)) };
}

/** How many times the store is asked for a name's number from now on. */
function countLookups(store: Store): () => number {
  const sql = vi.spyOn(store, 'sql');
  return () => sql.mock.calls.filter(([text]) => text.includes('FROM change_names WHERE name')).length;
}

const authors = (db: Db) => db.prepare('SELECT author FROM outbox ORDER BY seq').pluck().all();

/** A change as the sync client appends one it received. */
function received(store: Store, table: string, author: string): ChangeRecord {
  const id = uuidv7();
  return {
    txId: uuidv7(),
    table,
    rowId: id,
    op: 'insert',
    fields: null,
    previous: null,
    hlc: { wall: START, counter: 0, node: store.hlc.node },
    author,
    at: START,
    root: { table, id },
  };
}

describe('a change log name is looked up once and remembered only once committed', () => {
  it('after a first write commits, every table, this desk and its author are known: a later write inside a caller\'s transaction asks for none', () => {
    const { db, store } = freshStore('names-known');
    const author = uuidv7();
    store.write(author, (w) => w.insert('rooms', { name: 'اتاق' }));
    const lookups = countLookups(store);
    db.transaction(() => {
      store.write(author, (w) => w.insert('rooms', { name: 'تالار' }));
      // A pull appends changes to tables no local write has touched yet: numbered by the first write.
      store.changeLog.append(received(store, 'identities', author));
    })();
    expect(lookups()).toBe(0);
    expect(db.prepare('SELECT table_name FROM outbox ORDER BY seq').pluck().all()).toEqual(['rooms', 'rooms', 'identities']);
    expect(authors(db)).toEqual([author, author, author]);
  });

  it('a name found outside any transaction is remembered at once', () => {
    const { db, store } = freshStore('names-outside');
    const author = uuidv7();
    const lookups = countLookups(store);
    store.changeLog.append(received(store, 'rooms', author));
    const first = lookups();
    expect(first).toBeGreaterThan(0);
    store.changeLog.append(received(store, 'rooms', author));
    expect(lookups()).toBe(first);
    expect(authors(db)).toEqual([author, author]);
  });

  it('a name first used by a top-level write that failed is forgotten with it, and a later name that takes its number is not confused with it', () => {
    const { db, store } = freshStore('names-failed');
    const [first, failed, other] = [uuidv7(), uuidv7(), uuidv7()];
    store.write(first, (w) => w.insert('rooms', { name: 'اول' }));
    expect(() =>
      store.write(failed, (w) => {
        w.insert('rooms', { name: 'بی‌ثبت' });
        throw new Error('given up');
      }),
    ).toThrow('given up');
    expect(db.prepare('SELECT count(*) FROM change_names WHERE name = ?').pluck().get(failed)).toBe(0);
    // `other` now gets the number `failed` had while its write was open.
    store.write(other, (w) => w.insert('rooms', { name: 'دیگری' }));
    store.write(failed, (w) => w.insert('rooms', { name: 'دوباره' }));
    expect(authors(db)).toEqual([first, other, failed]);
  });

  it('a name first used by a write inside another, which failed while the outer write went on and committed, is not remembered as a number that names nothing', () => {
    const { db, store } = freshStore('names-inner-failed');
    const [outer, failed, other] = [uuidv7(), uuidv7(), uuidv7()];
    store.write('first', (w) => w.insert('rooms', { name: 'اول' }));
    store.write(outer, (w) => {
      w.insert('rooms', { name: 'بیرون' });
      try {
        store.write(failed, (w2) => {
          w2.insert('rooms', { name: 'ناکام' });
          throw new Error('given up');
        });
      } catch {
        // The outer write goes on without it (its savepoint rolled back, the name with it).
      }
    });
    expect(db.prepare('SELECT count(*) FROM change_names WHERE name = ?').pluck().get(failed)).toBe(0);
    // `other` now takes the number `failed` had inside the rolled-back write.
    store.write(other, (w) => w.insert('rooms', { name: 'دیگری' }));
    store.write(failed, (w) => w.insert('rooms', { name: 'دوباره' }));
    expect(authors(db)).toEqual(['first', outer, other, failed]);
  });

  it('a name first used by a write that succeeded inside a caller\'s transaction, which the caller then rolled back, is not remembered', () => {
    const { db, store } = freshStore('names-caller-rolled-back');
    const [author, other] = [uuidv7(), uuidv7()];
    store.write('first', (w) => w.insert('rooms', { name: 'اول' }));
    expect(() =>
      db.transaction(() => {
        store.write(author, (w) => w.insert('rooms', { name: 'بی‌ثبت' }));
        throw new Error('the caller gave up');
      })(),
    ).toThrow('the caller gave up');
    // `other` now takes the number `author` had inside the rolled-back transaction.
    store.write(other, (w) => w.insert('rooms', { name: 'دیگری' }));
    store.write(author, (w) => w.insert('rooms', { name: 'ثبت' }));
    expect(authors(db)).toEqual(['first', other, author]);
  });

  it('a new author\'s name is looked up by its first write and remembered once that write commits', () => {
    const { db, store } = freshStore('names-new-author');
    const author = uuidv7();
    store.write(author, (w) => w.insert('rooms', { name: 'اول' }));
    const lookups = countLookups(store);
    const other = uuidv7();
    store.write(other, (w) => w.insert('rooms', { name: 'دوم' }));
    const afterFirst = lookups();
    expect(afterFirst).toBe(1);
    store.write(other, (w) => w.insert('rooms', { name: 'سوم' }));
    expect(lookups()).toBe(afterFirst);
    expect(authors(db)).toEqual([author, other, other]);
  });
});
