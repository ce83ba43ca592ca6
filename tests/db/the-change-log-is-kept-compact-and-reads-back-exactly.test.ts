import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { packId, unpackId, type ChangeRecord } from '../../db/change-log';
import { openConnection, openDatabase } from '../../db/connection';
import { formatHlc } from '../../db/hlc';
import { fixedClock } from '../../db/ids';
import { applyMigrations } from '../../db/migrate';
import { MIGRATIONS } from '../../db/migrations';
import { storeOn } from '../../db/open-store';
import { ChangeLogStore } from '../../main/history/store';
import { SyncStore } from '../../main/sync/store';
import { START, tempDir } from './temp-folder';

const dir = tempDir('change-log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = () => join(dir, `store-${++n}.sqlite`);

const BEFORE_0011 = MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === '0010_sync') + 1);
const hlc = (wall: number, counter: string, node: string) => `${String(wall).padStart(15, '0')}:${counter}:${node}`;
const outbox = (db: Database.Database) => db.prepare('SELECT * FROM outbox ORDER BY seq').all() as Record<string, unknown>[];

/**
 * The store's modules loaded afresh, as a new process loads them. The change log's op codes,
 * its id rule and the outbox view's SQL are made when db/change-log.ts loads; a test that
 * only used the copies imported above would check the ones made before it started (and a
 * mutation run, which switches a mutant on as the tests start, could not reach them).
 */
async function freshModules() {
  vi.resetModules();
  const { openDatabase: open } = await import('../../db/connection');
  const { storeOn: on } = await import('../../db/open-store');
  return { openDatabase: open, storeOn: on };
}

describe('the compact change log (migration 0011)', () => {
  it('a store made before 0011 keeps every change exactly, and its history, merging and clock go on from them', () => {
    const file = freshFile();
    const raw = new Database(file);
    applyMigrations(raw, BEFORE_0011);
    const [person, phone, user, desk, otherDesk] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const [t1, t2, t3, t4] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    const wall = START;
    raw
      .prepare(
        `INSERT INTO identities (id, kind, first_name, display_name, sort_key, created_at, created_by, updated_at, updated_by)
         VALUES (?, 'person', 'مریم', 'مریم', 'مریم', ?, ?, ?, ?)`,
      )
      .run(person, wall, user, wall + 9000, 'tool');
    raw
      .prepare(
        `INSERT INTO identity_phones (id, identity_id, kind, number, e164, display, created_at, created_by, updated_at, updated_by, deleted_at)
         VALUES (?, ?, 'mobile', '09121234567', '+989121234567', '0912 123 4567', ?, ?, ?, NULL, ?)`,
      )
      .run(phone, person, wall, user, wall + 20_000, wall + 20_000);
    const put = raw.prepare(
      `INSERT INTO outbox (tx_id, table_name, row_id, op, fields, previous, hlc, author, at, root_table, root_id, pushed_at, server_seq, received, push_result)
       VALUES (@tx, @table, @row, @op, @fields, @previous, @hlc, @author, @at, @rootTable, @rootId, @pushed, @serverSeq, @received, @note)`,
    );
    const base = { fields: null, previous: null, pushed: null, serverSeq: null, received: null, note: null };
    // An insert that is its own root, pushed; a phone inserted with it (its root the person).
    put.run({ ...base, tx: t1, table: 'identities', row: person, op: 'insert', hlc: hlc(wall, '000000', desk), author: user, at: wall, rootTable: 'identities', rootId: person, pushed: wall + 1, serverSeq: 1 });
    put.run({ ...base, tx: t1, table: 'identity_phones', row: phone, op: 'insert', hlc: hlc(wall, '000001', desk), author: user, at: wall, rootTable: 'identities', rootId: person, pushed: wall + 1, serverSeq: 2 });
    // An edit by a non-UUID author whose time is not its HLC's wall time (the clock had run ahead), not pushed.
    put.run({
      ...base, tx: t2, table: 'identities', row: person, op: 'update', fields: '{"first_name":"مریم"}', previous: '{"first_name":"مرضیه"}',
      hlc: hlc(wall + 9000, '00000z', desk), author: 'tool', at: wall + 8000, rootTable: 'identities', rootId: person,
    });
    // A delete received from another desk, by the system, with a note.
    put.run({
      ...base, tx: t3, table: 'identity_phones', row: phone, op: 'delete', fields: `{"deleted_at":${wall + 20_000}}`, previous: '{"deleted_at":null}',
      hlc: hlc(wall + 20_000, '1a2b3c', otherDesk), author: null, at: wall + 20_000, rootTable: 'identities', rootId: person,
      pushed: wall + 21_000, serverSeq: 7, received: 1, note: '{"status":"conflict","code":"x"}',
    });
    // An insert recorded before 0010 (values kept) with an id that is not a lower-case UUID.
    put.run({ ...base, tx: t4, table: 'rooms', row: 'ROOM-A', op: 'insert', fields: '{"name":"اتاق"}', hlc: hlc(wall + 30_000, '000000', desk), author: user, at: wall + 30_000, rootTable: 'rooms', rootId: 'ROOM-A' });
    const before = raw.prepare('SELECT * FROM outbox ORDER BY seq').all();
    raw.close();

    const db = openDatabase(file);
    try {
      expect(outbox(db)).toEqual(before);
      const kinds = db.prepare('SELECT typeof(tx), typeof(row_id), typeof(root_id), at FROM change_log ORDER BY seq').raw().all();
      expect(kinds).toEqual([
        ['blob', 'blob', 'null', null],
        ['blob', 'blob', 'blob', null],
        ['blob', 'blob', 'null', wall + 8000],
        ['blob', 'blob', 'blob', null],
        ['blob', 'text', 'null', null],
      ]);

      const clock = fixedClock(wall + 1000); // a clock set back behind the stored changes
      const store = storeOn(db, clock);
      const t5 = store.write(user, (w) => {
        w.update('identities', person, { job_title: 'مدیر' });
        return w.txId;
      });
      const after = outbox(db);
      expect(after).toHaveLength(6);
      expect(after[5]!.seq as number).toBeGreaterThan(before.length);
      const hlcs = after.map((r) => r.hlc as string);
      expect(hlcs[5]! > hlcs[2]!).toBe(true);
      expect(hlcs[5]! > hlcs[3]!).toBe(true);

      const history = new ChangeLogStore(store);
      expect(history.actions('identities', person, null, 10).map((a) => a.tx_id)).toEqual([t3, t2, t5, t1]);
      expect(history.actions('identities', person, { at: wall + 8000, key: t2 }, 10).map((a) => a.tx_id)).toEqual([t5, t1]);
      expect(history.rowsOf(t1, 'identities', person).map((r) => [r.table_name, r.row_id, r.op])).toEqual([
        ['identities', person, 'insert'],
        ['identity_phones', phone, 'insert'],
      ]);
      expect(history.inserted(history.rowsOf(t1, 'identities', person)[0]!)).toMatchObject({ first_name: 'مرضیه' });
      expect(history.actions('rooms', 'ROOM-A', null, 10).map((a) => a.tx_id)).toEqual([t4]);

      const sync = new SyncStore(store);
      const clocks = sync.fieldClocks('identities', person);
      expect(Object.fromEntries(clocks)).toEqual({ first_name: hlcs[2], job_title: hlcs[5] });
      expect(sync.insertClock(person, phone)).toBe(hlcs[1]);
      expect(sync.hasServerSeq(7)).toBe(true);
      expect(sync.markPushedIfPending(hlcs[2]!, 8, wall + 40_000)).toBe(true);
      expect(sync.pending(10).map((e) => e.hlc)).toEqual([hlcs[4], hlcs[5]]);
    } finally {
      db.close();
    }
  });

  it('every change appended reads back through the view exactly as written, ids, names and clocks alike', () => {
    const db = openDatabase(freshFile());
    try {
      const store = storeOn(db, fixedClock(START));
      let seed = 7;
      const random = (k: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % k;
      };
      const ids = () => [uuidv7(), uuidv7().toUpperCase(), `row-${random(1000)}`, 'a'.repeat(36)][random(4)]!;
      const written: ChangeRecord[] = [];
      db.transaction(() => {
        for (let i = 0; i < 300; i++) {
          const rowId = ids();
          const own = random(2) === 0;
          const wall = START + random(10 ** 9);
          const c: ChangeRecord = {
            txId: ids(),
            table: ['identities', 'identity_phones', 'rooms'][random(3)]!,
            rowId,
            op: (['insert', 'update', 'delete'] as const)[random(3)]!,
            fields: random(2) ? { a: i } : null,
            previous: random(2) ? { a: null } : null,
            hlc: { wall, counter: [0, 35, 36, 36 ** 6 - 1, random(10 ** 6)][random(5)]!, node: [uuidv7(), 'device-a'][random(2)]! },
            author: [uuidv7(), null, 'system'][random(3)]!,
            at: random(2) ? wall : wall - random(5000) - 1,
            root: own ? { table: 'x', id: rowId } : { table: 'identities', id: ids() },
          };
          if (own) c.root.table = c.table;
          store.changeLog.append(c);
          written.push(c);
        }
      })();
      const rows = db.prepare('SELECT * FROM outbox ORDER BY seq').all() as Record<string, unknown>[];
      expect(rows.map(({ seq: _seq, ...r }) => r)).toEqual(
        written.map((c) => ({
          tx_id: c.txId,
          table_name: c.table,
          row_id: c.rowId,
          op: c.op,
          fields: c.fields && JSON.stringify(c.fields),
          previous: c.previous && JSON.stringify(c.previous),
          hlc: formatHlc(c.hlc.wall, c.hlc.counter, c.hlc.node),
          author: c.author,
          at: c.at,
          root_table: c.root.table,
          root_id: c.root.id,
          pushed_at: null,
          server_seq: null,
          received: null,
          push_result: null,
        })),
      );
      for (const c of written) expect(unpackId(packId(c.rowId))).toBe(c.rowId);
    } finally {
      db.close();
    }
  });

  it('each part of a change is stored in its compact form and read back exactly: ids, codes, names, times, roots and sync marks', async () => {
    const fresh = await freshModules();
    const db = fresh.openDatabase(freshFile());
    try {
      const store = fresh.storeOn(db, fixedClock(START));
      const [a, b, c, d, node] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      const base: ChangeRecord = {
        txId: a, table: 'rooms', rowId: b, op: 'insert', fields: null, previous: null,
        hlc: { wall: START, counter: 0, node }, author: c, at: START, root: { table: 'rooms', id: b },
      };
      // Ids that look like a UUID but are not one in its canonical form are kept as text.
      const notUuids = [
        `id-${b}`, `${b}-2`, b.toUpperCase(), b.replaceAll('-', ''), `${b.slice(0, 7)}-${b.slice(9)}`,
        'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', `${b.slice(0, 9)}zzzz${b.slice(13)}`, `${b.slice(0, 14)}zzzz${b.slice(18)}`,
        `${b.slice(0, 19)}zzzz${b.slice(23)}`, `${b.slice(0, 24)}zzzzzzzzzzzz`, 'a-b-c-d-e', '',
      ];
      const changes: ChangeRecord[] = [
        base,
        // Same row, another table's record as its root (not its own root although the id is the same).
        { ...base, table: 'identity_phones', op: 'update', fields: { a: 1 }, previous: { a: null }, root: { table: 'identities', id: b } },
        // Same table, another row as root; a time before the HLC's wall time; no author.
        { ...base, op: 'delete', author: null, at: START - 1, root: { table: 'rooms', id: d }, hlc: { wall: START + 1, counter: 36 ** 6 - 1, node: 'device-a' } },
        // A change received from the server, with its marks.
        { ...base, txId: d, hlc: { wall: START + 2, counter: 35, node }, at: START + 2, pushedAt: START + 3, serverSeq: 42, received: true },
        { ...base, hlc: { wall: START + 3, counter: 36, node }, at: START + 3, pushedAt: 0, serverSeq: 0, received: false },
        ...notUuids.map((id, i): ChangeRecord => ({ ...base, txId: id, rowId: id, root: { table: 'rooms', id }, hlc: { wall: START + 10, counter: 1 + i * 1000, node }, at: START + 10 })),
      ];
      db.transaction(() => {
        for (const ch of changes) store.changeLog.append(ch);
      })();

      expect(outbox(db).map(({ seq: _seq, ...r }) => r)).toEqual(
        changes.map((ch) => ({
          tx_id: ch.txId,
          table_name: ch.table,
          row_id: ch.rowId,
          op: ch.op,
          fields: ch.fields && JSON.stringify(ch.fields),
          previous: ch.previous && JSON.stringify(ch.previous),
          hlc: formatHlc(ch.hlc.wall, ch.hlc.counter, ch.hlc.node),
          author: ch.author,
          at: ch.at,
          root_table: ch.root.table,
          root_id: ch.root.id,
          pushed_at: ch.pushedAt ?? null,
          server_seq: ch.serverSeq ?? null,
          received: ch.received ? 1 : null,
          push_result: null,
        })),
      );
      // What is stored: canonical UUIDs as their 16 bytes, other ids as text; the op as its
      // code; no time when it is the HLC's; no root when the row is its own root.
      const stored = db
        .prepare('SELECT typeof(tx), length(tx), typeof(row_id), length(row_id), op, at, root_tbl IS NULL, typeof(root_id), pushed_at, server_seq, received FROM change_log ORDER BY seq')
        .raw()
        .all();
      expect(stored.slice(0, 5)).toEqual([
        ['blob', 16, 'blob', 16, 0, null, 1, 'null', null, null, null],
        ['blob', 16, 'blob', 16, 1, null, 0, 'blob', null, null, null],
        ['blob', 16, 'blob', 16, 2, START - 1, 0, 'blob', null, null, null],
        ['blob', 16, 'blob', 16, 0, null, 1, 'null', START + 3, 42, 1],
        ['blob', 16, 'blob', 16, 0, null, 1, 'null', 0, 0, null],
      ]);
      expect(stored.slice(5)).toEqual(notUuids.map((id) => ['text', id.length, 'text', id.length, 0, null, 1, 'null', null, null, null]));
    } finally {
      db.close();
    }
  });

  it('a connection migrated after it opened (as the app opens a new or older store) gets the view from its write path', () => {
    const db = openConnection(freshFile());
    try {
      applyMigrations(db, MIGRATIONS);
      expect(db.prepare("SELECT count(*) FROM temp.sqlite_schema WHERE name = 'outbox'").pluck().get()).toBe(0);
      const store = storeOn(db, fixedClock(START));
      const room = store.write('user-1', (w) => w.insert('rooms', { name: 'اتاق' }));
      expect(outbox(db).map((r) => [r.table_name, r.row_id, r.op, r.author])).toEqual([['rooms', room, 'insert', 'user-1']]);
    } finally {
      db.close();
    }
  });

  it('a name first used inside a transaction that rolled back is not remembered as a number that names nothing', () => {
    const db = openDatabase(freshFile());
    try {
      const store = storeOn(db, fixedClock(START));
      const [author, other] = [uuidv7(), uuidv7()];
      // Nested in a caller's transaction (as an import or a pull is), the name is made inside it.
      expect(() =>
        db.transaction(() =>
          store.write(author, (w) => {
            w.insert('rooms', { name: 'بی‌ثبت' });
            throw new Error('given up');
          }),
        )(),
      ).toThrow('given up');
      expect(db.prepare('SELECT count(*) FROM change_names WHERE name = ?').pluck().get(author)).toBe(0);
      // Another name now takes the number the rolled-back one had; the first must not reuse it.
      store.write(other, (w) => w.insert('rooms', { name: 'دیگری' }));
      db.transaction(() => store.write(author, (w) => w.insert('rooms', { name: 'ثبت' })))();
      store.write(author, (w) => w.insert('rooms', { name: 'باز' }));
      expect(db.prepare('SELECT author, table_name FROM outbox ORDER BY seq').all()).toEqual([
        { author: other, table_name: 'rooms' },
        { author, table_name: 'rooms' },
        { author, table_name: 'rooms' },
      ]);
    } finally {
      db.close();
    }
  });
});
