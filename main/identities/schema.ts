import { z } from 'zod';
import { hasVisibleLetterOrDigit, stripBidiControls } from '../api/text-hygiene';
import type { UserRef } from '../organisation/schema';
import { isAcceptedPhone } from './phone';

export const PHONE_KINDS = ['mobile', 'work', 'home', 'fax', 'other'] as const;
export const EMAIL_KINDS = ['work', 'personal', 'other'] as const;
export const ADDRESS_KINDS = ['work', 'home', 'postal', 'other'] as const;

const id = z.uuid();
/** Free text that may span lines (notes): kept as typed, the UI isolates its direction. */
const multiLineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : undefined));
/** A single-line field: bidi controls stripped (see main/api/text-hygiene.ts). */
const optionalText = (max: number) =>
  z
    .string()
    .transform(stripBidiControls)
    .pipe(z.string().trim().max(max))
    .optional()
    .transform((s) => (s ? s : undefined));
/** A name part: single-line, and if given, something a person can see and search for. */
const optionalName = (max: number) =>
  optionalText(max).refine((s) => s === undefined || hasVisibleLetterOrDigit(s), { message: 'name.invisible' });

export const PhoneInput = z
  .object({
    id: id.optional(),
    kind: z.enum(PHONE_KINDS),
    number: z.string().transform(stripBidiControls).pipe(z.string().trim().min(1).max(40)),
  })
  // Checked here, with the other fields, so a form shows every error in one round.
  .superRefine((p, ctx) => {
    if (!isAcceptedPhone(p)) ctx.addIssue({ code: 'custom', path: ['number'], message: 'phone.invalid', params: { number: p.number } });
  });

export const EmailInput = z.object({
  id: id.optional(),
  kind: z.enum(EMAIL_KINDS),
  address: z.string().trim().toLowerCase().pipe(z.email()),
});

export const AddressInput = z.object({
  id: id.optional(),
  kind: z.enum(ADDRESS_KINDS),
  line: z.string().transform(stripBidiControls).pipe(z.string().trim().min(1).max(500)),
  city: optionalText(100),
  postalCode: optionalText(20),
});

const IdentityFields = z.object({
  kind: z.enum(['person', 'organisation']),
  honorific: optionalText(40),
  firstName: optionalName(100),
  lastName: optionalName(100),
  organisationName: optionalName(200),
  organisationId: id.nullish(),
  jobTitle: optionalText(100),
  tags: z.array(z.string().transform(stripBidiControls).pipe(z.string().trim().min(1).max(50))).max(50).default([]),
  notes: multiLineText(10_000),
  phones: z.array(PhoneInput).max(20).default([]),
  emails: z.array(EmailInput).max(20).default([]),
  addresses: z.array(AddressInput).max(20).default([]),
});

type Fields = z.infer<typeof IdentityFields>;
function requireName(v: Fields, ctx: z.RefinementCtx) {
  if (v.kind === 'person' && !v.firstName && !v.lastName) {
    ctx.addIssue({ code: 'custom', path: ['lastName'], message: 'name.requiredPerson' });
  }
  if (v.kind === 'organisation' && !v.organisationName) {
    ctx.addIssue({ code: 'custom', path: ['organisationName'], message: 'name.requiredOrganisation' });
  }
}

export const IdentityCreate = IdentityFields.superRefine(requireName);
/** An edit sends the whole record; phones, emails and addresses without an id are new, missing ones are removed. */
export const IdentityUpdate = IdentityFields.extend({ id }).superRefine(requireName);
export const IdentityRef = z.object({ id });

export const IdentityListQuery = z.object({
  query: z.string().max(200).optional(),
  kind: z.enum(['person', 'organisation']).optional(),
  tag: z.string().max(50).optional(),
  after: z.object({ sortKey: z.string().max(400), id }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const PhoneQuery = z.object({ number: z.string().trim().min(1).max(40) });

/** The numbers a form is about to save, and the identity being edited (not a duplicate of itself). */
export const PhoneOwnersQuery = z.object({
  numbers: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
  exceptId: id.optional(),
});

export type IdentityCreateInput = z.infer<typeof IdentityCreate>;
export type IdentityUpdateInput = z.infer<typeof IdentityUpdate>;
export type IdentityKind = Fields['kind'];
export type PhoneKind = (typeof PHONE_KINDS)[number];
export type EmailKind = (typeof EMAIL_KINDS)[number];
export type AddressKind = (typeof ADDRESS_KINDS)[number];


export interface Phone {
  id: string;
  kind: PhoneKind;
  /** As typed. */
  number: string;
  /** +98…, or null when the number could not be understood. */
  e164: string | null;
  /** For display: national format, e.g. 0912 123 4567 (Latin digits; the UI localises). */
  display: string;
}

export interface Email {
  id: string;
  kind: EmailKind;
  address: string;
}

export interface Address {
  id: string;
  kind: AddressKind;
  line: string;
  city: string | null;
  postalCode: string | null;
}

export interface Identity {
  id: string;
  kind: IdentityKind;
  honorific: string | null;
  firstName: string | null;
  lastName: string | null;
  organisationName: string | null;
  organisation: { id: string; displayName: string } | null;
  jobTitle: string | null;
  displayName: string;
  tags: string[];
  notes: string | null;
  phones: Phone[];
  emails: Email[];
  addresses: Address[];
  /** People who belong to this organisation (empty for a person). */
  members: IdentitySummary[];
  createdAt: number;
  createdBy: UserRef | null;
  updatedAt: number;
  updatedBy: UserRef | null;
}

export interface IdentitySummary {
  id: string;
  kind: IdentityKind;
  displayName: string;
  organisationName: string | null;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
  tags: string[];
  sortKey: string;
}

export interface IdentityPage {
  items: IdentitySummary[];
  /** Pass back as `after` for the next page; null at the end. */
  next: { sortKey: string; id: string } | null;
}

export interface PhoneLookup {
  /** The number understood as E.164, or null when it is not a phone number. */
  e164: string | null;
  matches: (IdentitySummary & { phoneKind: PhoneKind })[];
}

/** Numbers of a form that other identities already have; numbers nobody else has are left out. */
export interface PhoneOwners {
  owners: {
    /** As sent. */
    number: string;
    e164: string;
    matches: (IdentitySummary & { phoneKind: PhoneKind })[];
  }[];
}
