import type { ItemKind } from '../items/registry';
import type { IdentityService } from './service';

/** Identities as items that reminders and follow-ups attach to. */
export function identityItemKind(identities: Pick<IdentityService, 'get'>): ItemKind {
  const name = (id: string): string | null => {
    try {
      return identities.get(id).displayName;
    } catch {
      return null; // deleted: get() answers "not found"
    }
  };
  return {
    kind: 'identity',
    exists: (id) => name(id) !== null,
    title: name,
    link: (id) => `/identities/${id}`,
    identityOf: (id) => id,
  };
}
