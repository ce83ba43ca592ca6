import type Database from 'better-sqlite3';

/**
 * The tables the write path may touch and their data columns, read from the store's own
 * schema after the migrations ran: a table qualifies when it has the record columns
 * (id, created_*, updated_*, deleted_at). SQL is built only from these names, never from
 * names that come from outside (a sync message's table or column is looked up here first).
 * A capability's new table therefore needs only its migration.
 */
export type TableName = string;

const META = ['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at'];

export class TableMap {
  private constructor(private readonly columns: ReadonlyMap<string, ReadonlySet<string>>) {}

  static read(db: Database.Database): TableMap {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    const map = new Map<string, Set<string>>();
    for (const t of tables) {
      const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t) as string[]);
      if (!META.every((m) => cols.includes(m))) continue;
      map.set(t, new Set(cols.filter((c) => !META.includes(c))));
    }
    return new TableMap(map);
  }

  has(table: string): boolean {
    return this.columns.has(table);
  }

  isColumnOf(table: string, column: string): boolean {
    return this.columns.get(table)?.has(column) ?? false;
  }

  /** Data columns of a table (empty for an unknown table). */
  columnsOf(table: string): string[] {
    return [...(this.columns.get(table) ?? [])];
  }

  tables(): string[] {
    return [...this.columns.keys()];
  }
}
