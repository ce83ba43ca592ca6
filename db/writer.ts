import type Database from 'better-sqlite3';
import { ChangeLog } from './change-log';
import type { Db } from './connection';
import type { Hlc } from './hlc';
import type { Clock } from './ids';
import { TableMap, type TableName } from './tables';

export type Value = string | number | null;
/** Column → value; columns are checked against the store's schema (db/tables.ts). */
export type RowValues = Record<string, Value | undefined>;

/** The record a user action was about: its change log collects every change of the action. */
export interface Root {
  table: TableName;
  id: string;
}

export interface CommitInfo {
  txId: string;
  author: string | null;
  tables: TableName[];
  root: Root | null;
}

export class RowNotFoundError extends Error {
  constructor(
    readonly table: string,
    readonly id: string,
  ) {
    super(`${table} ${id} not found`);
  }
}

/**
 * The one write path. `write()` runs a user action in one transaction: the rows it changes
 * and an outbox entry per changed row (table, id, changed fields, HLC, author) commit or
 * roll back together. Listeners hear about a commit only after it is durable.
 *
 * What the outbox keeps (see 0010_sync.sql): an insert, no values (the row has them); an
 * update or delete, the changed fields new and old. db/sync/inserted-values.ts reads them
 * back. It is stored compactly in `change_log` (0011_compact_change_log.sql, db/change-log.ts).
 */
export class Store {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly listeners = new Set<(info: CommitInfo) => void>();
  /** Set while the store is read-only (damage found, file not writable): every write throws it. */
  private refusal: Error | null = null;
  private tableMap: TableMap;
  private batching: Batch | null = null;
  private log: ChangeLog;
  /** The tables' and this desk's names have their numbers (given in the first top-level write that committed). */
  private primed = false;

  constructor(
    private connection: Db,
    readonly clock: Clock,
    readonly hlc: Hlc,
  ) {
    this.tableMap = TableMap.read(connection);
    this.log = new ChangeLog(connection, (text) => this.sql(text));
  }

  /** Where every change is appended (writes here and changes received by sync). */
  get changeLog(): ChangeLog {
    return this.log;
  }

  /** The write path's tables and columns, read from the schema of the file (again after a restore). */
  get tables(): TableMap {
    return this.tableMap;
  }

  /** Changes recorded but not yet pushed to a server. */
  pendingChanges(): number {
    return this.sql('SELECT count(*) FROM change_log WHERE pushed_at IS NULL').pluck().get() as number;
  }

  get db(): Db {
    return this.connection;
  }

  /** After a restore: the new connection; statements are prepared again on it. */
  replaceDatabase(db: Db): void {
    this.connection = db;
    this.statements.clear();
    this.tableMap = TableMap.read(db);
    this.log = new ChangeLog(db, (text) => this.sql(text));
    this.primed = false;
  }

  /** null: writable again. */
  refuseWrites(reason: Error | null): void {
    this.refusal = reason;
  }

  /** A prepared statement, made once per connection and reused. */
  sql(text: string): Database.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.connection.prepare(text);
      this.statements.set(text, s);
    }
    return s;
  }

  onCommit(listener: (info: CommitInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Tells the listeners about rows changed outside write(): changes received by sync, which
   * the sync client applies (and records in the change log) itself. Call after the commit.
   */
  announce(info: CommitInfo): void {
    this.notify(info);
  }

  private notify(info: CommitInfo): void {
    for (const l of this.listeners) {
      try {
        l(info);
      } catch {
        // The write is committed; a listener's failure must not report it as failed.
      }
    }
  }

  write<T>(author: string | null, action: (w: Writer) => T): T {
    if (this.refusal) throw this.refusal;
    const writer = new Writer(this, author, this.clock.newId());
    const batch = this.batching;
    if (batch) {
      // Inside batch(): no savepoint of its own (see batch()); a failed action fails the batch.
      try {
        const result = action(writer);
        if (writer.tables.size > 0) batch.commits.push(commitInfo(writer));
        return result;
      } catch (err) {
        if (!batch.failed) batch.failure = err;
        batch.failed = true;
        throw err;
      }
    }
    const result = this.transaction(() => action(writer), () => writer.tables.size > 0);
    if (writer.tables.size > 0) this.notify(commitInfo(writer));
    return result;
  }

  /**
   * Runs `run` in a transaction. A top-level one settles the change log's names with its
   * fate; a transaction inside another leaves the names it used to that one's fate. The
   * first top-level transaction that changed something also numbers every table and this
   * desk (db/change-log.ts); one that changed nothing writes no names either.
   */
  private transaction<T>(run: () => T, changed: () => boolean): T {
    const topLevel = !this.connection.inTransaction;
    if (topLevel) this.log.begin();
    const mark = this.log.mark();
    let result: T;
    try {
      result = this.connection.transaction(() => {
        const r = run();
        if (topLevel && !this.primed && changed()) this.log.intern([...this.tableMap.tables(), this.hlc.node]);
        return r;
      })();
    } catch (err) {
      // A transaction inside another rolled back to its savepoint: the names it first used went with it.
      if (topLevel) this.log.settle(false);
      else this.log.forgetSince(mark);
      throw err;
    }
    if (topLevel) {
      this.log.settle(true);
      if (changed()) this.primed = true;
    }
    return result;
  }

  /**
   * Runs many actions (an import, a bench's fill) as one transaction, all or nothing. Why
   * not write() inside db.transaction(): there each write() opens a SAVEPOINT, and SQLite
   * then copies every page the action touches into a statement journal, and each full-text
   * index flushes its pending terms to a new segment of its own (for identities that was
   * half the CPU time of a create in a batch of 5,000). Here the actions share the
   * transaction without savepoints, so an action that fails cannot be undone alone: it fails
   * the whole batch, even when `fn` catches its error. Listeners hear of each action after
   * the batch commits. A batch inside a batch is part of it.
   */
  batch<T>(fn: () => T): T {
    if (this.batching) return fn();
    if (this.refusal) throw this.refusal;
    const batch: Batch = { commits: [], failed: false, failure: undefined };
    this.batching = batch;
    let result: T;
    try {
      result = this.transaction(
        () => {
          const r = fn();
          if (batch.failed) throw batch.failure;
          return r;
        },
        () => batch.commits.length > 0,
      );
    } finally {
      this.batching = null;
    }
    for (const info of batch.commits) this.notify(info);
    return result;
  }
}

/** The batch() in progress: actions written so far, and the first that failed. */
interface Batch {
  commits: CommitInfo[];
  failed: boolean;
  failure: unknown;
}

function commitInfo(writer: Writer): CommitInfo {
  return { txId: writer.txId, author: writer.author, tables: [...writer.tables], root: writer.rootOf() };
}

export class Writer {
  readonly tables = new Set<TableName>();
  private root: Root | null = null;

  constructor(
    private readonly store: Store,
    readonly author: string | null,
    readonly txId: string,
  ) {}

  /** Names the record this action is about; otherwise the first record written is. */
  setRoot(table: TableName, id: string): void {
    this.root = { table, id };
  }

  rootOf(): Root | null {
    return this.root;
  }

  insert(table: TableName, values: RowValues, id = this.store.clock.newId()): string {
    const cols = checkedColumns(this.store.tables, table, values);
    const get = values;
    const now = this.store.clock.now();
    const names = ['id', ...cols, 'created_at', 'created_by', 'updated_at', 'updated_by'];
    const text = `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
    const data = cols.map((c) => get[c] ?? null);
    this.store.sql(text).run(id, ...data, now, this.author, now, this.author);
    // The row holds the inserted values; the change log records only that it was created.
    this.record(table, id, 'insert', null, null, now);
    return id;
  }

  /** Updates only the fields that really change; returns their names (empty: nothing written). */
  update(table: TableName, id: string, patch: RowValues): string[] {
    const cols = checkedColumns(this.store.tables, table, patch);
    const get = patch;
    if (cols.length === 0) return [];
    const current = this.store
      .sql(`SELECT ${cols.join(', ')} FROM ${table} WHERE id = ? AND deleted_at IS NULL`)
      .get(id) as Record<string, Value> | undefined;
    if (!current) throw new RowNotFoundError(table, id);
    const changed = cols.filter((c) => (get[c] ?? null) !== current[c]);
    if (changed.length === 0) return [];
    const now = this.store.clock.now();
    const text = `UPDATE ${table} SET ${changed.map((c) => `${c} = ?`).join(', ')}, updated_at = ?, updated_by = ? WHERE id = ?`;
    this.store.sql(text).run(...changed.map((c) => get[c] ?? null), now, this.author, id);
    this.record(
      table,
      id,
      'update',
      Object.fromEntries(changed.map((c) => [c, get[c] ?? null])),
      Object.fromEntries(changed.map((c) => [c, current[c] ?? null])),
      now,
    );
    return changed;
  }

  /** Soft delete: the row stays, with who deleted it and when. */
  softDelete(table: TableName, id: string): void {
    if (!this.store.tables.has(table)) throw new Error(`unknown table ${table}`);
    const now = this.store.clock.now();
    const info = this.store
      .sql(`UPDATE ${table} SET deleted_at = ?, updated_at = ?, updated_by = ? WHERE id = ? AND deleted_at IS NULL`)
      .run(now, now, this.author, id);
    if (info.changes === 0) throw new RowNotFoundError(table, id);
    this.record(table, id, 'delete', { deleted_at: now }, { deleted_at: null }, now);
  }

  private record(
    table: TableName,
    id: string,
    op: 'insert' | 'update' | 'delete',
    fields: Record<string, Value> | null,
    previous: Record<string, Value> | null,
    at: number,
  ): void {
    this.root ??= { table, id };
    this.tables.add(table);
    this.store.changeLog.append({
      txId: this.txId,
      table,
      rowId: id,
      op,
      fields,
      previous,
      hlc: this.store.hlc.tickParts(),
      author: this.author,
      at,
      root: this.root,
    });
  }
}

function checkedColumns(tables: TableMap, table: TableName, values: object): string[] {
  const cols = Object.keys(values);
  if (!tables.has(table)) throw new Error(`unknown table ${table}`);
  for (const c of cols) {
    // A programming error, not user input: user input never names columns.
    if (!tables.isColumnOf(table, c)) throw new Error(`unknown column ${table}.${c}`);
  }
  return cols;
}
