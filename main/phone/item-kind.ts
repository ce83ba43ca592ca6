import type { ItemKind } from '../api/items';
import { text, type Language } from '../api/messages';
import type { CallRow } from './store';

/** The item kind call records are registered under (reminders, follow-ups). */
export const CALL_ITEM_KIND = 'call';

export interface CallItemDeps {
  call(id: string): CallRow | undefined;
  identityName(id: string): string | null;
  /** A user's permissions; none for an unknown or inactive user. */
  permissionsOf(userId: string): ReadonlySet<string>;
  language(): Language;
}

/**
 * Call records as items a reminder ("call them back at 4") or a follow-up attaches to.
 * Whoever may use the phone reads the whole call history, so they may see any call; a call
 * filed under an identity opens on that identity's page, where its history lists the call.
 */
export function callItemKind(deps: CallItemDeps): ItemKind {
  return {
    kind: CALL_ITEM_KIND,
    exists: (id) => deps.call(id) !== undefined,
    title: (id) => {
      const c = deps.call(id);
      if (!c) return null;
      if (c.subject) return c.subject;
      const name = (c.identity_id ? deps.identityName(c.identity_id) : null) ?? c.remote_name ?? c.number;
      return text(c.direction === 'incoming' ? 'calls.item.incoming' : 'calls.item.outgoing', deps.language(), { name });
    },
    link: (id) => {
      const identityId = deps.call(id)?.identity_id;
      return identityId ? `/identities/${identityId}` : '/phone';
    },
    identityOf: (id) => deps.call(id)?.identity_id ?? null,
    canSee: (_id, userId) => deps.permissionsOf(userId).has('phone.use'),
  };
}
