/**
 * The kinds the form offers, in the order people pick them. They mirror the backend's
 * enums (main/identities/schema.ts); `satisfies` makes a kind the backend drops a type
 * error here. (Only types may be imported from main/ into the renderer.)
 */
import type { AddressKind, EmailKind, IdentityKind, PhoneKind } from '../../../main/contract';

export const IDENTITY_KINDS = ['person', 'organisation'] as const satisfies readonly IdentityKind[];
export const PHONE_KINDS = ['mobile', 'work', 'home', 'fax', 'other'] as const satisfies readonly PhoneKind[];
export const EMAIL_KINDS = ['work', 'personal', 'other'] as const satisfies readonly EmailKind[];
export const ADDRESS_KINDS = ['work', 'home', 'postal', 'other'] as const satisfies readonly AddressKind[];
