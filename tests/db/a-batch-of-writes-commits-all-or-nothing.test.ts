/**
 * Store.batch runs many write() actions as one transaction without a savepoint per action
 * (imports, the bench's fill). What it gives up must not cost correctness: an action that
 * fails cannot be undone alone, so it fails the whole batch, even when the caller catches
 * its error; listeners hear of the actions only once the batch has committed.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { Hlc } from '../../db/hlc';
import { fixedClock } from '../../db/ids';
import { Store, type CommitInfo } from '../../db/writer';
import { START, tempDir } from './temp-folder';

const dir = tempDir('batch');
const db: Db = openDatabase(join(dir, 'batch.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let store: Store;
let commits: CommitInfo[];
beforeEach(() => {
  const clock = fixedClock(START);
  store = new Store(db, clock, new Hlc('device-a', clock.now));
  commits = [];
  store.onCommit((c) => commits.push(c));
});

const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('a batch of writes', () => {
  it('commits every action with its outbox entry, and tells listeners of each after the commit', () => {
    const rooms = count('rooms');
    const outbox = count('outbox');
    const heardInside: number[] = [];
    const ids = store.batch(() => {
      const made = ['الف', 'ب', 'پ'].map((name) => store.write('u', (w) => w.insert('rooms', { name })));
      heardInside.push(commits.length);
      return made;
    });
    expect(count('rooms')).toBe(rooms + 3);
    expect(count('outbox')).toBe(outbox + 3);
    expect(heardInside).toEqual([0]);
    expect(commits.map((c) => c.root)).toEqual(ids.map((id) => ({ table: 'rooms', id })));
    expect(new Set(commits.map((c) => c.txId)).size).toBe(3);
  });

  it('writes nothing and tells no listener when an action fails, even if the caller catches its error', () => {
    const rooms = count('rooms');
    const outbox = count('outbox');
    const failure = new Error('the second action fails after writing');
    expect(() =>
      store.batch(() => {
        store.write('u', (w) => w.insert('rooms', { name: 'اول' }));
        try {
          store.write('u', (w) => {
            w.insert('rooms', { name: 'دوم' });
            throw failure;
          });
        } catch {
          // Swallowed on purpose: the batch must fail all the same.
        }
        store.write('u', (w) => w.insert('rooms', { name: 'سوم' }));
      }),
    ).toThrow(failure);
    expect(count('rooms')).toBe(rooms);
    expect(count('outbox')).toBe(outbox);
    expect(commits).toEqual([]);
    // The store is usable again after the failed batch.
    store.write('u', (w) => w.insert('rooms', { name: 'بعدی' }));
    expect(count('rooms')).toBe(rooms + 1);
  });

  it('a batch inside a batch is part of it', () => {
    const rooms = count('rooms');
    expect(() =>
      store.batch(() => {
        store.batch(() => store.write('u', (w) => w.insert('rooms', { name: 'درونی' })));
        throw new Error('the outer batch fails');
      }),
    ).toThrow('the outer batch fails');
    expect(count('rooms')).toBe(rooms);
    expect(commits).toEqual([]);
  });
});
