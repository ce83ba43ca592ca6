import type { Store } from '../../db/writer';
import type { LabelledRow } from './name-order';
import type { SearchDocument, SearchSource } from './search-document';
import type { SearchMatch } from './search-query';
import type {
  Address,
  Email,
  IdentityKind,
  IdentitySummary,
  Phone,
  PhoneKind,
} from './schema';

/** Rows as SQLite returns them. */
export interface IdentityRow {
  rid: number;
  id: string;
  kind: IdentityKind;
  honorific: string | null;
  first_name: string | null;
  last_name: string | null;
  organisation_name: string | null;
  organisation_id: string | null;
  job_title: string | null;
  display_name: string;
  sort_key: string;
  tags: string;
  notes: string | null;
  created_at: number;
  created_by: string | null;
  updated_at: number;
  updated_by: string | null;
  deleted_at: number | null;
}

interface SummaryRow {
  id: string;
  kind: IdentityKind;
  display_name: string;
  sort_key: string;
  org_name: string | null;
  job_title: string | null;
  tags: string;
  phone: string | null;
  email: string | null;
}

// Summary columns shared by every list query: the first phone and email by position.
export const SUMMARY = `
  i.id, i.kind, i.display_name, i.sort_key, i.job_title, i.tags,
  CASE WHEN i.kind = 'organisation' OR o.deleted_at IS NOT NULL THEN NULL ELSE o.display_name END AS org_name,
  (SELECT p.display FROM identity_phones p WHERE p.identity_id = i.id AND p.deleted_at IS NULL ORDER BY p.position LIMIT 1) AS phone,
  (SELECT e.address FROM identity_emails e WHERE e.identity_id = i.id AND e.deleted_at IS NULL ORDER BY e.position LIMIT 1) AS email`;

export const LOOKUP_PHONE_SQL = `SELECT ${SUMMARY}, m.kind AS phone_kind FROM identity_phones m
  JOIN identities i ON i.id = m.identity_id LEFT JOIN identities o ON o.id = i.organisation_id
  WHERE m.e164 = ? AND m.deleted_at IS NULL AND i.deleted_at IS NULL ORDER BY m.position LIMIT 20`;

export interface ListFilter {
  /** The search as MATCH expressions (search-query.ts); null lists every identity. */
  match: SearchMatch | null;
  /** Checked exactly on each hit: the index holds only a hash of the tag. */
  tag?: string | undefined;
  after?: { sortKey: string; id: string } | undefined;
  limit: number;
}

/** An identity as the search documents are built from it (search-document.ts). */
export interface SearchSourceRow extends SearchSource {
  rid: number;
  id: string;
  sortKey: string;
}

interface SourceRow {
  rid: number;
  id: string;
  sort_key: string;
  kind: IdentityKind;
  display_name: string;
  honorific: string | null;
  job_title: string | null;
  tags: string;
  phones: string;
  emails: string;
}

// Everything a search document is made of, for one identity or a run of them in name order.
const SOURCE = `SELECT i.rid, i.id, i.sort_key, i.kind, i.display_name, i.honorific, i.job_title, i.tags,
  (SELECT json_group_array(json_array(p.number, p.e164) ORDER BY p.position) FROM identity_phones p
    WHERE p.identity_id = i.id AND p.deleted_at IS NULL) AS phones,
  (SELECT json_group_array(e.address ORDER BY e.position) FROM identity_emails e
    WHERE e.identity_id = i.id AND e.deleted_at IS NULL) AS emails`;

/** SQL for identities: prepared once, keyset-paged, never OFFSET. */
export class IdentityStore {
  constructor(private readonly store: Store) {}

  get(id: string): IdentityRow | undefined {
    return this.store.sql('SELECT * FROM identities WHERE id = ? AND deleted_at IS NULL').get(id) as
      | IdentityRow
      | undefined;
  }

  /**
   * A page in name order. Without a search it walks the name index. With one, the
   * full-text indexes' rowids are name-order labels (name-order.ts), so FTS5 returns hits
   * in name order and the page stops after `limit` of them: the cost follows the page, not
   * the number of matches. A keyset cursor becomes the label of the first row after it.
   */
  list(f: ListFilter): IdentitySummary[] {
    if (!f.match) {
      const where = ['i.deleted_at IS NULL'];
      const args: (string | number)[] = [];
      if (f.after) {
        where.push('(i.sort_key, i.id) > (?, ?)');
        args.push(f.after.sortKey, f.after.id);
      }
      return (this.store.sql(listSql(where)).all(...args, f.limit) as SummaryRow[]).map(toSummary);
    }
    let from = 0;
    if (f.after) {
      const next = this.store
        .sql(
          `SELECT n.label FROM identities i INDEXED BY identities_by_name CROSS JOIN identity_name_order n ON n.rid = i.rid
           WHERE i.deleted_at IS NULL AND (i.sort_key, i.id) > (?, ?) ORDER BY i.sort_key, i.id LIMIT 1`,
        )
        .pluck()
        .get(f.after.sortKey, f.after.id) as number | undefined;
      if (next === undefined) return [];
      from = next;
    }
    const hits = (table: 'identity_fts' | 'identity_digits') => hitsSql(table, f.tag !== undefined);
    const one = (match: string) => (f.tag !== undefined ? [match, from, f.tag, f.limit] : [match, from, f.limit]);
    const rows = f.match.digits
      ? this.store
          .sql(pageSql(`SELECT label FROM (${hits('identity_fts')}) UNION SELECT label FROM (${hits('identity_digits')}) ORDER BY label LIMIT ?`))
          .all(...one(f.match.words), ...one(f.match.digits), f.limit)
      : this.store.sql(pageSql(hits('identity_fts'))).all(...one(f.match.words));
    return (rows as SummaryRow[]).map(toSummary);
  }

  /** Caller-ID: one probe of the e164 index, the summaries in the same query. */
  byPhone(e164: string): (IdentitySummary & { phoneKind: PhoneKind })[] {
    const rows = this.store.sql(LOOKUP_PHONE_SQL).all(e164) as (SummaryRow & { phone_kind: PhoneKind })[];
    return rows.map((r) => ({ ...toSummary(r), phoneKind: r.phone_kind }));
  }

  phones(identityId: string): Phone[] {
    return this.store
      .sql(
        'SELECT id, kind, number, e164, display FROM identity_phones WHERE identity_id = ? AND deleted_at IS NULL ORDER BY position',
      )
      .all(identityId) as Phone[];
  }

  emails(identityId: string): Email[] {
    return this.store
      .sql('SELECT id, kind, address FROM identity_emails WHERE identity_id = ? AND deleted_at IS NULL ORDER BY position')
      .all(identityId) as Email[];
  }

  addresses(identityId: string): Address[] {
    return this.store
      .sql(
        `SELECT id, kind, line, city, postal_code AS postalCode FROM identity_addresses
         WHERE identity_id = ? AND deleted_at IS NULL ORDER BY position`,
      )
      .all(identityId) as Address[];
  }

  members(organisationId: string, limit = 200): IdentitySummary[] {
    const rows = this.store
      .sql(
        `SELECT ${SUMMARY} FROM identities i LEFT JOIN identities o ON o.id = i.organisation_id
         WHERE i.organisation_id = ? AND i.deleted_at IS NULL ORDER BY i.sort_key, i.id LIMIT ?`,
      )
      .all(organisationId, limit) as SummaryRow[];
    return rows.map(toSummary);
  }

  childIds(table: 'identity_phones' | 'identity_emails' | 'identity_addresses', identityId: string): string[] {
    return this.store
      .sql(`SELECT id FROM ${table} WHERE identity_id = ? AND deleted_at IS NULL`)
      .pluck()
      .all(identityId) as string[];
  }

  /** The identity a phone, email or address row belongs to. */
  identityOfChild(table: string, id: string): string | undefined {
    const sql = CHILD_OWNER[table];
    return sql ? (this.store.sql(sql).pluck().get(id) as string | undefined) : undefined;
  }

  /** A row just inserted: its rowid (the search index's key) and the time it was written. */
  inserted(id: string): { rid: number; createdAt: number } {
    return this.store.sql('SELECT rid, created_at AS createdAt FROM identities WHERE id = ?').get(id) as { rid: number; createdAt: number };
  }

  ridOf(id: string): number | undefined {
    return this.store.sql('SELECT rid FROM identities WHERE id = ?').pluck().get(id) as number | undefined;
  }

  nameOf(id: string): string | null {
    return (this.store.sql('SELECT display_name FROM identities WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  // ---- The search index (search-index.ts decides; these statements only read and write) ----

  searchSource(rid: number): SearchSourceRow | undefined {
    const row = this.store.sql(`${SOURCE} FROM identities i WHERE i.rid = ? AND i.deleted_at IS NULL`).get(rid) as
      | SourceRow
      | undefined;
    return row && toSource(row);
  }

  /** Listed identities in name order after the given one (all from the start when null). */
  searchSources(after: { sortKey: string; id: string } | null, limit: number): SearchSourceRow[] {
    const rows = after
      ? this.store
          .sql(
            `${SOURCE} FROM identities i INDEXED BY identities_by_name
             WHERE i.deleted_at IS NULL AND (i.sort_key, i.id) > (?, ?) ORDER BY i.sort_key, i.id LIMIT ?`,
          )
          .all(after.sortKey, after.id, limit)
      : this.store
          .sql(`${SOURCE} FROM identities i INDEXED BY identities_by_name WHERE i.deleted_at IS NULL ORDER BY i.sort_key, i.id LIMIT ?`)
          .all(limit);
    return (rows as SourceRow[]).map(toSource);
  }

  labelOf(rid: number): number | undefined {
    return this.store.sql('SELECT label FROM identity_name_order WHERE rid = ?').pluck().get(rid) as number | undefined;
  }

  /** Labels of the nearest labelled identities before and after a place in name order. */
  labelsAround(sortKey: string, id: string): { before: number | null; after: number | null } {
    return this.store
      .sql(
        `SELECT
           (SELECT n.label FROM identities i INDEXED BY identities_by_name CROSS JOIN identity_name_order n ON n.rid = i.rid
            WHERE i.deleted_at IS NULL AND (i.sort_key, i.id) < (@key, @id) ORDER BY i.sort_key DESC, i.id DESC LIMIT 1) AS before,
           (SELECT n.label FROM identities i INDEXED BY identities_by_name CROSS JOIN identity_name_order n ON n.rid = i.rid
            WHERE i.deleted_at IS NULL AND (i.sort_key, i.id) > (@key, @id) ORDER BY i.sort_key, i.id LIMIT 1) AS after`,
      )
      .get({ key: sortKey, id }) as { before: number | null; after: number | null };
  }

  labelsBetween(lo: number, hi: number): LabelledRow[] {
    return this.store
      .sql('SELECT rid, label FROM identity_name_order WHERE label >= ? AND label < ? ORDER BY label')
      .all(lo, hi) as LabelledRow[];
  }

  countLabels(lo: number, hi: number): number {
    return this.store.sql('SELECT count(*) FROM identity_name_order WHERE label >= ? AND label < ?').pluck().get(lo, hi) as number;
  }

  /** Files an identity's documents under its label. */
  putIndexed(label: number, rid: number, doc: SearchDocument): void {
    this.store.sql('INSERT INTO identity_name_order (label, rid) VALUES (?, ?)').run(label, rid);
    this.store.sql('INSERT INTO identity_fts (rowid, body) VALUES (?, ?)').run(label, doc.words);
    if (doc.digits) this.store.sql('INSERT INTO identity_digits (rowid, digits) VALUES (?, ?)').run(label, doc.digits);
  }

  /** Removes whatever is filed under a label (contentless tables delete by rowid alone). */
  dropIndexed(label: number): void {
    this.store.sql('DELETE FROM identity_name_order WHERE label = ?').run(label);
    this.store.sql('DELETE FROM identity_fts WHERE rowid = ?').run(label);
    this.store.sql('DELETE FROM identity_digits WHERE rowid = ?').run(label);
  }

  dropAllIndexed(): void {
    this.store.sql('DELETE FROM identity_name_order').run();
    this.store.sql("INSERT INTO identity_fts (identity_fts) VALUES ('delete-all')").run();
    this.store.sql("INSERT INTO identity_digits (identity_digits) VALUES ('delete-all')").run();
  }

  rebuildPending(name: string): boolean {
    return this.store.sql('SELECT 1 FROM pending_rebuilds WHERE name = ?').pluck().get(name) !== undefined;
  }

  setRebuildPending(name: string, pending: boolean): void {
    if (pending) this.store.sql('INSERT OR IGNORE INTO pending_rebuilds (name) VALUES (?)').run(name);
    else this.store.sql('DELETE FROM pending_rebuilds WHERE name = ?').run(name);
  }

  count(kind?: IdentityKind): number {
    return kind
      ? (this.store.sql('SELECT count(*) FROM identities WHERE deleted_at IS NULL AND kind = ?').pluck().get(kind) as number)
      : (this.store.sql('SELECT count(*) FROM identities WHERE deleted_at IS NULL').pluck().get() as number);
  }

  recentlyChanged(limit: number): { id: string; displayName: string; kind: IdentityKind; updatedAt: number }[] {
    return this.store
      .sql(
        `SELECT id, display_name AS displayName, kind, updated_at AS updatedAt FROM identities
         WHERE deleted_at IS NULL ORDER BY updated_at DESC LIMIT ?`,
      )
      .all(limit) as { id: string; displayName: string; kind: IdentityKind; updatedAt: number }[];
  }
}

/**
 * A page of summaries. The inner query chooses the page's rows by the cheap columns only;
 * the summary's sub-selects (first phone, first email) then run for those rows alone, not
 * for every match before sorting.
 */
export function listSql(where: string[], from = 'identities i'): string {
  return `SELECT ${SUMMARY} FROM
    (SELECT i.rid FROM ${from} WHERE ${where.join(' AND ')} ORDER BY i.sort_key, i.id LIMIT ?) page
    CROSS JOIN identities i ON i.rid = page.rid LEFT JOIN identities o ON o.id = i.organisation_id
    ORDER BY i.sort_key, i.id`;
}

/** Labels of matching identities from `from` on, in name order, at most `limit` (bound last). */
function hitsSql(table: 'identity_fts' | 'identity_digits', tag: boolean): string {
  if (!tag) return `SELECT rowid AS label FROM ${table} WHERE ${table} MATCH ? AND rowid >= ? ORDER BY rowid LIMIT ?`;
  // The tag facet is a hash: the row's own tags confirm it before it counts for the page.
  return `SELECT f.rowid AS label FROM ${table} f CROSS JOIN identity_name_order n ON n.label = f.rowid
    CROSS JOIN identities i ON i.rid = n.rid
    WHERE ${table} MATCH ? AND f.rowid >= ? AND EXISTS (SELECT 1 FROM json_each(i.tags) t WHERE t.value = ?)
    ORDER BY f.rowid LIMIT ?`;
}

/** Summaries for the labels a hits query chose, in name order. */
function pageSql(hits: string): string {
  return `SELECT ${SUMMARY} FROM (${hits}) page
    CROSS JOIN identity_name_order n ON n.label = page.label CROSS JOIN identities i ON i.rid = n.rid
    LEFT JOIN identities o ON o.id = i.organisation_id
    ORDER BY page.label`;
}

function toSource(r: SourceRow): SearchSourceRow {
  return {
    rid: r.rid,
    id: r.id,
    sortKey: r.sort_key,
    kind: r.kind,
    displayName: r.display_name,
    honorific: r.honorific,
    jobTitle: r.job_title,
    tags: JSON.parse(r.tags) as string[],
    emails: JSON.parse(r.emails) as string[],
    phones: (JSON.parse(r.phones) as [string, string | null][]).map(([number, e164]) => ({ number, e164 })),
  };
}

function toSummary(r: SummaryRow): IdentitySummary {
  return {
    id: r.id,
    kind: r.kind,
    displayName: r.display_name,
    organisationName: r.org_name,
    jobTitle: r.job_title,
    phone: r.phone,
    email: r.email,
    tags: JSON.parse(r.tags) as string[],
    sortKey: r.sort_key,
  };
}

const CHILD_OWNER: Record<string, string> = {
  identity_phones: 'SELECT identity_id FROM identity_phones WHERE id = ?',
  identity_emails: 'SELECT identity_id FROM identity_emails WHERE id = ?',
  identity_addresses: 'SELECT identity_id FROM identity_addresses WHERE id = ?',
};
