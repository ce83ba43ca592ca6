import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { fixedClock } from '../../db/ids';
import { storeOn } from '../../db/open-store';
import { RowNotFoundError, type CommitInfo, type Store } from '../../db/writer';
import { START, tempDir } from './temp-folder';

/**
 * The write path (db/writer.ts) around its actions: which names it gives numbers in the
 * change log and when (db/change-log.ts), what listeners hear, what a batch does with
 * actions that changed nothing or failed, refusals, and a connection replaced after a restore.
 */

const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function freshDb(label: string): Db {
  const dir = tempDir(label);
  dirs.push(dir);
  const db = openDatabase(join(dir, 'daftar.sqlite'));
  open.push(db);
  return db;
}

function freshStore(label: string): { db: Db; store: Store; heard: CommitInfo[] } {
  const db = freshDb(label);
  const store = storeOn(db, fixedClock(START));
  const heard: CommitInfo[] = [];
  store.onCommit((c) => heard.push(c));
  return { db, store, heard };
}

const names = (db: Db) => (db.prepare('SELECT name FROM change_names ORDER BY code').pluck().all() as string[]).sort();

/** How many times the store is asked for a name's number from now on. */
function countLookups(store: Store): () => number {
  const sql = vi.spyOn(store, 'sql');
  return () => sql.mock.calls.filter(([text]) => text.includes('FROM change_names WHERE name')).length;
}

describe('names in the change log', () => {
  it('a write that changes nothing writes no names', () => {
    const { db, store, heard } = freshStore('names-none');
    expect(store.write('u', () => 'nothing')).toBe('nothing');
    expect(store.batch(() => store.write('u', () => 1))).toBe(1);
    expect(names(db)).toEqual([]);
    expect(heard).toEqual([]);
  });

  it('the first write that changes something numbers every table and this desk, with its author', () => {
    const { db, store } = freshStore('names-first');
    store.write('author-1', (w) => w.insert('rooms', { name: 'اتاق' }));
    expect(names(db)).toEqual([...store.tables.tables(), store.hlc.node, 'author-1'].sort());
  });

  it('a first batch that changes something numbers them too', () => {
    const { db, store } = freshStore('names-first-batch');
    store.batch(() => store.write('author-1', (w) => w.insert('rooms', { name: 'اتاق' })));
    expect(names(db)).toEqual([...store.tables.tables(), store.hlc.node, 'author-1'].sort());
  });

  it('a write inside a caller\'s transaction names only what it used: the caller\'s transaction decides', () => {
    const { db, store } = freshStore('names-nested');
    db.transaction(() => store.write('author-1', (w) => w.insert('rooms', { name: 'اتاق' })))();
    expect(names(db)).toEqual(['author-1', 'rooms', store.hlc.node].sort());
  });

  it('after a write that changed nothing, the first that changes something still numbers every table', () => {
    const { db, store } = freshStore('names-after-nothing');
    store.write('author-1', () => undefined);
    store.write('author-1', (w) => w.insert('rooms', { name: 'اتاق' }));
    const lookups = countLookups(store);
    // A pull, in its own transaction, appends a change to a table no local write touched.
    db.transaction(() => {
      const id = uuidv7();
      store.changeLog.append({
        txId: uuidv7(), table: 'identities', rowId: id, op: 'insert', fields: null, previous: null,
        hlc: { wall: START, counter: 0, node: store.hlc.node }, author: 'author-1', at: START, root: { table: 'identities', id },
      });
    })();
    expect(lookups()).toBe(0);
  });
});

describe('writes inside writes', () => {
  it('names used by a write and by a write inside it are remembered once the outer write commits, even after another inside it failed', () => {
    const { db, store } = freshStore('names-inner');
    store.write('first', (w) => w.insert('rooms', { name: 'اول' }));
    const [outer, inner] = [uuidv7(), uuidv7()];
    store.write(outer, (w) => {
      w.insert('rooms', { name: 'بیرون' });
      store.write(inner, (w2) => w2.insert('rooms', { name: 'درون' }));
      try {
        store.write('first', () => {
          throw new Error('given up');
        });
      } catch {
        // The outer write goes on without it.
      }
    });
    const lookups = countLookups(store);
    db.transaction(() => {
      for (const author of [outer, inner]) store.write(author, (w) => w.insert('rooms', { name: 'دوباره' }));
    })();
    expect(lookups()).toBe(0);
    expect(db.prepare('SELECT author FROM outbox ORDER BY seq').pluck().all()).toEqual(['first', outer, inner, outer, inner]);
  });

  it('when the outer write fails, the names a write inside it used are not remembered, even though that one succeeded', () => {
    const { db, store } = freshStore('names-inner-failed');
    store.write('first', (w) => w.insert('rooms', { name: 'اول' }));
    const [outer, inner, later] = [uuidv7(), uuidv7(), uuidv7()];
    expect(() =>
      store.write(outer, (w) => {
        w.insert('rooms', { name: 'بیرون' });
        store.write(inner, (w2) => w2.insert('rooms', { name: 'درون' }));
        throw new Error('given up');
      }),
    ).toThrow('given up');
    // `later` now takes the number `inner` (or `outer`) had while the failed write was open.
    store.write(later, (w) => w.insert('rooms', { name: 'بعد' }));
    store.write(inner, (w) => w.insert('rooms', { name: 'درون' }));
    store.write(outer, (w) => w.insert('rooms', { name: 'بیرون' }));
    expect(db.prepare('SELECT author FROM outbox ORDER BY seq').pluck().all()).toEqual(['first', later, inner, outer]);
  });
});

describe('listeners and batches', () => {
  it('listeners hear of a batch\'s actions that changed something, in order, after it commits; announced changes too', () => {
    const { db, store, heard } = freshStore('listen-batch');
    const id = store.write('u', (w) => w.insert('rooms', { name: 'اتاق' }));
    heard.length = 0;
    const inside: number[] = [];
    store.batch(() => {
      store.write('a', (w) => w.update('rooms', id, { name: 'اتاق' })); // the same value: no change
      store.write('b', (w) => w.update('rooms', id, { name: 'تالار' }));
      store.write('c', (w) => w.update('rooms', id, { capacity: 9 }));
      inside.push(heard.length);
    });
    expect(inside).toEqual([0]);
    expect(heard.map((c) => [c.author, c.tables, c.root])).toEqual([
      ['b', ['rooms'], { table: 'rooms', id }],
      ['c', ['rooms'], { table: 'rooms', id }],
    ]);
    const info: CommitInfo = { txId: 'pulled', author: null, tables: ['rooms'], root: null };
    store.announce(info);
    expect(heard.at(-1)).toBe(info);
    expect(db.prepare('SELECT name, capacity FROM rooms WHERE id = ?').get(id)).toEqual({ name: 'تالار', capacity: 9 });
  });

  it('after a batch, committed or failed, a write is on its own again: committed by itself and heard at once', () => {
    const { db, store, heard } = freshStore('after-batch');
    store.batch(() => store.write('a', (w) => w.insert('rooms', { name: 'الف' })));
    const alone = store.write('b', (w) => w.insert('rooms', { name: 'ب' }));
    expect(heard.map((c) => c.author)).toEqual(['a', 'b']);
    expect(() =>
      store.batch(() =>
        store.write('c', () => {
          throw new Error('given up');
        }),
      ),
    ).toThrow('given up');
    expect(() =>
      store.write('d', (w) => {
        w.insert('rooms', { name: 'د' });
        throw new Error('this one alone');
      }),
    ).toThrow('this one alone');
    store.write('e', (w) => w.insert('rooms', { name: 'ه' }));
    expect(heard.map((c) => c.author)).toEqual(['a', 'b', 'e']);
    expect(db.prepare('SELECT name FROM rooms ORDER BY name').pluck().all()).toEqual(['الف', 'ب', 'ه']);
    expect(db.prepare('SELECT count(*) FROM rooms WHERE id = ?').pluck().get(alone)).toBe(1);
  });

  it('a batch whose actions failed twice (their errors caught) fails with the first error', () => {
    const { store } = freshStore('batch-first-error');
    const attempt = (message: string) => {
      try {
        store.write('u', () => {
          throw new Error(message);
        });
      } catch {
        // The caller goes on; the batch remembers.
      }
    };
    expect(() =>
      store.batch(() => {
        attempt('first');
        attempt('second');
      }),
    ).toThrow('first');
  });

  it('a refused store runs no batch at all', () => {
    const { store } = freshStore('batch-refused');
    const reason = new Error('read-only: damage found');
    store.refuseWrites(reason);
    const run = vi.fn();
    expect(() => store.batch(run)).toThrow(reason);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('errors and bookkeeping', () => {
  it('a missing row and an unknown table are named in the error', () => {
    const { store } = freshStore('errors');
    const err = (() => {
      try {
        store.write('u', (w) => w.update('rooms', 'no-such-id', { name: 'x' }));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RowNotFoundError);
    expect(err).toMatchObject({ table: 'rooms', id: 'no-such-id', message: 'rooms no-such-id not found' });
    expect(() => store.write('u', (w) => w.softDelete('rooms', 'no-such-id'))).toThrow('rooms no-such-id not found');
    expect(() => store.write('u', (w) => w.softDelete('no_such_table', 'x'))).toThrow('unknown table no_such_table');
    expect(() => store.write('u', (w) => w.insert('no_such_table', {}))).toThrow('unknown table no_such_table');
    expect(() => store.write('u', (w) => w.update('no_such_table', 'x', { a: 1 }))).toThrow('unknown table no_such_table');
  });

  it('the changes not yet pushed are counted', () => {
    const { db, store } = freshStore('pending');
    expect(store.pendingChanges()).toBe(0);
    store.write('u', (w) => {
      w.insert('rooms', { name: 'الف' });
      w.insert('rooms', { name: 'ب' });
    });
    expect(store.pendingChanges()).toBe(2);
    db.prepare('UPDATE change_log SET pushed_at = 1 WHERE seq = (SELECT min(seq) FROM change_log)').run();
    expect(store.pendingChanges()).toBe(1);
  });

  it('after its connection is replaced (a restore), the store writes to the new one, with its tables, log and names', () => {
    const { db, store, heard } = freshStore('replace-old');
    store.write('u', (w) => w.insert('rooms', { name: 'قدیم' }));
    expect(store.db).toBe(db);
    const next = freshDb('replace-new');
    next.exec('CREATE TABLE extras (id TEXT PRIMARY KEY, label TEXT, created_at INTEGER NOT NULL, created_by TEXT, updated_at INTEGER NOT NULL, updated_by TEXT, deleted_at INTEGER)');
    store.replaceDatabase(next);
    expect(store.db).toBe(next);
    const id = store.write('u', (w) => w.insert('extras', { label: 'تازه' }));
    expect(next.prepare('SELECT label FROM extras WHERE id = ?').pluck().get(id)).toBe('تازه');
    expect(next.prepare('SELECT table_name, row_id, op FROM outbox').all()).toEqual([{ table_name: 'extras', row_id: id, op: 'insert' }]);
    // The new file gets its own names, every table's included, from its first change.
    expect(names(next)).toEqual([...store.tables.tables(), store.hlc.node, 'u'].sort());
    expect(db.prepare('SELECT count(*) FROM rooms').pluck().get()).toBe(1);
    expect(heard.map((c) => c.tables)).toEqual([['rooms'], ['extras']]);
  });
});
