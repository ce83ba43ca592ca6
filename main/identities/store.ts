import type { Store } from '../../db/writer';
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
  kind?: IdentityKind | undefined;
  tag?: string | undefined;
  /** An FTS5 MATCH expression (already normalised), or undefined for no text filter. */
  match?: string | undefined;
  after?: { sortKey: string; id: string } | undefined;
  limit: number;
}

/** SQL for identities: prepared once, keyset-paged, never OFFSET. */
export class IdentityStore {
  /**
   * @param sparseMatches up to this many full-text hits, a search starts from the hits and
   *   sorts them; above it, it walks the name index and keeps the rows that match.
   */
  constructor(
    private readonly store: Store,
    private readonly sparseMatches = 2000,
  ) {}

  get(id: string): IdentityRow | undefined {
    return this.store.sql('SELECT * FROM identities WHERE id = ? AND deleted_at IS NULL').get(id) as
      | IdentityRow
      | undefined;
  }

  /**
   * Fixed SQL text per filter combination, so every variant is prepared once.
   * A text search takes one of two plans: a rare word has few hits, and sorting just those
   * is fastest; a common one has hits everywhere, and walking the name index in order finds
   * the first page of them quickly. Counting up to `sparseMatches` hits decides.
   */
  list(f: ListFilter): IdentitySummary[] {
    const where = ['i.deleted_at IS NULL'];
    const args: (string | number)[] = [];
    let from = 'identities i';
    if (f.match) {
      const hits = this.store
        .sql('SELECT rowid FROM identity_fts WHERE identity_fts MATCH ? LIMIT ?')
        .pluck()
        .all(f.match, this.sparseMatches + 1) as number[];
      if (hits.length === 0) return [];
      if (hits.length <= this.sparseMatches) {
        // CROSS JOIN keeps the hits as the outer loop, so SQLite sorts only them.
        from = 'json_each(?) hit CROSS JOIN identities i ON i.rid = hit.value';
        args.push(JSON.stringify(hits));
      } else {
        // Walk the name index in order and keep the rows that match (`+` stops SQLite from
        // turning the IN into rowid probes followed by a sort of every hit).
        from = 'identities i INDEXED BY identities_by_name';
        where.push('+i.rid IN (SELECT rowid FROM identity_fts WHERE identity_fts MATCH ?)');
        args.push(f.match);
      }
    }
    if (f.kind) {
      where.push('i.kind = ?');
      args.push(f.kind);
    }
    if (f.tag) {
      where.push('EXISTS (SELECT 1 FROM json_each(i.tags) t WHERE t.value = ?)');
      args.push(f.tag);
    }
    if (f.after) {
      where.push('(i.sort_key, i.id) > (?, ?)');
      args.push(f.after.sortKey, f.after.id);
    }
    const rows = this.store.sql(listSql(where, from)).all(...args, f.limit) as SummaryRow[];
    return rows.map(toSummary);
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

  /** Replaces the identity's full-text entry (contentless table: delete by rowid, insert). */
  reindex(rid: number, body: string | null): void {
    this.store.sql('DELETE FROM identity_fts WHERE rowid = ?').run(rid);
    if (body) this.store.sql('INSERT INTO identity_fts (rowid, body) VALUES (?, ?)').run(rid, body);
  }

  /** The identity a phone, email or address row belongs to. */
  identityOfChild(table: string, id: string): string | undefined {
    const sql = CHILD_OWNER[table];
    return sql ? (this.store.sql(sql).pluck().get(id) as string | undefined) : undefined;
  }

  ridOf(id: string): number | undefined {
    return this.store.sql('SELECT rid FROM identities WHERE id = ?').pluck().get(id) as number | undefined;
  }

  nameOf(id: string): string | null {
    return (this.store.sql('SELECT display_name FROM identities WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
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
