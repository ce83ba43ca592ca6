import { defineCapability, event, method, NoInput } from '../api/capability';
import { forbidden } from '../api/errors';
import type { Caller } from '../api/router';
import type { OrganisationService } from '../organisation/service';
import type { SessionService } from '../session/service';
import { InboxMarkRead, InboxQuery } from './schema';
import { InboxService } from './service';

const watching = new WeakMap<InboxService, () => void>();

function me(caller: Caller): string {
  if (!caller.userId) throw forbidden();
  return caller.userId;
}

/**
 * In-app system messages (the bell): other capabilities deliver through the service's
 * `deliver(userIds, {kind, params, item})`; the signed-in user's windows hear
 * `inbox.changed` with the new unread count whenever their messages change.
 */
export const inbox = defineCapability({
  name: 'inbox',
  permissions: { 'inbox.read': ['office-manager', 'receptionist', 'staff'] },
  events: { 'inbox.changed': event<{ unread: number }>() },
  service: (ctx) => new InboxService(ctx.store, ctx.items(), (id) => ctx.use<OrganisationService>('organisation').userRef(id)),
  methods: (svc) => ({
    'inbox.list': method(InboxQuery, 'inbox.read', (input, caller) => svc.page(me(caller), input)),
    'inbox.unread': method(NoInput, 'inbox.read', (_input, caller) => ({ unread: svc.unread(me(caller)) })),
    'inbox.markRead': method(InboxMarkRead, 'inbox.read', (input, caller) => svc.markRead(me(caller), 'ids' in input ? input.ids : null)),
  }),
  start: (svc, ctx) => {
    const session = ctx.use<SessionService>('session');
    watching.set(
      svc,
      ctx.store.onCommit((info) => {
        if (!info.tables.includes('inbox_messages')) return;
        const userId = session.caller().userId;
        if (userId) ctx.emit('inbox.changed', { unread: svc.unread(userId) });
      }),
    );
  },
  stop: (svc) => watching.get(svc)?.(),
});
