import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/connection';
import { Hlc } from '../../db/hlc';
import { fixedClock } from '../../db/ids';
import { insertedValues } from '../../db/sync/inserted-values';
import { RowNotFoundError, Store, type CommitInfo } from '../../db/writer';
import { START, tempDir } from './temp-folder';

interface OutboxRow {
  seq: number;
  tx_id: string;
  table_name: string;
  row_id: string;
  op: string;
  fields: string | null;
  previous: string | null;
  hlc: string;
  author: string | null;
  at: number;
  root_table: string;
  root_id: string;
  pushed_at: number | null;
}

const dir = tempDir('writer');
const db: Db = openDatabase(join(dir, 'writer.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

let clock = fixedClock(START);
let store = new Store(db, clock, new Hlc('device-a', clock.now));
let commits: CommitInfo[] = [];

beforeEach(() => {
  clock = fixedClock(START);
  store = new Store(db, clock, new Hlc('device-a', clock.now));
  commits = [];
  store.onCommit((c) => commits.push(c));
});

const outbox = () => db.prepare('SELECT * FROM outbox ORDER BY seq').all() as OutboxRow[];
const outboxAfter = (seq: number) => db.prepare('SELECT * FROM outbox WHERE seq > ? ORDER BY seq').all(seq) as OutboxRow[];
const lastSeq = () => (db.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number);
const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('Store.write and the outbox', () => {
  it('insert writes the row with meta columns and one outbox entry that stores no values (the row has them)', () => {
    const seq = lastSeq();
    const id = store.write('user-1', (w) => w.insert('rooms', { name: 'اتاق جلسه', capacity: 12 }));
    const row = db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      id,
      name: 'اتاق جلسه',
      capacity: 12,
      location: null,
      created_at: START,
      created_by: 'user-1',
      updated_at: START,
      updated_by: 'user-1',
      deleted_at: null,
    });
    const [entry, ...rest] = outboxAfter(seq);
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      table_name: 'rooms',
      row_id: id,
      op: 'insert',
      previous: null,
      author: 'user-1',
      at: START,
      root_table: 'rooms',
      root_id: id,
      pushed_at: null,
    });
    expect(entry!.fields).toBeNull();
    expect(insertedValues(store, entry!)).toEqual({ name: 'اتاق جلسه', capacity: 12, equipment: '[]' }); // equipment: its column's default
    expect(entry!.hlc).toMatch(/^\d{15}:[0-9a-z]{6}:device-a$/);
    expect(commits).toEqual([{ txId: entry!.tx_id, author: 'user-1', tables: ['rooms'], root: { table: 'rooms', id } }]);
  });

  it('the values an insert wrote are read back exactly, also after later updates and a delete changed them', () => {
    const id = store.write('user-1', (w) => w.insert('rooms', { name: 'اتاق ۱', capacity: 4, location: 'طبقه ۱' }));
    const insertEntry = outbox().find((e) => e.row_id === id && e.op === 'insert')!;
    clock.advance(1000);
    store.write('user-2', (w) => w.update('rooms', id, { name: 'اتاق ۲', capacity: null }));
    clock.advance(1000);
    store.write('user-3', (w) => w.update('rooms', id, { name: 'اتاق ۳', location: 'طبقه ۳' }));
    store.write('user-3', (w) => w.softDelete('rooms', id));
    expect(insertedValues(store, insertEntry)).toEqual({ name: 'اتاق ۱', capacity: 4, location: 'طبقه ۱', equipment: '[]' });
  });

  it('accepts an id made by the caller (offline rows)', () => {
    const id = clock.newId();
    expect(store.write(null, (w) => w.insert('positions', { title: 'منشی' }, id))).toBe(id);
    expect(db.prepare('SELECT title FROM positions WHERE id = ?').pluck().get(id)).toBe('منشی');
  });

  it('update writes only the fields that really changed, with their previous values', () => {
    const id = store.write('u', (w) => w.insert('rooms', { name: 'الف', capacity: 4, location: 'طبقه ۱' }));
    clock.advance(1000);
    const seq = lastSeq();
    const changed = store.write('u2', (w) => w.update('rooms', id, { name: 'ب', capacity: 4, location: 'طبقه ۲' }));
    expect(changed).toEqual(['name', 'location']);
    const row = db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ name: 'ب', capacity: 4, location: 'طبقه ۲', updated_at: START + 1000, updated_by: 'u2', created_by: 'u' });
    const entries = outboxAfter(seq);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ op: 'update', row_id: id, author: 'u2', at: START + 1000 });
    expect(JSON.parse(entries[0]!.fields!)).toEqual({ name: 'ب', location: 'طبقه ۲' });
    expect(JSON.parse(entries[0]!.previous!)).toEqual({ name: 'الف', location: 'طبقه ۱' });
  });

  it('update to null records the null, and undefined in a patch means null', () => {
    const id = store.write('u', (w) => w.insert('rooms', { name: 'الف', location: 'زیرزمین' }));
    const seq = lastSeq();
    expect(store.write('u', (w) => w.update('rooms', id, { location: undefined }))).toEqual(['location']);
    const [e] = outboxAfter(seq);
    expect(JSON.parse(e!.fields!)).toEqual({ location: null });
    expect(JSON.parse(e!.previous!)).toEqual({ location: 'زیرزمین' });
  });

  it('an update that changes nothing writes nothing and tells no listener', () => {
    const id = store.write('u', (w) => w.insert('rooms', { name: 'الف', capacity: 3 }));
    commits = [];
    const seq = lastSeq();
    const before = db.prepare('SELECT * FROM rooms WHERE id = ?').get(id);
    clock.advance(5000);
    expect(store.write('u2', (w) => w.update('rooms', id, { name: 'الف', capacity: 3 }))).toEqual([]);
    expect(store.write('u2', (w) => w.update('rooms', id, {}))).toEqual([]);
    expect(outboxAfter(seq)).toEqual([]);
    expect(db.prepare('SELECT * FROM rooms WHERE id = ?').get(id)).toEqual(before);
    expect(commits).toEqual([]);
  });

  it('update and softDelete of a missing (or already deleted) row throw RowNotFoundError and write nothing', () => {
    const seq = lastSeq();
    expect(() => store.write('u', (w) => w.update('rooms', 'nope', { name: 'x' }))).toThrow(RowNotFoundError);
    expect(() => store.write('u', (w) => w.softDelete('rooms', 'nope'))).toThrow(RowNotFoundError);
    const id = store.write('u', (w) => w.insert('rooms', { name: 'x' }));
    store.write('u', (w) => w.softDelete('rooms', id));
    const seq2 = lastSeq();
    expect(() => store.write('u', (w) => w.softDelete('rooms', id))).toThrow(RowNotFoundError);
    expect(() => store.write('u', (w) => w.update('rooms', id, { name: 'y' }))).toThrow(RowNotFoundError);
    expect(lastSeq()).toBe(seq2);
    expect(seq2 - seq).toBe(2);
  });

  it('softDelete keeps the row, stamps deleted_at and records a delete', () => {
    const id = store.write('u', (w) => w.insert('rooms', { name: 'حذفی' }));
    clock.advance(60_000);
    const seq = lastSeq();
    store.write('u3', (w) => w.softDelete('rooms', id));
    const row = db.prepare('SELECT * FROM rooms WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({ name: 'حذفی', deleted_at: START + 60_000, updated_at: START + 60_000, updated_by: 'u3' });
    const [e, ...rest] = outboxAfter(seq);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ op: 'delete', row_id: id, table_name: 'rooms', author: 'u3' });
    expect(JSON.parse(e!.fields!)).toEqual({ deleted_at: START + 60_000 });
    expect(JSON.parse(e!.previous!)).toEqual({ deleted_at: null });
  });

  it('all changes of one write() share a tx_id and the root (first record unless named)', () => {
    const seq = lastSeq();
    const { groupId, userId } = store.write('author', (w) => {
      const userId = w.insert('users', { username: 'sara', display_name: 'سارا', active: 1 });
      const groupId = w.insert('groups', { name: 'فروش', kind: 'department' });
      w.insert('group_members', { group_id: groupId, user_id: userId });
      return { groupId, userId };
    });
    const entries = outboxAfter(seq);
    expect(entries).toHaveLength(3);
    expect(new Set(entries.map((e) => e.tx_id)).size).toBe(1);
    expect(new Set(entries.map((e) => e.hlc)).size).toBe(3);
    for (const e of entries) expect(e).toMatchObject({ root_table: 'users', root_id: userId, author: 'author' });
    expect(commits.at(-1)).toMatchObject({ tables: ['users', 'groups', 'group_members'], root: { table: 'users', id: userId } });

    // setRoot names the record the action is about, also for rows written before it.
    const seq2 = lastSeq();
    store.write('author', (w) => {
      w.setRoot('groups', groupId);
      w.update('users', userId, { display_name: 'سارا م.' });
      w.update('groups', groupId, { name: 'فروش و بازاریابی' });
    });
    const second = outboxAfter(seq2);
    expect(second).toHaveLength(2);
    expect(second[0]!.tx_id).not.toBe(entries[0]!.tx_id);
    for (const e of second) expect(e).toMatchObject({ root_table: 'groups', root_id: groupId });
  });

  it('an exception inside write() rolls back the rows and their outbox entries, and no listener hears of it', () => {
    const seq = lastSeq();
    const rooms = count('rooms');
    const existing = store.write('u', (w) => w.insert('rooms', { name: 'ثابت' }));
    commits = [];
    expect(() =>
      store.write('u', (w) => {
        w.insert('rooms', { name: 'موقت' });
        w.update('rooms', existing, { name: 'تغییر' });
        w.softDelete('rooms', existing);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(count('rooms')).toBe(rooms + 1);
    expect(outboxAfter(seq)).toHaveLength(1);
    expect(db.prepare('SELECT name, deleted_at FROM rooms WHERE id = ?').get(existing)).toEqual({ name: 'ثابت', deleted_at: null });
    expect(commits).toEqual([]);
  });

  it('a database error (constraint) inside write() also rolls back everything', () => {
    const seq = lastSeq();
    const users = count('users');
    expect(() =>
      store.write('u', (w) => {
        w.insert('users', { username: 'dup', display_name: 'یک', active: 1 });
        w.insert('users', { username: 'dup', display_name: 'دو', active: 1 });
      }),
    ).toThrow(/UNIQUE/);
    expect(count('users')).toBe(users);
    expect(lastSeq()).toBe(seq);
  });

  it('unknown columns and columns of another table throw before anything is written', () => {
    const seq = lastSeq();
    const rooms = count('rooms');
    expect(() => store.write('u', (w) => w.insert('rooms', { name: 'x', colour: 'red' } as never))).toThrow(
      /unknown column rooms\.colour/,
    );
    expect(() => store.write('u', (w) => w.insert('rooms', { title: 'x' } as never))).toThrow(/unknown column/);
    // Meta columns are not data columns either: nobody sets created_by or deleted_at by hand.
    expect(() => store.write('u', (w) => w.insert('rooms', { name: 'x', deleted_at: 1 } as never))).toThrow(/unknown column/);
    const id = store.write('u', (w) => w.insert('rooms', { name: 'y' }));
    const seq2 = lastSeq();
    expect(() => store.write('u', (w) => w.update('rooms', id, { 'name = 1; --': 'x' } as never))).toThrow(/unknown column/);
    expect(lastSeq()).toBe(seq2);
    expect(count('rooms')).toBe(rooms + 1);
    expect(seq2).toBe(seq + 1);
  });

  it('a write that changes nothing tells no listener; listeners can unsubscribe', () => {
    const heard: CommitInfo[] = [];
    const off = store.onCommit((c) => heard.push(c));
    store.write('u', () => 42);
    expect(heard).toEqual([]);
    store.write('u', (w) => w.insert('rooms', { name: 'z' }));
    expect(heard).toHaveLength(1);
    off();
    store.write('u', (w) => w.insert('rooms', { name: 'z2' }));
    expect(heard).toHaveLength(1);
  });

  it('outbox HLCs strictly increase within and across writes while the clock stands still', () => {
    const seq = lastSeq();
    for (let i = 0; i < 5; i++) {
      store.write('u', (w) => {
        w.insert('rooms', { name: `r${i}a` });
        w.insert('rooms', { name: `r${i}b` });
      });
    }
    const hlcs = outboxAfter(seq).map((e) => e.hlc);
    expect(hlcs).toHaveLength(10);
    for (let i = 1; i < hlcs.length; i++) expect(hlcs[i]! > hlcs[i - 1]!).toBe(true);
  });

  it('prepared statements are cached per SQL text', () => {
    const a = store.sql('SELECT 1');
    expect(store.sql('SELECT 1')).toBe(a);
    expect(store.sql('SELECT 2')).not.toBe(a);
  });

  it('every outbox entry is well formed (this test writes its own, so it checks something when run alone)', () => {
    const id = store.write('u', (w) => w.insert('rooms', { name: 'شکل' }));
    store.write('u', (w) => w.update('rooms', id, { name: 'شکل ۲' }));
    store.write('u', (w) => w.softDelete('rooms', id));
    const entries = outbox();
    expect(entries.filter((e) => e.row_id === id).map((e) => e.op)).toEqual(['insert', 'update', 'delete']);
    for (const e of entries) {
      expect(['insert', 'update', 'delete']).toContain(e.op);
      if (e.op === 'insert') expect(e.fields).toBeNull();
      else expect(Object.keys(JSON.parse(e.fields!) as object).sort()).toEqual(Object.keys(JSON.parse(e.previous!) as object).sort());
      expect(e.tx_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('when the outbox entry cannot be written, the row is not written either (one transaction)', () => {
    const rooms = count('rooms');
    const seq = lastSeq();
    const existing = store.write('u', (w) => w.insert('rooms', { name: 'پیش از خرابی' }));
    db.exec("CREATE TEMP TRIGGER outbox_refuses BEFORE INSERT ON main.change_log BEGIN SELECT RAISE(ABORT, 'outbox refused'); END");
    commits = [];
    try {
      expect(() => store.write('u', (w) => w.insert('rooms', { name: 'بی‌ثبت' }))).toThrow(/outbox refused/);
      expect(() => store.write('u', (w) => w.update('rooms', existing, { name: 'تغییر بی‌ثبت' }))).toThrow(/outbox refused/);
      expect(() => store.write('u', (w) => w.softDelete('rooms', existing))).toThrow(/outbox refused/);
    } finally {
      db.exec('DROP TRIGGER outbox_refuses');
    }
    expect(count('rooms')).toBe(rooms + 1);
    expect(db.prepare('SELECT count(*) FROM rooms WHERE name = ?').pluck().get('بی‌ثبت')).toBe(0);
    expect(db.prepare('SELECT name, deleted_at FROM rooms WHERE id = ?').get(existing)).toEqual({ name: 'پیش از خرابی', deleted_at: null });
    expect(lastSeq()).toBe(seq + 1);
    expect(commits).toEqual([]);
  });

  it('a read-only store refuses every write before touching the file, and accepts them again when writable', () => {
    const seq = lastSeq();
    const rooms = count('rooms');
    const reason = new Error('the store is read-only');
    store.refuseWrites(reason);
    try {
      expect(() => store.write('u', (w) => w.insert('rooms', { name: 'ممنوع' }))).toThrow(reason);
      expect(count('rooms')).toBe(rooms);
      expect(lastSeq()).toBe(seq);
    } finally {
      store.refuseWrites(null);
    }
    store.write('u', (w) => w.insert('rooms', { name: 'مجاز' }));
    expect(count('rooms')).toBe(rooms + 1);
  });
});
