import { invalid, notFound, type KeyedIssue } from '../api/errors';
import type { Store, Writer } from '../../db/writer';
import { displayName, sortKey } from './names';
import { isAcceptedPhone, normalisePhone, phoneE164, type NormalisedPhone } from './phone';
import type { UserRef } from '../organisation/schema';
import type { LabelParams } from './name-order';
import { IdentitySearchIndex } from './search-index';
import { searchMatch } from './search-query';
import type {
  Identity,
  IdentityCreateInput,
  IdentityKind,
  IdentityPage,
  IdentityUpdateInput,
  PhoneLookup,
  PhoneOwners,
} from './schema';
import { IdentityStore, type IdentityRow } from './store';

type Fields = IdentityCreateInput;

/**
 * The rules for persons and organisations: one transaction per action (rows, children,
 * search index, outbox), numbers normalised to E.164, soft delete only.
 */
/** Names users for "created by …" (the organisation service gives this). */
export interface UserRefs {
  userRef(userId: string | null): UserRef | null;
}

export class IdentityService {
  private readonly rows: IdentityStore;
  private readonly search: IdentitySearchIndex;

  constructor(
    private readonly store: Store,
    private readonly users: UserRefs,
    private readonly areaCode: () => string,
    /** Tests pass a small label space to make the index respread labels often. */
    options: { labels?: LabelParams } = {},
  ) {
    this.rows = new IdentityStore(store);
    this.search = new IdentitySearchIndex(this.rows, options.labels);
    // After migration 0005, or an import cut short: the index is rebuilt from the rows.
    this.search.rebuildIfPending(this.transaction);
  }

  /** Rebuilds the search index from the rows (what a migration or an import leaves pending). */
  rebuildSearch(): void {
    this.transaction(() => this.search.rebuild());
  }

  /** How many live identities (of one kind). */
  count(kind?: IdentityKind): number {
    return this.rows.count(kind);
  }

  recentlyChanged(limit: number): { id: string; displayName: string; kind: IdentityKind; updatedAt: number }[] {
    return this.rows.recentlyChanged(limit);
  }

  /** True for a live identity; other capabilities check references through this. */
  exists(id: string): boolean {
    return this.rows.get(id) !== undefined;
  }

  /** An identity's name as history and references show it (kept after deletion). */
  nameOf(id: string): string | null {
    return this.rows.nameOf(id);
  }

  /**
   * The new identity is answered from what was written, not read back from the rows (a
   * test checks that get() reads the same): five reads fewer per create.
   */
  create(input: Fields, author: string | null): Identity {
    const written = this.insert(input, author);
    const user = this.users.userRef(author);
    const { values } = written;
    return {
      id: written.id,
      kind: input.kind,
      honorific: values.honorific,
      firstName: values.first_name,
      lastName: values.last_name,
      organisationName: values.organisation_name,
      organisation: written.organisation,
      jobTitle: values.job_title,
      displayName: values.display_name,
      tags: written.tags,
      notes: values.notes,
      phones: written.phones,
      emails: written.emails,
      addresses: written.addresses,
      // Nobody can belong to an organisation that did not exist until now.
      members: [],
      createdAt: written.createdAt,
      createdBy: user,
      updatedAt: written.createdAt,
      updatedBy: user,
    };
  }

  /**
   * Many new identities at once (an import; the bench's million): each is written exactly
   * as create() writes it, one action with its outbox entries, and the search index is
   * built once at the end instead of row by row. Returns the new ids.
   */
  importMany(inputs: Iterable<Fields>, author: string | null, batchSize = 5_000): string[] {
    const ids: string[] = [];
    this.search.bulk(() => {
      let batch: Fields[] = [];
      const flush = () => {
        // One store batch: no savepoint per identity (db/writer.ts says why).
        this.store.batch(() => batch.forEach((input) => ids.push(this.insert(input, author).id)));
        batch = [];
      };
      for (const input of inputs) {
        batch.push(input);
        if (batch.length >= batchSize) flush();
      }
      flush();
    }, this.transaction);
    return ids;
  }

  update(input: IdentityUpdateInput, author: string | null): Identity {
    const phones = this.checkPhones(input);
    this.store.write(author, (w) => {
      const current = this.rows.get(input.id);
      if (!current) throw notFound('identity.notFound');
      if (current.kind === 'organisation' && input.kind === 'person' && this.rows.members(input.id, 1).length > 0) {
        // Its members would point at a person as their organisation.
        throw invalid('organisation.hasMembers', [{ path: ['kind'], key: 'organisation.hasMembers.field' }]);
      }
      this.checkOrganisation(input, input.id);
      w.setRoot('identities', input.id);
      w.update('identities', input.id, this.identityValues(input));
      this.writeChildren(w, input.id, input, phones);
      this.search.index(current.rid);
    });
    return this.get(input.id);
  }

  delete(id: string, author: string | null): { id: string } {
    this.store.write(author, (w) => {
      const row = this.rows.get(id);
      if (!row) throw notFound('identity.notFound');
      w.setRoot('identities', id);
      w.softDelete('identities', id);
      // The rows stay (history is kept); only the search entry goes, so lists forget it.
      this.search.index(row.rid);
    });
    return { id };
  }

  get(id: string): Identity {
    const row = this.rows.get(id);
    if (!row) throw notFound('identity.notFound');
    return this.toIdentity(row);
  }

  list(q: {
    query?: string | undefined;
    kind?: 'person' | 'organisation' | undefined;
    tag?: string | undefined;
    after?: { sortKey: string; id: string } | undefined;
    limit: number;
  }): IdentityPage {
    const match = searchMatch(q.query, { kind: q.kind, tag: q.tag });
    if (match === 'nothing') return { items: [], next: null };
    const items = this.rows.list({ match, tag: q.tag, after: q.after, limit: q.limit + 1 });
    const more = items.length > q.limit;
    if (more) items.pop();
    const last = items[items.length - 1];
    return { items, next: more && last ? { sortKey: last.sortKey, id: last.id } : null };
  }

  lookupPhone(number: string): PhoneLookup {
    const e164 = phoneE164(number, { defaultAreaCode: this.areaCode() });
    if (!e164) return { e164: null, matches: [] };
    return { e164, matches: this.rows.byPhone(e164) };
  }

  /** The writes of create(): the identity, its children and its search entry, one action. */
  private insert(input: Fields, author: string | null): Written {
    const phones = this.checkPhones(input);
    return this.store.write(author, (w) => {
      const organisation = this.checkOrganisation(input, null);
      const values = this.identityValues(input);
      const id = w.insert('identities', values);
      const children = this.insertChildren(w, id, input, phones);
      const { rid, createdAt } = this.rows.inserted(id);
      const tags = JSON.parse(values.tags) as string[];
      // Read from what was just written rather than back from the rows: the same document
      // (the import test compares both ways), a third of the index's cost saved.
      this.search.indexNew(rid, id, () => ({
        kind: input.kind,
        sortKey: values.sort_key,
        displayName: values.display_name,
        honorific: values.honorific,
        jobTitle: values.job_title,
        tags,
        emails: children.emails.map((e) => e.address),
        phones: children.phones.map((p) => ({ number: p.number, e164: p.e164 })),
      }));
      // Only a person belongs to an organisation (identityValues drops it for an organisation).
      const member = input.kind === 'person' && organisation ? { id: organisation.id, displayName: organisation.display_name } : null;
      return { id, rid, createdAt, values, tags, organisation: member, ...children };
    });
  }

  private readonly transaction = <R>(fn: () => R): R => this.store.db.transaction(fn)();

  /**
   * Before a form saves: which of its numbers other identities already have (read the way
   * the caller-ID lookup reads them, so 0912…, +98 912… and ۰۹۱۲… are one number). A number
   * typed twice is answered once; numbers that are not phone numbers are left to the save
   * to refuse; the identity being edited is not a duplicate of itself.
   */
  phoneOwners(numbers: readonly string[], exceptId?: string): PhoneOwners {
    const owners: PhoneOwners['owners'] = [];
    const seen = new Set<string>();
    for (const number of numbers) {
      const { e164, matches } = this.lookupPhone(number);
      if (!e164 || seen.has(e164)) continue;
      seen.add(e164);
      const others = matches.filter((m) => m.id !== exceptId);
      if (others.length > 0) owners.push({ number, e164, matches: others });
    }
    return { owners };
  }

  /**
   * The schema already refused numbers that are not phone numbers; this reads them with
   * the desk's own area code (for 8-digit local numbers) and keeps the result.
   */
  private checkPhones(input: Fields): (NormalisedPhone | null)[] {
    const issues: KeyedIssue[] = [];
    const read = input.phones.map((p, i) => {
      const n = normalisePhone(p.number, { defaultAreaCode: this.areaCode() });
      if (!n && !isAcceptedPhone(p)) issues.push({ path: ['phones', i, 'number'], key: 'phone.invalid', params: { number: p.number } });
      return n;
    });
    if (issues.length > 0) throw invalid('phone.invalidSummary', issues);
    return read;
  }

  /** The organisation named (undefined for none); refused when it is not one. */
  private checkOrganisation(input: Fields, selfId: string | null): IdentityRow | undefined {
    if (!input.organisationId) return undefined;
    const org = this.rows.get(input.organisationId);
    if (!org || org.kind !== 'organisation' || input.organisationId === selfId) {
      throw invalid('organisation.notFound', [{ path: ['organisationId'], key: 'organisation.notFound' }]);
    }
    return org;
  }

  private identityValues(input: Fields) {
    return {
      kind: input.kind,
      honorific: input.honorific ?? null,
      first_name: input.kind === 'person' ? (input.firstName ?? null) : null,
      last_name: input.kind === 'person' ? (input.lastName ?? null) : null,
      organisation_name: input.kind === 'organisation' ? (input.organisationName ?? null) : null,
      organisation_id: input.kind === 'person' ? (input.organisationId ?? null) : null,
      job_title: input.jobTitle ?? null,
      display_name: displayName(input),
      sort_key: sortKey(input),
      tags: JSON.stringify([...new Set(input.tags)]),
      notes: input.notes ?? null,
    };
  }

  /** Children matched by id: kept and updated, new ones inserted, missing ones soft-deleted. */
  private writeChildren(w: Writer, identityId: string, input: Fields, phones: (NormalisedPhone | null)[]): void {
    const rows = childRows(identityId, input, phones);
    this.sync(w, 'identity_phones', identityId, input.phones, rows.phones);
    this.sync(w, 'identity_emails', identityId, input.emails, rows.emails);
    this.sync(w, 'identity_addresses', identityId, input.addresses, rows.addresses);
  }

  /** A new identity's children: every one a new row; answered as get() would read them. */
  private insertChildren(w: Writer, identityId: string, input: Fields, phones: (NormalisedPhone | null)[]): Pick<Identity, 'phones' | 'emails' | 'addresses'> {
    const rows = childRows(identityId, input, phones);
    return {
      phones: rows.phones.map((r) => ({ id: w.insert('identity_phones', r), kind: r.kind, number: r.number, e164: r.e164, display: r.display })),
      emails: rows.emails.map((r) => ({ id: w.insert('identity_emails', r), kind: r.kind, address: r.address })),
      addresses: rows.addresses.map((r) => ({
        id: w.insert('identity_addresses', r),
        kind: r.kind,
        line: r.line,
        city: r.city,
        postalCode: r.postal_code,
      })),
    };
  }

  private sync(
    w: Writer,
    table: 'identity_phones' | 'identity_emails' | 'identity_addresses',
    identityId: string,
    items: { id?: string | undefined }[],
    values: Record<string, string | number | null>[],
  ): void {
    const existing = new Set(this.rows.childIds(table, identityId));
    items.forEach((item, i) => {
      if (item.id && existing.has(item.id)) {
        w.update(table, item.id, values[i]!);
        existing.delete(item.id);
      } else {
        // An id the client made up or one of another identity is not trusted: a new row.
        w.insert(table, values[i]!);
      }
    });
    for (const gone of existing) w.softDelete(table, gone);
  }

  /**
   * Rebuilds the search entries of identities from what is stored: after sync applied
   * changes received from the server to them or their phones, emails and addresses.
   */
  refreshSearch(table: string, rowIds: string[]): void {
    const ids = new Set(table === 'identities' ? rowIds : rowIds.map((id) => this.rows.identityOfChild(table, id)).filter((x): x is string => !!x));
    const rids = [...ids].map((id) => this.rows.ridOf(id)).filter((rid): rid is number => rid !== undefined);
    this.search.reindex(rids);
  }

  private toIdentity(row: IdentityRow): Identity {
    const org = row.organisation_id ? this.rows.get(row.organisation_id) : undefined;
    return {
      id: row.id,
      kind: row.kind,
      honorific: row.honorific,
      firstName: row.first_name,
      lastName: row.last_name,
      organisationName: row.organisation_name,
      organisation: org ? { id: org.id, displayName: org.display_name } : null,
      jobTitle: row.job_title,
      displayName: row.display_name,
      tags: JSON.parse(row.tags) as string[],
      notes: row.notes,
      phones: this.rows.phones(row.id),
      emails: this.rows.emails(row.id),
      addresses: this.rows.addresses(row.id),
      members: row.kind === 'organisation' ? this.rows.members(row.id) : [],
      createdAt: row.created_at,
      createdBy: this.users.userRef(row.created_by),
      updatedAt: row.updated_at,
      updatedBy: this.users.userRef(row.updated_by),
    };
  }
}

/** What insert() wrote, for create() to answer with. */
interface Written extends Pick<Identity, 'phones' | 'emails' | 'addresses'> {
  id: string;
  rid: number;
  createdAt: number;
  values: ReturnType<IdentityService['identityValues']>;
  tags: string[];
  organisation: Identity['organisation'];
}

/** The rows of an identity's phones, emails and addresses, in the order given. */
function childRows(identityId: string, input: Fields, phones: (NormalisedPhone | null)[]) {
  return {
    phones: input.phones.map((p, i) => ({
      identity_id: identityId,
      kind: p.kind,
      number: p.number,
      e164: phones[i]?.e164 ?? null,
      display: phones[i]?.national ?? p.number,
      position: i,
    })),
    emails: input.emails.map((e, i) => ({ identity_id: identityId, kind: e.kind, address: e.address, position: i })),
    addresses: input.addresses.map((a, i) => ({
      identity_id: identityId,
      kind: a.kind,
      line: a.line,
      city: a.city ?? null,
      postal_code: a.postalCode ?? null,
      position: i,
    })),
  };
}
