/**
 * The identity form's state and its translation to and from the API. Pure: the dialog
 * renders it, tests can check it. Rows (phones, emails, addresses) carry a local key so a
 * field error from the backend (path ["phones", 0, "number"]) lands next to the row the
 * person typed in, even after blank rows were left out of what was sent.
 */
import type {
  AddressKind,
  EmailKind,
  Identity,
  IdentityCreateInput,
  IdentityKind,
  PhoneKind,
} from '../../../main/contract';
import type { FieldIssue } from '../../../main/api/rpc';

export interface PhoneRow {
  key: string;
  id?: string;
  kind: PhoneKind;
  number: string;
}
export interface EmailRow {
  key: string;
  id?: string;
  kind: EmailKind;
  address: string;
}
export interface AddressRow {
  key: string;
  id?: string;
  kind: AddressKind;
  line: string;
  city: string;
  postalCode: string;
}

export interface IdentityDraft {
  kind: IdentityKind;
  honorific: string;
  firstName: string;
  lastName: string;
  organisationName: string;
  organisation: { id: string; displayName: string } | null;
  jobTitle: string;
  tags: string[];
  notes: string;
  phones: PhoneRow[];
  emails: EmailRow[];
  addresses: AddressRow[];
}

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row${rowCounter}`;
}

export const newPhoneRow = (kind: PhoneKind = 'mobile'): PhoneRow => ({ key: newRowKey(), kind, number: '' });
export const newEmailRow = (): EmailRow => ({ key: newRowKey(), kind: 'work', address: '' });
export const newAddressRow = (): AddressRow => ({ key: newRowKey(), kind: 'work', line: '', city: '', postalCode: '' });

export function emptyDraft(kind: IdentityKind = 'person'): IdentityDraft {
  return {
    kind,
    honorific: '',
    firstName: '',
    lastName: '',
    organisationName: '',
    organisation: null,
    jobTitle: '',
    tags: [],
    notes: '',
    // Nearly every contact has a phone: start with an empty row ready to type in.
    phones: [newPhoneRow(kind === 'person' ? 'mobile' : 'work')],
    emails: [],
    addresses: [],
  };
}

export function draftFromIdentity(x: Identity): IdentityDraft {
  return {
    kind: x.kind,
    honorific: x.honorific ?? '',
    firstName: x.firstName ?? '',
    lastName: x.lastName ?? '',
    organisationName: x.organisationName ?? '',
    organisation: x.organisation,
    jobTitle: x.jobTitle ?? '',
    tags: [...x.tags],
    notes: x.notes ?? '',
    phones: x.phones.map((p) => ({ key: newRowKey(), id: p.id, kind: p.kind, number: p.number })),
    emails: x.emails.map((e) => ({ key: newRowKey(), id: e.id, kind: e.kind, address: e.address })),
    addresses: x.addresses.map((a) => ({
      key: newRowKey(),
      id: a.id,
      kind: a.kind,
      line: a.line,
      city: a.city ?? '',
      postalCode: a.postalCode ?? '',
    })),
  };
}

/** Which local row each sent array element came from. */
export interface SentRows {
  phones: string[];
  emails: string[];
  addresses: string[];
}

const blank = (s: string) => s.trim() === '';
const opt = (s: string) => (blank(s) ? undefined : s.trim());

/**
 * What to send. Rows left completely empty are not sent (an unused "add phone" row is
 * not an error); a half-filled row is sent, so the backend can say what is missing.
 */
export function draftToInput(d: IdentityDraft): { input: IdentityCreateInput; sent: SentRows } {
  const phones = d.phones.filter((p) => !blank(p.number));
  const emails = d.emails.filter((e) => !blank(e.address));
  const addresses = d.addresses.filter((a) => !(blank(a.line) && blank(a.city) && blank(a.postalCode)));
  const person = d.kind === 'person';
  const input: IdentityCreateInput = {
    kind: d.kind,
    honorific: person ? opt(d.honorific) : undefined,
    firstName: person ? opt(d.firstName) : undefined,
    lastName: person ? opt(d.lastName) : undefined,
    organisationName: person ? undefined : opt(d.organisationName),
    organisationId: person ? (d.organisation?.id ?? null) : null,
    jobTitle: person ? opt(d.jobTitle) : undefined,
    tags: d.tags.map((t) => t.trim()).filter((t) => t !== ''),
    notes: opt(d.notes),
    phones: phones.map((p) => ({ ...(p.id ? { id: p.id } : {}), kind: p.kind, number: p.number.trim() })),
    emails: emails.map((e) => ({ ...(e.id ? { id: e.id } : {}), kind: e.kind, address: e.address.trim() })),
    addresses: addresses.map((a) => ({
      ...(a.id ? { id: a.id } : {}),
      kind: a.kind,
      line: a.line.trim(),
      city: opt(a.city),
      postalCode: opt(a.postalCode),
    })),
  };
  return {
    input,
    sent: { phones: phones.map((p) => p.key), emails: emails.map((e) => e.key), addresses: addresses.map((a) => a.key) },
  };
}

/**
 * Would closing the form lose something typed? Compared as what would be saved: blank
 * rows, spaces around a value and a field typed and then emptied again lose nothing.
 */
export function draftChanged(initial: IdentityDraft, current: IdentityDraft): boolean {
  return JSON.stringify(draftToInput(initial).input) !== JSON.stringify(draftToInput(current).input);
}

/**
 * The numbers to look for in other identities before saving: every number of a new
 * identity; of an edited one, only those added or changed (the ones it already had were
 * seen when they were saved).
 */
export function numbersToCheck(initial: IdentityDraft, current: IdentityDraft): string[] {
  const before = new Map(initial.phones.filter((p) => p.id).map((p) => [p.id, p.number.trim()]));
  return current.phones
    .map((p) => ({ id: p.id, number: p.number.trim() }))
    .filter((p) => p.number !== '' && (!p.id || before.get(p.id) !== p.number))
    .map((p) => p.number);
}

/** The field of a row that an error about the whole row belongs next to. */
const MAIN_FIELD = { phones: 'number', emails: 'address', addresses: 'line' } as const;
const TOP_FIELDS = new Set([
  'kind',
  'honorific',
  'firstName',
  'lastName',
  'organisationName',
  'organisationId',
  'jobTitle',
  'tags',
  'notes',
]);

export interface PlacedErrors {
  /** Field key → message. Keys: "lastName", "phones.<rowKey>.number", … */
  fields: Record<string, string>;
  /** Messages that belong to no field on the form. */
  general: string[];
}

export function placeIssues(issues: readonly FieldIssue[] | undefined, sent: SentRows): PlacedErrors {
  const placed: PlacedErrors = { fields: {}, general: [] };
  const put = (key: string, message: string) => {
    // The first message for a field is the one to fix first.
    placed.fields[key] ??= message;
  };
  for (const issue of issues ?? []) {
    const [head, index, field] = issue.path;
    if (head === 'phones' || head === 'emails' || head === 'addresses') {
      const rowKey = typeof index === 'number' ? sent[head][index] : undefined;
      if (rowKey) {
        put(`${head}.${rowKey}.${typeof field === 'string' ? field : MAIN_FIELD[head]}`, issue.message);
        continue;
      }
    } else if (typeof head === 'string' && TOP_FIELDS.has(head)) {
      put(head === 'organisationId' ? 'organisation' : head, issue.message);
      continue;
    }
    placed.general.push(issue.message);
  }
  return placed;
}
