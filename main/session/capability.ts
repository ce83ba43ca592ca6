import { defineCapability, event, method, NoInput } from '../api/capability';
import type { OrganisationService } from '../organisation/service';
import type { SettingsService } from '../settings/service';
import { SignIn } from './schema';
import { SessionService } from './service';

/** The signed-in user of this desk. */
export const session = defineCapability({
  name: 'session',
  events: {
    /** The signed-in user changed (another window switched users). */
    'session.changed': event<{ userId: string | null }>(),
  },
  service: (ctx) =>
    new SessionService(ctx.store, ctx.use<OrganisationService>('organisation'), ctx.use<SettingsService>('settings'), (userId) =>
      ctx.emit('session.changed', { userId }),
    ),
  methods: (svc) => ({
    'session.get': method(NoInput, null, () => svc.session()),
    'session.signIn': method(SignIn, null, (input) => svc.signIn(input.userId)),
  }),
  provides: { caller: (svc) => svc.caller() },
});
