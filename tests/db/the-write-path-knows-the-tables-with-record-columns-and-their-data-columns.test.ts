import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Tables from '../../db/tables';

/**
 * db/tables.ts is loaded once the tests start, not by an import at the top: its list of
 * record columns is made when it loads, and a mutation run switches its mutant on only as
 * the tests start.
 */
let T: typeof Tables;
beforeAll(async () => {
  vi.resetModules();
  T = await import('../../db/tables');
});

const RECORD = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at'];

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

/** An in-memory database with these tables (name → columns). */
function schema(tables: Record<string, string[]>): Database.Database {
  const db = new Database(':memory:');
  open.push(db);
  for (const [name, cols] of Object.entries(tables)) db.exec(`CREATE TABLE ${name} (${cols.join(', ')})`);
  return db;
}

describe('the write path knows the tables with record columns, and their data columns', () => {
  it('a table with every record column is known, with its other columns as its data', () => {
    const map = T.TableMap.read(schema({ rooms: [...RECORD, 'name', 'capacity'], notes: ['body', ...RECORD] }));
    expect(map.tables().sort()).toEqual(['notes', 'rooms']);
    expect(map.has('rooms')).toBe(true);
    expect(map.columnsOf('rooms').sort()).toEqual(['capacity', 'name']);
    expect(map.columnsOf('notes')).toEqual(['body']);
    expect(map.isColumnOf('rooms', 'name')).toBe(true);
    expect(map.isColumnOf('rooms', 'body')).toBe(false);
    // The record columns are the write path's own, never a value to set.
    for (const c of RECORD) expect(map.isColumnOf('rooms', c), c).toBe(false);
  });

  it('a table missing any one record column is not the write path\'s, nor are SQLite\'s own tables or views', () => {
    const tables: Record<string, string[]> = { whole: [...RECORD, 'x'], log: ['seq INTEGER PRIMARY KEY AUTOINCREMENT', 'x'] };
    for (const missing of RECORD) tables[`without_${missing}`] = [...RECORD.filter((c) => c !== missing), 'x'];
    const db = schema(tables);
    db.exec('CREATE VIEW whole_view AS SELECT * FROM whole');
    db.exec("INSERT INTO log (x) VALUES ('makes sqlite_sequence')");
    const map = T.TableMap.read(db);
    expect(map.tables()).toEqual(['whole']);
    for (const name of [...RECORD.map((c) => `without_${c}`), 'log', 'whole_view', 'sqlite_sequence', 'sqlite_schema']) {
      expect(map.has(name), name).toBe(false);
      expect(map.columnsOf(name), name).toEqual([]);
      expect(map.isColumnOf(name, 'x'), name).toBe(false);
    }
  });

  it('a table with only record columns is known and has no data columns; a database without any has no tables', () => {
    const map = T.TableMap.read(schema({ marks: RECORD }));
    expect(map.tables()).toEqual(['marks']);
    expect(map.columnsOf('marks')).toEqual([]);
    expect(T.TableMap.read(schema({})).tables()).toEqual([]);
  });

  it('what a caller does with a list it was given does not change the map', () => {
    const map = T.TableMap.read(schema({ rooms: [...RECORD, 'name'] }));
    map.columnsOf('rooms').push('injected');
    map.tables().push('injected');
    expect(map.columnsOf('rooms')).toEqual(['name']);
    expect(map.tables()).toEqual(['rooms']);
    expect(map.isColumnOf('rooms', 'injected')).toBe(false);
  });
});
