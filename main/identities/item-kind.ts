import type { ItemKind } from '../api/items';
import type { IdentityService } from './service';

/** Identities as items reminders, follow-ups and messages attach to. */
export function identityItemKind(identities: Pick<IdentityService, 'exists' | 'nameOf'>): ItemKind {
  return {
    kind: 'identity',
    exists: (id) => identities.exists(id),
    title: (id) => (identities.exists(id) ? identities.nameOf(id) : null),
    link: (id) => `/identities/${id}`,
    identityOf: (id) => id,
  };
}
