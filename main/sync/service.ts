import type { Clock } from '../../db/ids';
import type { SignInResponse } from '../../db/sync/protocol';
import type { Store } from '../../db/writer';
import type { ServerVerdict } from '../session/service';
import { applyPulled } from './apply';
import type { SyncRules } from './rules';
import type { CalendarFeed, SyncConflict, SyncRefusal, SyncSignInInput, SyncState, SyncStatus } from './schema';
import { KEYS, SyncStore } from './store';
import { SyncProblem, SyncTransport } from './transport';

/** The desk's signed-in user, as the sync client needs it. */
export interface SyncSession {
  userId(): string | null;
  /** May see every conflict record, not only those naming the user. */
  seesAllConflicts(): boolean;
  /**
   * After the first sync brought the server's user here, the desk works as that user; the
   * password they signed in with (null after a restart in between) opens the desk offline too.
   */
  switchTo(userId: string, password: string | null): void;
}

export interface SyncOptions {
  store: Store;
  clock: Clock;
  rules: SyncRules;
  session: SyncSession;
  /** This desk's id: its HLC node and its client id on the server. */
  clientId: string;
  onStatus?: (status: SyncStatus) => void;
  log?: { info(m: string, d?: Record<string, unknown>): void; warn(m: string, d?: Record<string, unknown>): void };
  /** Least time between syncs that local writes start (a burst of edits goes together). */
  debounceMs?: number;
  /** Sync this often even without pokes. */
  intervalMs?: number;
  pushBatch?: number;
  pullPage?: number;
  /** How long a sign-in at the desk waits for the server's word on a password before deciding alone. */
  verifyTimeoutMs?: number;
}

// One transaction's neighbours (a form saved as several writes) go in the same push.
const QUIET_MS = 30;

/**
 * The sync client: pushes this desk's outbox and pulls everything after its cursor, about a
 * second after local writes, whenever the server pokes, on reconnecting, and on a timer.
 * One sync runs at a time; a request during one runs another right after. Without a
 * server configured it does nothing, and the desk is complete on its own.
 */
export class SyncService {
  readonly db: SyncStore;
  readonly rules: SyncRules;
  private signInPassword: string | null = null;
  private transport: SyncTransport | null = null;
  private listener: { close(): void } | null = null;
  private interval: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private soonAt = Infinity;
  private running: Promise<void> | null = null;
  /** Sync signing back in after the server approved its user's password at the desk (resumeWith). */
  private resuming: Promise<void> | null = null;
  private again = false;
  private applying = false;
  private state: SyncState = 'off';
  private connected = false;
  private problem: SyncStatus['problem'] = null;
  private progress: SyncStatus['progress'] = null;
  private failures = 0;
  private lastCycleAt = 0;
  private stopped = false;
  private readonly offCommit: () => void;

  constructor(private readonly opts: SyncOptions) {
    this.db = new SyncStore(opts.store);
    this.rules = opts.rules;
    this.offCommit = opts.store.onCommit(() => {
      // Received changes are announced too; only this desk's own writes need pushing. A
      // write after a quiet spell goes out at once (another desk sees it within a moment);
      // writes in a burst go together, at most one sync a second.
      if (this.applying) return;
      const spacing = this.opts.debounceMs ?? 1000;
      this.syncSoon(Math.max(QUIET_MS, this.lastCycleAt + spacing - Date.now()));
    });
  }

  /** How often to sync by itself (tests that drive sync by hand make these long). */
  setTiming(timing: { debounceMs?: number; intervalMs?: number }): void {
    if (timing.debounceMs !== undefined) this.opts.debounceMs = timing.debounceMs;
    if (timing.intervalMs !== undefined) this.opts.intervalMs = timing.intervalMs;
  }

  get configured(): boolean {
    return this.db.get(KEYS.server) !== undefined;
  }

  status(): SyncStatus {
    const user = this.db.get(KEYS.user);
    const last = this.db.get(KEYS.lastSyncedAt);
    return {
      configured: this.configured,
      server: this.db.get(KEYS.server) ?? null,
      user: user ? (JSON.parse(user) as SyncStatus['user']) : null,
      state: this.configured ? this.state : 'off',
      connected: this.connected,
      lastSyncedAt: last ? Number(last) : null,
      pending: this.configured ? this.db.pendingCount() : 0,
      progress: this.progress,
      problem: this.problem,
      refused: this.db.refusedCount(),
      conflicts: this.openConflicts().length,
    };
  }

  /** Starts background sync when a server is configured (at backend start, after sign-in). */
  start(): void {
    this.stopped = false;
    if (!this.configured || !this.db.get(KEYS.token)) {
      if (this.configured) this.state = 'signedOut';
      return;
    }
    this.transport = new SyncTransport(this.db.get(KEYS.server)!, this.opts.clientId, this.db.get(KEYS.token)!);
    this.state = 'offline';
    this.listener?.close();
    this.listener = this.transport.listen(
      (head) => {
        if (!this.stopped && head > this.db.cursor()) this.syncSoon(0);
      },
      (connected) => {
        if (this.stopped) return;
        this.connected = connected;
        // Reconnected: whatever was missed while cut off is pulled now. Cut off: the desk
        // says it is offline at once, not at its next attempt.
        if (connected) this.syncSoon(0);
        else {
          if (this.state === 'upToDate') this.state = 'offline';
          this.emit();
        }
      },
    );
    if (this.interval) clearInterval(this.interval);
    this.interval = setInterval(() => this.syncSoon(0), this.opts.intervalMs ?? 60_000);
    this.interval.unref?.();
    this.syncSoon(0);
  }

  async stop(): Promise<void> {
    this.halt();
    await this.running?.catch(() => undefined);
  }

  /** Stops what would start another sync (pokes, timers), without waiting for the one running. */
  private halt(): void {
    this.stopped = true;
    this.listener?.close();
    this.listener = null;
    if (this.interval) clearInterval(this.interval);
    if (this.soon) clearTimeout(this.soon);
    this.interval = null;
    this.soon = null;
    this.soonAt = Infinity;
  }

  close(): Promise<void> {
    this.offCommit();
    return this.stop();
  }

  async signIn(input: SyncSignInInput): Promise<SyncStatus> {
    const server = new URL(input.server).toString().replace(/\/$/, '');
    const transport = new SyncTransport(server, this.opts.clientId);
    const answer: SignInResponse = await transport.signIn(input.username, input.password);
    const previous = this.db.get(KEYS.user);
    const now = this.opts.clock.now();
    this.opts.store.db.transaction(() => {
      if (!this.db.get(KEYS.firstSyncDone) && !this.db.get(KEYS.localUser)) {
        this.db.set(KEYS.localUser, this.opts.session.userId() ?? '');
        this.db.keepLocalSetup(now);
      }
      this.db.set(KEYS.server, server);
      this.db.set(KEYS.token, answer.token);
      this.db.set(KEYS.tokenExpires, String(answer.expiresAt));
      this.db.set(KEYS.user, JSON.stringify(answer.user));
    })();
    // Held in memory only until the first sync brings this user's account (see switchTo).
    this.signInPassword = input.password;
    this.opts.log?.info('signed in to the sync server', { server, userId: answer.user.id, again: previous !== undefined });
    this.problem = null;
    this.start();
    return this.status();
  }

  async signOut(): Promise<SyncStatus> {
    await this.stop();
    await this.transport?.signOut().catch(() => undefined); // offline: the token expires on its own
    this.transport = null;
    this.db.set(KEYS.token, null);
    this.state = 'signedOut';
    this.connected = false;
    this.emit();
    return this.status();
  }

  /** Syncs now (or right after the one running); resolves when done. */
  async syncNow(): Promise<void> {
    // A sync asked for while sync signs back in runs with the new sign-in.
    if (this.resuming) await this.resuming;
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.cycle();
        } while (this.again && !this.stopped);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private syncSoon(ms: number): void {
    if (this.stopped || !this.transport) return;
    const at = Date.now() + ms;
    if (this.soon && at >= this.soonAt) return;
    if (this.soon) clearTimeout(this.soon);
    this.soonAt = at;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.soonAt = Infinity;
      void this.syncNow();
    }, ms);
    this.soon.unref?.();
  }

  private async cycle(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    this.lastCycleAt = Date.now();
    this.state = 'syncing';
    this.emit();
    try {
      await this.push(transport);
      await this.pull(transport);
      this.db.set(KEYS.lastSyncedAt, String(this.opts.clock.now()));
      this.state = 'upToDate';
      this.problem = null;
      this.failures = 0;
    } catch (err) {
      if (!(err instanceof SyncProblem)) throw err;
      this.failures++;
      if (err.kind === 'offline') {
        this.state = 'offline';
        this.problem = null;
      } else {
        this.state = err.kind === 'signedOut' ? 'signedOut' : 'error';
        this.problem = { kind: err.kind, message: err.said };
      }
      this.opts.log?.warn('sync failed', { kind: err.kind, failures: this.failures });
      if (err.kind === 'signedOut') {
        this.db.set(KEYS.token, null);
        // Not stop(): it waits for the sync running, and that is this one.
        this.halt();
      } else if (err.kind !== 'version') {
        // Offline or a server hiccup: try again, less often the longer it lasts.
        this.syncSoon(Math.min(60_000, 1000 * 2 ** Math.min(this.failures, 6)));
      }
    } finally {
      this.progress = null;
      this.emit();
    }
  }

  private async push(transport: SyncTransport): Promise<void> {
    const size = this.opts.pushBatch ?? 500;
    for (;;) {
      const batch = this.db.pending(size);
      if (batch.length === 0) return;
      const local = this.db.unsyncable(batch);
      if (local.length > 0) this.db.keepLocal(local, 'sync.tableLocal', this.opts.clock.now());
      const entries = batch.filter((e) => !local.includes(e));
      if (entries.length === 0) continue;
      const results = await transport.push(entries.map((e) => this.db.toPush(e)));
      this.db.markAnswered(entries, results, this.opts.clock.now());
      this.emit();
    }
  }

  private async pull(transport: SyncTransport): Promise<void> {
    const first = !this.db.get(KEYS.firstSyncDone);
    const start = this.db.cursor();
    let cursor = start;
    for (;;) {
      const page = await transport.pull(cursor, this.opts.pullPage ?? 5000);
      if (page.rescan) {
        // The server says this user may read more now: from the start again (known changes are skipped).
        this.db.set(KEYS.cursor, '0');
        cursor = 0;
        continue;
      }
      const store = this.opts.store;
      this.applying = true;
      let result;
      try {
        result = store.db.transaction(() => {
          const applied = applyPulled(page.changes, {
            db: this.db,
            store,
            rules: this.rules,
            clientId: this.opts.clientId,
            me: { userId: this.opts.session.userId(), seesAllConflicts: this.opts.session.seesAllConflicts() },
            now: this.opts.clock.now(),
          });
          // Never backwards: a page answered from an earlier cursor only repeats what is here.
          this.db.set(KEYS.cursor, String(Math.max(this.db.cursor(), page.cursor)));
          // Later local changes must be newer than anything seen: the HLC moves past them.
          const newest = page.changes.reduce((m, c) => (c.hlc > m ? c.hlc : m), '');
          if (newest) store.hlc.receive(newest);
          return applied;
        })();
        if (result.tables.size > 0) store.announce({ txId: `sync-${page.cursor}`, author: null, tables: [...result.tables], root: null });
      } finally {
        this.applying = false;
      }
      cursor = Math.max(cursor, page.cursor);
      if (first) this.progress = { done: cursor - start, total: Math.max(1, page.head - start) };
      if (result.failed > 0) this.opts.log?.warn('received changes not stored here', { failed: result.failed });
      this.emit();
      if (!page.more) break;
    }
    if (first || this.signInPassword !== null) this.finishSignIn();
  }

  /**
   * The first full pull after a sign-in to the server brought the server's users here: the
   * desk now works as the signed-in one, and the password the server just checked (a new
   * one too) is what opens this desk offline from now on.
   */
  private finishSignIn(): void {
    const user = this.db.get(KEYS.user);
    if (!user) return;
    const { id } = JSON.parse(user) as { id: string };
    if (!this.db.userExists(id)) return;
    if (!this.db.get(KEYS.firstSyncDone)) this.db.set(KEYS.firstSyncDone, String(this.opts.clock.now()));
    const password = this.signInPassword;
    this.signInPassword = null;
    this.opts.session.switchTo(id, password);
  }

  /**
   * The server has just approved, at this desk, the password of `userId`. When that is the
   * user this desk syncs as and the server no longer takes sync's sign-in (a password changed
   * on the server revokes its tokens: sync failed with 401, or will at its next run), sync
   * signs back in with that password rather than asking the person again on the Sync page.
   * Another user's password never signs sync in (the server would refuse it too: a desk
   * belongs to the first user that signed in on it). The password goes to the server in
   * this one request and is kept nowhere, logged nowhere.
   */
  resumeWith(userId: string, username: string, password: string): Promise<void> {
    const work = this.resume(userId, username, password).catch((err: unknown) => {
      // Sync stays signed out; the Sync page still offers to sign in.
      this.opts.log?.warn('sync not signed back in', { userId, reason: err instanceof SyncProblem ? err.kind : String(err) });
    });
    const tracked = work.finally(() => {
      if (this.resuming === tracked) this.resuming = null;
    });
    this.resuming = tracked;
    return tracked;
  }

  private async resume(userId: string, username: string, password: string): Promise<void> {
    const server = this.db.get(KEYS.server);
    const user = this.db.get(KEYS.user);
    if (!server || !user || (JSON.parse(user) as { id: string }).id !== userId) return;
    const token = this.db.get(KEYS.token);
    if (token) {
      // Still signed in, as far as this desk knows: one small authenticated request tells.
      try {
        await new SyncTransport(server, this.opts.clientId, token).pull(this.db.cursor(), 1);
        return;
      } catch (err) {
        if (!(err instanceof SyncProblem) || err.kind !== 'signedOut') return;
      }
    }
    const answer = await new SyncTransport(server, this.opts.clientId).signIn(username, password);
    if (answer.user.id !== userId) return;
    await this.stop();
    this.opts.store.db.transaction(() => {
      this.db.set(KEYS.token, answer.token);
      this.db.set(KEYS.tokenExpires, String(answer.expiresAt));
      this.db.set(KEYS.user, JSON.stringify(answer.user));
    })();
    this.opts.log?.info('sync signed back in with the password the server approved at the desk', { server, userId });
    this.problem = null;
    this.start();
  }

  /**
   * The server's word on a password typed at this desk (sign-in, unlock, switch of user):
   * null with no server, or for this desk's own user from before it joined the server (the
   * server does not know them); 'unreachable' when no answer comes in time.
   */
  async checkPassword(username: string, password: string, userId: string | null): Promise<ServerVerdict | null> {
    const server = this.db.get(KEYS.server);
    if (!server) return null;
    if (userId !== null && userId === this.db.get(KEYS.localUser)) return null;
    try {
      const answer = await new SyncTransport(server, this.opts.clientId).verify(username, password, this.opts.verifyTimeoutMs ?? 2500);
      return { kind: 'ok', userId: answer.user.id };
    } catch (err) {
      if (!(err instanceof SyncProblem)) throw err;
      if (err.status === 401) return { kind: 'wrong' };
      if (err.status === 403) return { kind: 'disabled' };
      // The server is there and refuses to look at the password yet: never a reason to let the desk's verifier decide.
      if (err.status === 429) return { kind: 'throttled', seconds: err.retryAfterSeconds ?? 1 };
      return { kind: 'unreachable' };
    }
  }

  openConflicts(): SyncConflict[] {
    const me = this.opts.session.userId();
    const all = this.opts.session.seesAllConflicts();
    const rows = this.db.openConflicts(200);
    return rows
      .map((r) => ({ r, parties: JSON.parse(r.parties) as string[] }))
      .filter(({ parties }) => all || parties.length === 0 || (me !== null && parties.includes(me)))
      .map(({ r, parties }) => ({
        id: r.id,
        rule: r.rule,
        subject: { table: r.subject_table, id: r.subject_id },
        other: r.other_table && r.other_id ? { table: r.other_table, id: r.other_id } : null,
        parties: parties.map((id) => ({ id, displayName: this.db.userName(id) ?? '—' })),
        details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : {},
        createdAt: r.created_at,
        resolvedAt: r.resolved_at,
      }));
  }

  /** Marks a conflict decided; the decision syncs like any change. */
  resolve(id: string, note: string | undefined): SyncConflict[] {
    const me = this.opts.session.userId();
    const resolution = { resolved_at: this.opts.clock.now(), resolved_by: me, resolution: note ?? 'resolved' };
    if (this.db.conflictRule(id) === 'sync.conflict.notApplied') {
      // This desk's own record (never on the server): settled here only.
      this.db.settleLocally(id, me, resolution.resolution, resolution.resolved_at);
    } else {
      this.opts.store.write(me, (w) => w.update('sync_conflicts', id, resolution));
    }
    this.emit();
    return this.openConflicts();
  }

  /** The signed-in user's calendar feeds on the server (a phone's calendar subscribes to their address). */
  async feeds(): Promise<CalendarFeed[]> {
    if (!this.transport) return []; // no server: no feeds
    const list = await this.transport.feeds();
    return list.map((f) => ({ ...f, url: null }));
  }

  async createFeed(calendarId: string): Promise<CalendarFeed> {
    const transport = this.signedIn();
    const made = await transport.createFeed(calendarId);
    // The secret address is shown once, now; the server keeps only its hash.
    return { id: made.id, calendarId, createdAt: this.opts.clock.now(), url: new URL(made.path, transport.server).toString() };
  }

  async revokeFeed(id: string): Promise<void> {
    await this.signedIn().revokeFeed(id);
  }

  private signedIn(): SyncTransport {
    if (!this.transport) throw new SyncProblem('signedOut', null);
    return this.transport;
  }

  refusals(limit = 50): SyncRefusal[] {
    return this.db.refusals(limit).map((r) => ({ table: r.table, rowId: r.rowId, code: r.note.code, message: r.note.message ?? null }));
  }

  private emit(): void {
    this.opts.onStatus?.(this.status());
  }
}
