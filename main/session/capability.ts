import { defineCapability, event, method, NoInput } from '../api/capability';
import type { OrganisationService } from '../organisation/service';
import { messages } from './messages';
import type { ScryptCost } from './passwords';
import { PasswordChange, PasswordReset, SessionSetUp, SignIn, Unlock } from './schema';
import { SessionService, type SessionChange } from './service';
import { CredentialStore } from './store';

/** What a host or test may set for this capability (BackendOptions.capabilityOptions.session). */
export interface SessionOptions {
  /** scrypt cost of new hashes; tests use a cheap one. */
  passwordCost?: ScryptCost;
}

/**
 * Who is at the desk: the first start's administrator password, sign-in with a password,
 * switching user, lock and unlock, password changes. Every window of the desk shares it.
 */
export const session = defineCapability({
  name: 'session',
  messages,
  events: {
    /** The desk's session changed (signed in, switched user, locked, signed out) in some window. */
    'session.changed': event<SessionChange>(),
  },
  service: (ctx) => {
    const svc = new SessionService(
      ctx.use<OrganisationService>('organisation'),
      new CredentialStore(ctx.store),
      ctx.clock,
      ctx.log,
      (change) => ctx.emit('session.changed', change),
      ctx.options<SessionOptions>('session')?.passwordCost,
    );
    // Roles and users decide permissions: a write to them, or a restored store, is read again on the next call.
    ctx.store.onCommit((info) => {
      if (info.tables.some((t) => t === 'roles' || t === 'user_roles' || t === 'users')) svc.forgetCaller();
    });
    ctx.storage.onReopen(() => svc.forgetCaller());
    return svc;
  },
  methods: (svc) => ({
    'session.get': method(NoInput, null, () => svc.session()),
    'session.setUp': method(SessionSetUp, null, (input) => svc.setUp(input.password)),
    'session.signIn': method(SignIn, null, (input) => svc.signInChecked(input.username, input.password)),
    'session.unlock': method(Unlock, null, (input) => svc.unlockChecked(input.password)),
    'session.lock': method(NoInput, null, () => svc.lock()),
    'session.signOut': method(NoInput, null, () => svc.signOut()),
    'session.changePassword': method(PasswordChange, null, (input) => svc.changeOwnPassword(input.current, input.next)),
    // An administrator's reset of someone's password: the organisation's managers may.
    'session.setPassword': method(PasswordReset, 'organisation.manage', (input, caller) => {
      svc.setPassword(input.userId, input.password, caller.userId);
      return { userId: input.userId };
    }),
  }),
  provides: { caller: (svc) => svc.caller() },
});
