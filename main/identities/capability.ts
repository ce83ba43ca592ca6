import { defineCapability, method, type ChangeDescribers } from '../api/capability';
import type { OrganisationService } from '../organisation/service';
import type { SettingsService } from '../settings/service';
import { messages } from './messages';
import { IdentityCreate, IdentityListQuery, IdentityRef, IdentityUpdate, PhoneOwnersQuery, PhoneQuery } from './schema';
import { identityItemKind } from './item-kind';
import { IdentityService } from './service';

/** Persons and organisations: phones normalised to E.164, search that folds Persian typing. */
export const identities = defineCapability({
  name: 'identities',
  permissions: {
    'identities.read': ['office-manager', 'receptionist', 'staff'],
    'identities.write': ['office-manager', 'receptionist'],
    'identities.delete': ['office-manager'],
  },
  messages,
  service: (ctx) => {
    const settings = ctx.use<SettingsService>('settings');
    return new IdentityService(ctx.store, ctx.use<OrganisationService>('organisation'), () => settings.areaCode());
  },
  methods: (svc) => ({
    'identities.create': method(IdentityCreate, 'identities.write', (input, caller) => svc.create(input, caller.userId)),
    'identities.update': method(IdentityUpdate, 'identities.write', (input, caller) => svc.update(input, caller.userId)),
    'identities.delete': method(IdentityRef, 'identities.delete', (input, caller) => svc.delete(input.id, caller.userId)),
    'identities.get': method(IdentityRef, 'identities.read', (input) => svc.get(input.id)),
    'identities.list': method(IdentityListQuery, 'identities.read', (input) => svc.list(input)),
    'identities.lookupPhone': method(PhoneQuery, 'identities.read', (input) => svc.lookupPhone(input.number)),
    'identities.phoneOwners': method(PhoneOwnersQuery, 'identities.read', (input) => svc.phoneOwners(input.numbers, input.exceptId)),
  }),
  changes: (svc) => identityChanges((id) => svc.nameOf(id)),
  items: (svc) => [identityItemKind(svc)],
  // Identities received from the server get their search entries here.
  sync: (svc) => ({
    derived: Object.fromEntries(
      ['identities', 'identity_phones', 'identity_emails', 'identity_addresses'].map((t) => [t, (ids: string[]) => svc.refreshSearch(t, ids)]),
    ),
  }),
});

/** How an identity's changes read in its change log (labels are the renderer's keys). */
function identityChanges(identityName: (id: string) => string | null): ChangeDescribers {
  return {
    identities: {
      entity: 'identities.entity.identity',
      fields: {
        kind: { label: 'identities.field.kind', kind: 'enum', enumPrefix: 'identities.kind' },
        honorific: { label: 'identities.field.honorific', kind: 'text' },
        first_name: { label: 'identities.field.firstName', kind: 'text' },
        last_name: { label: 'identities.field.lastName', kind: 'text' },
        organisation_name: { label: 'identities.field.organisationName', kind: 'text' },
        organisation_id: { label: 'identities.field.organisation', kind: 'reference', resolve: identityName },
        job_title: { label: 'identities.field.jobTitle', kind: 'text' },
        tags: { label: 'identities.field.tags', kind: 'list' },
        notes: { label: 'identities.field.notes', kind: 'multiline' },
      },
    },
    identity_phones: {
      entity: 'identities.entity.phone',
      fields: {
        kind: { label: 'identities.field.phoneKind', kind: 'enum', enumPrefix: 'identities.phoneKind' },
        // The display form, as the Details tab shows the number (not the digits as typed).
        display: { label: 'identities.field.phone', kind: 'phone' },
      },
    },
    identity_emails: {
      entity: 'identities.entity.email',
      fields: {
        kind: { label: 'identities.field.emailKind', kind: 'enum', enumPrefix: 'identities.emailKind' },
        address: { label: 'identities.field.email', kind: 'email' },
      },
    },
    identity_addresses: {
      entity: 'identities.entity.address',
      fields: {
        kind: { label: 'identities.field.addressKind', kind: 'enum', enumPrefix: 'identities.addressKind' },
        line: { label: 'identities.field.address', kind: 'text' },
        city: { label: 'identities.field.city', kind: 'text' },
        postal_code: { label: 'identities.field.postalCode', kind: 'text' },
      },
    },
  };
}
