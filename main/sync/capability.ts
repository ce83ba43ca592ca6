import { defineCapability, event, method, NoInput } from '../api/capability';
import { ApiError } from '../api/errors';
import type { SessionService } from '../session/service';
import { messages } from './messages';
import { SyncRules } from './rules';
import { ConflictResolve, FeedCreate, FeedRef, SyncSignIn, type SyncStatus } from './schema';
import { SyncService } from './service';
import { SyncProblem } from './transport';

/**
 * The sync client: this desk and the central server (server/). With no server configured
 * it does nothing and the desk is complete on its own. See docs/architecture.md, "Sync".
 */
export const sync = defineCapability({
  name: 'sync',
  messages,
  events: {
    /** Where sync stands (the toolbar indicator shows it). */
    'sync.status': event<SyncStatus>(),
  },
  service: (ctx) => {
    const session = ctx.use<SessionService>('session');
    const svc = new SyncService({
      store: ctx.store,
      clock: ctx.clock,
      rules: new SyncRules(),
      clientId: ctx.store.hlc.node,
      session: {
        userId: () => session.caller().userId,
        seesAllConflicts: () => session.caller().permissions.has('organisation.manage'),
        switchTo: (userId, password) => void session.enterVerifiedByServer(userId, password),
      },
      onStatus: (status) => ctx.emit('sync.status', status),
      log: ctx.log,
      verifyTimeoutMs: ctx.options<{ verifyTimeoutMs?: number }>('sync')?.verifyTimeoutMs,
    });
    // With a server, a sign-in at the desk asks it about the password first (docs/architecture.md, "Sync").
    // …and when its approval let the desk's own sync user in, sync signs back in if its token was revoked.
    session.consult(
      (username, password, userId) => svc.checkPassword(username, password, userId),
      (userId, username, password) => void svc.resumeWith(userId, username, password),
    );
    return svc;
  },
  methods: (svc, ctx) => {
    // What went wrong talking to the server, as a sentence in the desk's language.
    const explain = async <T>(work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (err) {
        if (!(err instanceof SyncProblem)) throw err;
        if (err.kind === 'signedOut' && !err.said) throw new ApiError('unavailable', 'sync.notSignedIn');
        if (!err.said) throw new ApiError('unavailable', 'sync.offline');
        const code = err.kind === 'version' ? 'conflict' : err.kind === 'offline' || err.kind === 'server' ? 'unavailable' : 'forbidden';
        throw new ApiError(code, 'sync.server', { reason: err.said[ctx.language()] });
      }
    };
    return {
      'sync.status': method(NoInput, null, () => svc.status()),
      'sync.signIn': method(SyncSignIn, null, (input) => explain(() => svc.signIn(input))),
      'sync.signOut': method(NoInput, null, () => svc.signOut()),
      // With no server there is nothing to do: the status says so ('off').
      'sync.now': method(NoInput, null, async () => {
        await svc.syncNow();
        return svc.status();
      }),
      'sync.refusals': method(NoInput, null, () => svc.refusals()),
      'sync.feeds.list': method(NoInput, 'calendar.read', () => explain(() => svc.feeds())),
      'sync.feeds.create': method(FeedCreate, 'calendar.read', (input) => explain(() => svc.createFeed(input.calendarId))),
      'sync.feeds.revoke': method(FeedRef, 'calendar.read', (input) =>
        explain(async () => {
          await svc.revokeFeed(input.id);
          return { id: input.id };
        }),
      ),
      'sync.conflicts': method(NoInput, 'history.read', () => svc.openConflicts()),
      'sync.resolveConflict': method(ConflictResolve, 'history.read', (input) => {
        if (!svc.openConflicts().some((c) => c.id === input.id)) throw new ApiError('not-found', 'sync.conflictNotFound');
        return svc.resolve(input.id, input.note);
      }),
    };
  },
  start: (svc, ctx) => {
    for (const hooks of ctx.syncHooks()) svc.rules.register(hooks);
    svc.start();
  },
  stop: (svc) => svc.close(),
});
