import type Database from 'better-sqlite3';
import type { Value } from './writer';

/**
 * The change log's compact form (migration 0011): what it stores for a change and how ids,
 * names and HLCs are packed. Every row is appended here, by the write path (db/writer.ts)
 * and by the sync client for received changes; the view `outbox` reads rows back as text.
 */

export type Op = 'insert' | 'update' | 'delete';
export const OP_CODE: Readonly<Record<Op, number>> = { insert: 0, update: 1, delete: 2 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A canonical lower-case UUID as its 16 bytes; any other id as the text it is, so every id
 * comes back exactly as it went in (`unpackId`). Keys are compared packed, so a lookup packs
 * its key the same way (the migration packs with the same rule in SQL).
 */
export function packId(id: string): string | Buffer {
  return UUID.test(id) ? Buffer.from(id.replaceAll('-', ''), 'hex') : id;
}

export function unpackId(v: string | Buffer): string {
  if (typeof v === 'string') return v;
  const h = v.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** SQL: a packed id column as its text (the inverse of packId). */
function unpackedSql(x: string): string {
  const h = `hex(${x})`;
  const parts = [[1, 8], [9, 4], [13, 4], [17, 4], [21, 12]].map(([from, n]) => `substr(${h}, ${from}, ${n})`).join(" || '-' || ");
  return `CASE WHEN typeof(${x}) = 'blob' THEN lower(${parts}) ELSE ${x} END`;
}

/** SQL: an HLC counter as its 6 base-36 digits (as formatHlc writes it). */
function base36Sql(x: string): string {
  const digits = "'0123456789abcdefghijklmnopqrstuvwxyz'";
  return [5, 4, 3, 2, 1, 0].map((k) => `substr(${digits}, ${x} / ${36 ** k} % 36 + 1, 1)`).join(' || ');
}

const nameSql = (code: string) => `(SELECT name FROM main.change_names WHERE code = ${code})`;

/**
 * The change log as text, one row per change with the columns the outbox had before 0011.
 * A TEMP view, made on every connection as it opens (db/connection.ts: before the start
 * check's query_only, and before migrations, since SQLite resolves a view's tables when it
 * is read), never stored in the file: a view in the schema makes quick_check skip its
 * unused-page test.
 */
export const OUTBOX_VIEW = `CREATE TEMP VIEW IF NOT EXISTS outbox AS
SELECT c.seq,
  ${unpackedSql('c.tx')} AS tx_id,
  ${nameSql('c.tbl')} AS table_name,
  ${unpackedSql('c.row_id')} AS row_id,
  CASE c.op WHEN 0 THEN 'insert' WHEN 1 THEN 'update' ELSE 'delete' END AS op,
  c.fields,
  c.previous,
  printf('%015d', c.wall) || ':' || ${base36Sql('c.counter')} || ':' || ${nameSql('c.node')} AS hlc,
  ${nameSql('c.author')} AS author,
  coalesce(c.at, c.wall) AS at,
  coalesce(${nameSql('c.root_tbl')}, ${nameSql('c.tbl')}) AS root_table,
  ${unpackedSql('coalesce(c.root_id, c.row_id)')} AS root_id,
  c.pushed_at,
  c.server_seq,
  c.received,
  c.push_result
FROM main.change_log c`;

/**
 * Makes the view on a connection whose store has the compact log (0011), once. Before 0011
 * the name `outbox` is the stored table the earlier migrations create and index, so the view
 * waits until they ran: connections open with it (db/connection.ts), and the write path
 * makes it after migrating (Store, below).
 */
export function ensureOutboxView(db: Database.Database): void {
  const has = db.prepare("SELECT (SELECT count(*) FROM main.sqlite_schema WHERE name = 'change_log'), (SELECT count(*) FROM temp.sqlite_schema WHERE name = 'outbox')");
  const [log, view] = has.raw().get() as [number, number];
  if (log > 0 && view === 0) db.exec(OUTBOX_VIEW);
}

/** One change as the log records it. */
export interface ChangeRecord {
  txId: string;
  table: string;
  rowId: string;
  op: Op;
  fields: Record<string, Value> | null;
  previous: Record<string, Value> | null;
  hlc: { wall: number; counter: number; node: string };
  author: string | null;
  at: number;
  root: { table: string; id: string };
  /** Received changes: when they arrived, their server number, and the mark. */
  pushedAt?: number;
  serverSeq?: number;
  received?: boolean;
}

/**
 * Appends changes and turns names (tables, HLC nodes, authors) into their small numbers.
 *
 * A number is remembered only once its name is surely committed: one found or inserted
 * outside any transaction, or one used by a top-level write that committed (`settle`). A name first inserted inside a transaction that is later
 * rolled back would otherwise leave a remembered number that names nothing.
 */
export class ChangeLog {
  private readonly known = new Map<string, number>();
  /** Names looked up during the current top-level write; remembered if it commits. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: (text: string) => Database.Statement,
  ) {
    ensureOutboxView(db);
  }

  /** The number of a name, made if the name is new. */
  code(name: string): number {
    const known = this.known.get(name);
    if (known !== undefined) return known;
    let code = this.sql('SELECT code FROM change_names WHERE name = ?').pluck().get(name) as number | undefined;
    code ??= Number(this.sql('INSERT INTO change_names (name) VALUES (?)').run(name).lastInsertRowid);
    if (this.db.inTransaction) this.seen.set(name, code);
    else this.known.set(name, code);
    return code;
  }

  /** The number of a name already used, or undefined (then no change names it). */
  codeIfUsed(name: string): number | undefined {
    return this.known.get(name) ?? (this.sql('SELECT code FROM change_names WHERE name = ?').pluck().get(name) as number | undefined);
  }

  /**
   * Gives names their numbers ahead of use, inside the caller's top-level write, so they are
   * remembered when it commits: writes nested in a caller's transaction later (an import, a
   * pull) then find them without a query. Nothing is written outside a write that commits.
   */
  intern(names: readonly string[]): void {
    for (const n of names) this.code(n);
  }

  /** Start of a top-level write: names seen before it are of unknown fate. */
  begin(): void {
    this.seen.clear();
  }

  /** Where a write inside another starts: the names first seen from here on share its fate. */
  mark(): number {
    return this.seen.size;
  }

  /**
   * A write inside another failed and its savepoint rolled back, names it inserted with it,
   * while the outer write may still commit: the names first seen since `mark` are forgotten.
   */
  forgetSince(mark: number): void {
    let i = 0;
    for (const name of this.seen.keys()) if (i++ >= mark) this.seen.delete(name);
  }

  /** End of a top-level write: what it used is committed (or, if it failed, forgotten). */
  settle(committed: boolean): void {
    if (committed) for (const [name, code] of this.seen) this.known.set(name, code);
    this.seen.clear();
  }

  append(c: ChangeRecord): void {
    const ownRoot = c.root.table === c.table && c.root.id === c.rowId;
    this.sql(
      `INSERT INTO change_log (tx, tbl, row_id, op, fields, previous, wall, counter, node, author, at, root_tbl, root_id, pushed_at, server_seq, received)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      packId(c.txId),
      this.code(c.table),
      packId(c.rowId),
      OP_CODE[c.op],
      c.fields && JSON.stringify(c.fields),
      c.previous && JSON.stringify(c.previous),
      c.hlc.wall,
      c.hlc.counter,
      this.code(c.hlc.node),
      c.author === null ? null : this.code(c.author),
      c.at === c.hlc.wall ? null : c.at,
      ownRoot ? null : this.code(c.root.table),
      ownRoot ? null : packId(c.root.id),
      c.pushedAt ?? null,
      c.serverSeq ?? null,
      c.received ? 1 : null,
    );
  }
}
