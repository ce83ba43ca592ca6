/**
 * Who is at the desk. One session per backend (every window of the desk shares it), kept
 * in memory only: a restart of the app asks for a password again.
 *
 *   setup ──set the administrator's password──▶ signed-in ◀──sign in (any user + password)── signed-out
 *                                                 │  ▲
 *                                            lock │  │ unlock (the same user's password)
 *                                                 ▼  │
 *                                                locked ──sign in as someone else──▶ signed-in
 *
 * Only a signed-in session has a caller with permissions; locked, signed-out and setup
 * callers are anonymous, so nothing can be read or written for them. Wrong passwords slow
 * down: from the third wrong attempt in a row a user waits 1 s, then 2, 4, … up to 5 min,
 * also across restarts; attempts during the wait are refused before any password check.
 */
import { ApiError, invalid } from '../api/errors';
import type { Logger } from '../api/log';
import type { Caller } from '../api/router';
import type { Clock } from '../../db/ids';
import type { OrganisationService } from '../organisation/service';
import { DEFAULT_COST, hashPassword, needsRehash, verifyPassword, type ScryptCost } from './passwords';
import type { Session, SessionState } from './schema';
import type { Credential, CredentialStore } from './store';

/** The user the first start asks a password for (made by OrganisationService.bootstrap). */
export const ADMINISTRATOR_USERNAME = 'admin';
const FREE_ATTEMPTS = 2;
const MAX_WAIT_MS = 5 * 60_000;

/** How long a user must wait after `failures` wrong attempts in a row. */
export function waitAfterFailures(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_WAIT_MS);
}

interface Failures {
  count: number;
  lastAt: number;
}

/** What the sync server said about a password typed at this desk. */
export type ServerVerdict =
  | { kind: 'ok'; userId: string }
  | { kind: 'wrong' }
  | { kind: 'disabled' }
  /** Too many wrong passwords for this username on the server: refused, whatever the password. */
  | { kind: 'throttled'; seconds: number }
  /** No answer in time (offline, server down, a server too old to ask): the desk's own verifier decides. */
  | { kind: 'unreachable' };

/**
 * Who else judges passwords: the sync server, once one is configured (main/sync registers
 * it). Answers null when there is no server, or the user is this desk's own (made before
 * the desk joined a server).
 */
export type PasswordAuthority = (username: string, password: string, userId: string | null) => Promise<ServerVerdict | null>;

export interface SessionChange {
  state: SessionState;
  userId: string | null;
}

export class SessionService {
  private state: SessionState;
  private userId: string | null = null;
  private lastUsername: string | null = null;
  private cachedCaller: Caller | null = null;
  /** Wrong attempts by username (unknown names too, so they cannot be told apart by behaviour). */
  private readonly failures = new Map<string, Failures>();
  private authority: PasswordAuthority | null = null;

  constructor(
    private readonly organisation: OrganisationService,
    private readonly credentials: CredentialStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly onChange: (change: SessionChange) => void,
    private readonly cost: ScryptCost = DEFAULT_COST,
  ) {
    this.state = credentials.count() === 0 ? 'setup' : 'signed-out';
  }

  caller(): Caller {
    if (this.cachedCaller) return this.cachedCaller;
    const caller = this.organisation.callerOf(this.state === 'signed-in' ? this.userId : null);
    this.cachedCaller = caller;
    return caller;
  }

  /** Roles, users or the store changed: permissions are read again at the next call. */
  forgetCaller(): void {
    this.cachedCaller = null;
  }

  session(): Session {
    const caller = this.caller();
    const shownUser = this.state === 'signed-in' || this.state === 'locked' ? this.userId : null;
    const account = shownUser ? this.organisation.account(shownUser) : undefined;
    return {
      state: this.state,
      user: account ? this.organisation.user(account.id) : null,
      permissions: [...caller.permissions],
      lastUsername: this.lastUsername,
    };
  }

  /** First start: the administrator chooses a password and is signed in. */
  setUp(password: string): Session {
    if (this.state !== 'setup') throw new ApiError('conflict', 'session.alreadySetUp');
    const admin = this.organisation.accountByUsername(ADMINISTRATOR_USERNAME);
    if (!admin?.active) throw new ApiError('not-found', 'user.notFound');
    this.credentials.set(admin.id, hashPassword(password, this.cost), admin.id, this.clock.now());
    this.log.info('administrator password set at first start', { userId: admin.id });
    return this.enter('signed-in', admin.id, admin.username);
  }

  /** The sync server judges passwords from now on, when it can be reached (main/sync). */
  consult(authority: PasswordAuthority): void {
    this.authority = authority;
  }

  /**
   * Sign in, or switch user, as a person does it: with a sync server configured, the
   * server's answer counts when it comes (a password changed there, or a user disabled
   * there, is refused here too); without one in time, this desk's verifier decides.
   */
  async signInChecked(username: string, password: string): Promise<Session> {
    const key = username.toLowerCase();
    this.refuseWhileWaiting(key);
    const account = this.organisation.accountByUsername(key);
    const verdict = await this.askServer(key, password, account?.id ?? null);
    return this.signIn(key, password, verdict);
  }

  /** Unlock as a person does it: the server is asked first, as for signInChecked. */
  async unlockChecked(password: string): Promise<Session> {
    if (this.state !== 'locked' || !this.userId) throw new ApiError('conflict', 'session.notLocked');
    const account = this.organisation.account(this.userId);
    this.refuseWhileWaiting(account?.username ?? '');
    const verdict = account ? await this.askServer(account.username, password, account.id) : null;
    return this.unlock(password, verdict);
  }

  /**
   * Sign in, or switch user: always with the target's password. `server` is what the sync
   * server said about it (null: not asked, this desk's verifier decides).
   */
  signIn(username: string, password: string, server: ServerVerdict | null = null): Session {
    const key = username.toLowerCase();
    this.refuseWhileWaiting(key);
    const account = this.organisation.accountByUsername(key);
    const credential = account ? this.credentials.get(account.id) : undefined;
    if (account?.active && !credential && server?.kind !== 'ok' && server?.kind !== 'throttled') throw new ApiError('forbidden', 'session.noPassword');
    this.judge(key, account, credential, password, server, 'sign-in');
    this.log.info('signed in', { userId: account!.id, username: key, switchedFrom: this.state === 'signed-in' ? this.userId : null });
    return this.enter('signed-in', account!.id, key);
  }

  /** Unlock: only the user who locked, with their password. Someone else signs in instead. */
  unlock(password: string, server: ServerVerdict | null = null): Session {
    if (this.state !== 'locked' || !this.userId) throw new ApiError('conflict', 'session.notLocked');
    const account = this.organisation.account(this.userId);
    const key = account?.username ?? '';
    this.refuseWhileWaiting(key);
    const credential = account ? this.credentials.get(account.id) : undefined;
    this.judge(key, account, credential, password, server, 'unlock');
    return this.enter('signed-in', account!.id, key);
  }

  /**
   * Decides a password for an account, or throws. The server's answer, when there is one,
   * decides; a right one also becomes this desk's verifier (the desk then opens offline
   * with the password the server knows). Otherwise the desk's own verifier decides.
   */
  private judge(
    key: string,
    account: { id: string; active: boolean } | undefined,
    credential: Credential | undefined,
    password: string,
    server: ServerVerdict | null,
    action: string,
  ): asserts account is { id: string; active: boolean } {
    const local = () => account?.active === true && credential !== undefined && verifyPassword(password, credential.passwordHash);
    if (server?.kind === 'disabled') {
      this.log.warn(`${action} refused: the user is disabled on the sync server`, { username: key });
      throw new ApiError('forbidden', 'session.disabledOnServer');
    }
    if (server?.kind === 'throttled') {
      this.log.warn(`${action} refused: the sync server asks to wait after wrong passwords`, { username: key, seconds: server.seconds });
      throw new ApiError('forbidden', 'session.serverTryLater', { seconds: server.seconds });
    }
    if (server?.kind === 'wrong') {
      // The old password still opens this desk's verifier: it was changed on the server.
      const changed = local();
      this.fail(key, account?.id ?? null, action);
      throw new ApiError('forbidden', changed ? 'session.passwordChangedOnServer' : 'session.wrongPassword');
    }
    if (server?.kind === 'ok' && account?.active) {
      // The server decided. A desk verifier that already opens with this password is kept, as
      // for an offline sign-in; one for an old password is replaced (set() also clears its stored failures).
      if (credential && local()) return this.succeed(key, account.id, password, credential.passwordHash);
      this.failures.delete(key);
      try {
        this.credentials.set(account.id, hashPassword(password, this.cost), account.id, this.clock.now());
      } catch (err) {
        this.log.warn('verifier from the sync server not saved', { err: String(err) });
      }
      return;
    }
    if (!account?.active || !credential || !local()) {
      this.fail(key, account?.id ?? null, action);
      throw new ApiError('forbidden', 'session.wrongPassword');
    }
    this.succeed(key, account.id, password, credential.passwordHash);
  }

  private async askServer(username: string, password: string, userId: string | null): Promise<ServerVerdict | null> {
    if (!this.authority) return null;
    const verdict = await this.authority(username, password, userId);
    // The server's account by that name is another person than this desk's: its word is not about this one.
    if (verdict?.kind === 'ok' && userId !== null && verdict.userId !== userId) return { kind: 'unreachable' };
    if (verdict?.kind === 'unreachable') this.log.info('sync server not reached: the desk checks the password itself', { username });
    return verdict;
  }

  /** Locks the desk for every window; what is on screen stays, nothing more can be read. */
  lock(): Session {
    if (this.state !== 'signed-in') return this.session();
    this.log.info('desk locked', { userId: this.userId });
    return this.enter('locked', this.userId, this.lastUsername);
  }

  signOut(): Session {
    if (this.state === 'setup') return this.session();
    this.log.info('signed out', { userId: this.userId });
    return this.enter('signed-out', null, this.lastUsername);
  }

  /** The signed-in user changes their own password (the current one is asked again). */
  changeOwnPassword(current: string, next: string): Session {
    const caller = this.caller();
    if (!caller.userId) throw new ApiError('forbidden', 'session.notSignedIn');
    const account = this.organisation.account(caller.userId);
    const key = account?.username ?? '';
    this.refuseWhileWaiting(key);
    const credential = this.credentials.get(caller.userId);
    if (!credential || !verifyPassword(current, credential.passwordHash)) {
      this.fail(key, caller.userId, 'password change');
      throw invalid('password.wrongCurrent', [{ path: ['current'], key: 'password.wrongCurrent' }]);
    }
    this.credentials.set(caller.userId, hashPassword(next, this.cost), caller.userId, this.clock.now());
    this.failures.delete(key);
    this.log.info('password changed by its user', { userId: caller.userId });
    return this.session();
  }

  /** An administrator sets (or resets) a user's password; that user's wrong attempts are forgotten. */
  setPassword(userId: string, password: string, by: string | null): void {
    const account = this.organisation.account(userId);
    if (!account) throw new ApiError('not-found', 'user.notFound');
    this.credentials.set(userId, hashPassword(password, this.cost), by, this.clock.now());
    this.failures.delete(account.username);
    if (this.state === 'setup' && account.username === ADMINISTRATOR_USERNAME) this.state = 'signed-out';
    this.log.info('password set', { userId, by });
  }

  /**
   * The sync server has just checked this user's password and its first sync brought their
   * account here: the desk works as them. The same password then opens this desk offline too
   * (kept here only as this desk's own salted hash).
   */
  enterVerifiedByServer(userId: string, password: string | null): Session {
    const account = this.organisation.account(userId);
    if (!account?.active) throw new ApiError('not-found', 'user.notFound');
    if (password) this.credentials.set(userId, hashPassword(password, this.cost), userId, this.clock.now());
    this.log.info('signed in through the sync server', { userId, switchedFrom: this.state === 'signed-in' ? this.userId : null });
    return this.enter('signed-in', account.id, account.username);
  }

  private enter(state: SessionState, userId: string | null, lastUsername: string | null): Session {
    this.state = state;
    this.userId = userId;
    this.lastUsername = lastUsername;
    this.cachedCaller = null;
    this.onChange({ state, userId });
    return this.session();
  }

  private failuresOf(key: string, userId: string | null): Failures {
    let f = this.failures.get(key);
    if (!f) {
      const stored = userId ? this.credentials.get(userId) : undefined;
      f = { count: stored?.failedAttempts ?? 0, lastAt: stored?.lastFailedAt ?? 0 };
      this.failures.set(key, f);
    }
    return f;
  }

  private refuseWhileWaiting(key: string): void {
    const account = key ? this.organisation.accountByUsername(key) : undefined;
    const f = this.failuresOf(key, account?.id ?? null);
    const waitMs = f.lastAt + waitAfterFailures(f.count) - this.clock.now();
    if (waitMs > 0) {
      this.log.warn('sign-in refused while waiting after wrong passwords', { username: key, failures: f.count, waitMs });
      throw new ApiError('forbidden', 'session.tryLater', { seconds: Math.ceil(waitMs / 1000) });
    }
  }

  private fail(key: string, userId: string | null, action: string): void {
    const f = this.failuresOf(key, userId);
    f.count += 1;
    f.lastAt = this.clock.now();
    if (userId) {
      try {
        this.credentials.recordFailure(userId, f.count, f.lastAt);
      } catch (err) {
        // A read-only store still counts in memory.
        this.log.warn('wrong attempt not saved', { err: String(err) });
      }
    }
    // Never the password itself: only who, how often, and how long the next wait is.
    this.log.warn(`${action} with a wrong password`, { username: key, failures: f.count, nextWaitMs: waitAfterFailures(f.count) });
  }

  private succeed(key: string, userId: string, password: string, storedHash: string): void {
    this.failures.delete(key);
    try {
      this.credentials.clearFailures(userId);
      if (needsRehash(storedHash, this.cost)) this.credentials.set(userId, hashPassword(password, this.cost), userId, this.clock.now());
    } catch (err) {
      this.log.warn('sign-in bookkeeping not saved', { err: String(err) });
    }
  }
}
