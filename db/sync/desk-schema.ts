import Database from 'better-sqlite3';
import { applyMigrations, type Migration } from '../migrate';
import { MIGRATIONS } from '../migrations';
import { META_COLUMNS, SYNC_POLICY, type TablePolicy } from './policy';
import type { Value } from './protocol';

export interface ColumnInfo {
  name: string;
  /** Declared type, upper case: INTEGER, TEXT, REAL, … */
  type: string;
  notNull: boolean;
  hasDefault: boolean;
}

export interface SyncedTable {
  name: string;
  policy: TablePolicy;
  /** Every column, meta columns included. */
  columns: ReadonlyMap<string, ColumnInfo>;
  /** Columns a change may carry (everything but the meta columns). */
  dataColumns: readonly string[];
}

const META = new Set<string>(META_COLUMNS);

/**
 * The desk's synced tables and their columns, read from the desk's own migrations applied to
 * an in-memory database: the fixed map every table or column name that comes from outside is
 * looked up in before it gets near SQL. A table or column not in it does not exist for sync.
 *
 * The same in-memory database checks a row the way a desk's store will: a row it refuses
 * (a NOT NULL column missing, a CHECK failing) would fail on every desk, so it is refused
 * at the door instead.
 */
export class DeskSchema {
  readonly tables: ReadonlyMap<string, SyncedTable>;
  private readonly shadow: Database.Database;
  private readonly inserts = new Map<string, Database.Statement>();
  /** Prepared once: a server checks every row of every push here, and exec() parses its SQL each time. */
  private readonly savepoint: { begin: Database.Statement; undo: Database.Statement; release: Database.Statement };

  constructor(migrations: readonly Migration[] = MIGRATIONS) {
    this.shadow = new Database(':memory:');
    this.shadow.pragma('foreign_keys = OFF');
    applyMigrations(this.shadow, migrations);
    const tables = new Map<string, SyncedTable>();
    for (const [name, policy] of Object.entries(SYNC_POLICY)) {
      const all = this.shadow.prepare('SELECT name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?)').all(name) as {
        name: string;
        type: string;
        nn: number;
        dflt: string | null;
        pk: number;
      }[];
      // A key column other than `id` (identities.rid, a search index's rowid) belongs to each store alone.
      const info = all.filter((c) => c.pk === 0 || c.name === 'id');
      if (info.length === 0) continue; // a policy line for a table this schema does not have yet
      const columns = new Map<string, ColumnInfo>(
        info.map((c) => [c.name, { name: c.name, type: c.type.toUpperCase(), notNull: c.nn === 1, hasDefault: c.dflt !== null }]),
      );
      for (const m of META_COLUMNS) {
        if (!columns.has(m)) throw new Error(`synced table ${name} lacks the meta column ${m}`);
      }
      tables.set(name, { name, policy, columns, dataColumns: info.map((c) => c.name).filter((c) => !META.has(c)) });
    }
    this.tables = tables;
    this.savepoint = {
      begin: this.shadow.prepare('SAVEPOINT row_check'),
      undo: this.shadow.prepare('ROLLBACK TO row_check'),
      release: this.shadow.prepare('RELEASE row_check'),
    };
  }

  table(name: string): SyncedTable | undefined {
    return this.tables.get(name);
  }

  /**
   * Why a full row (data columns, as they would be stored) cannot be stored on a desk, or
   * null when it can. Types are checked here (SQLite would store a number in a TEXT column);
   * NOT NULL and CHECK constraints by inserting it into the empty in-memory table and rolling
   * back.
   */
  rowProblem(table: SyncedTable, row: Record<string, Value>): string | null {
    for (const [name, value] of Object.entries(row)) {
      const col = table.columns.get(name);
      if (!col || META.has(name)) return `unknown column ${name}`;
      const typeProblem = valueProblem(col, value);
      if (typeProblem) return `${name}: ${typeProblem}`;
    }
    let insert = this.inserts.get(table.name);
    if (!insert) {
      const cols = ['id', ...table.dataColumns, 'created_at', 'updated_at'];
      // Names come from the map built above, never from the row.
      insert = this.shadow.prepare(
        `INSERT INTO "${table.name}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`,
      );
      this.inserts.set(table.name, insert);
    }
    const params: Record<string, Value> = { id: 'check', created_at: 0, updated_at: 0 };
    for (const c of table.dataColumns) {
      const col = table.columns.get(c)!;
      // A column the row leaves out takes its default, as an insert on the desk would.
      params[c] = c in row ? row[c]! : col.hasDefault ? defaultValue(this.shadow, table.name, c) : null;
    }
    this.savepoint.begin.run();
    try {
      insert.run(params);
      return null;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      this.savepoint.undo.run();
      this.savepoint.release.run();
    }
  }

  close(): void {
    this.shadow.close();
  }
}

const defaults = new Map<string, Value>();
function defaultValue(db: Database.Database, table: string, column: string): Value {
  const key = `${table}.${column}`;
  if (!defaults.has(key)) {
    const expr = db.prepare('SELECT dflt_value FROM pragma_table_info(?) WHERE name = ?').pluck().get(table, column) as string;
    // The default is SQL text from the desk's own migrations (e.g. '[]', 1, 0).
    defaults.set(key, db.prepare(`SELECT ${expr}`).pluck().get() as Value);
  }
  return defaults.get(key)!;
}

const MAX_TEXT = 100_000;

function valueProblem(col: ColumnInfo, value: unknown): string | null {
  if (value === null) return null;
  if (col.type.includes('INT')) {
    return typeof value === 'number' && Number.isSafeInteger(value) ? null : 'expected a whole number';
  }
  if (col.type.includes('REAL') || col.type.includes('NUM')) {
    return typeof value === 'number' && Number.isFinite(value) ? null : 'expected a number';
  }
  if (typeof value !== 'string') return 'expected text';
  return value.length > MAX_TEXT ? 'text too long' : null;
}
