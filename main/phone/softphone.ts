/**
 * The desk's SIP user agent: SIP.js's UserAgent and Registerer under Node, over the
 * WebSocket transport of transport.ts. It runs in the backend, so every INVITE is seen even
 * with no window open. It keeps the registration up (reconnecting and re-registering with
 * growing pauses after a network loss or a PBX restart), and turns SIP sessions into calls
 * with one id each, reporting every change to its hooks (the phone service records them and
 * tells the windows). Media goes through a MediaProvider (media.ts, fixed-sdp.ts).
 *
 * No database and no identities here: only SIP.
 */
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  SIPExtension,
  TransportState,
  UserAgent,
  UserAgentState,
  type LogLevel,
  type Referral,
  type Session,
  type SessionDescriptionHandlerOptions,
  type URI,
} from 'sip.js';
import { callerIdOf } from './caller-id';
import { dialableNumber, dialUri } from './dialing';
import type { MediaProvider } from './media';
import type { CallOutcome, CallView, PhoneStatus, RegistrationError, RegistrationState } from './schema';
import { transportWith, type ConnectionFailure } from './transport';

export interface SoftphoneAccount {
  /** ws:// or wss:// */
  server: string;
  user: string;
  authUser?: string | null;
  password: string;
  domain?: string | null;
  displayName?: string | null;
  trustedCaPem?: string | null;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** A call as the softphone knows it (CallView without the identity, which the service adds). */
export type LiveCall = Omit<CallView, 'identity'> & { sipCallId: string };

export interface SoftphoneHooks {
  status(status: Omit<PhoneStatus, 'calls' | 'dnd' | 'account'>): void;
  /**
   * A new incoming call. `refused` says it was answered busy at once (do not disturb, or every
   * line in use): it is ended right after and must not pop up.
   */
  incoming(call: LiveCall, refused: 'dnd' | 'busy' | null): void;
  /** A new outgoing call (dialled, or made by a transfer we were asked to follow). */
  outgoing(call: LiveCall): void;
  updated(call: LiveCall): void;
  ended(call: LiveCall): void;
}

export interface SoftphoneLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SoftphoneOptions {
  account: SoftphoneAccount;
  media: MediaProvider;
  clock: { now(): number; newId(): string };
  hooks: SoftphoneHooks;
  log?: SoftphoneLogger;
  backoff?: Backoff;
  /** Calls at once (the others get busy); 2 = one call and one waiting. */
  maxLines?: number;
  pingIntervalMs?: number;
  /** An unanswered incoming call is given up (480) after this long. */
  noAnswerTimeoutS?: number;
  /** Registration lifetime asked of the PBX. */
  expiresS?: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 60_000 };

export class SoftphoneError extends Error {
  constructor(
    readonly reason: 'not-registered' | 'no-call' | 'bad-state' | 'bad-number' | 'lines-busy',
    message: string = reason,
  ) {
    super(message);
    this.name = 'SoftphoneError';
  }
}

interface CallEntry {
  info: LiveCall;
  session: Session;
  /** Why it ended, when known before SIP.js says Terminated. */
  outcome: CallOutcome | null;
  ended: boolean;
  /**
   * The dialog is confirmed (the ACK of its 200 went or came). A re-INVITE (hold) or a REFER
   * sent before the ACK arrives leaves SIP.js with an offer the ACK does not answer, and it
   * ends the call; so they wait for this.
   */
  confirmed: Promise<void>;
  confirm: () => void;
}

export class Softphone {
  private readonly ua: UserAgent;
  private readonly registerer: Registerer;
  private readonly calls = new Map<string, CallEntry>();
  private readonly byCallId = new WeakMap<Session, string>();
  private readonly backoff: Backoff;
  private readonly maxLines: number;
  private state: RegistrationState = 'off';
  private error: RegistrationError = null;
  private retryAt: number | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private stopping = false;
  private started = false;
  private dnd = false;
  private lastFailure: ConnectionFailure | null = null;

  constructor(private readonly opts: SoftphoneOptions) {
    const a = opts.account;
    const server = new URL(a.server);
    const domain = a.domain || server.hostname;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
    this.maxLines = opts.maxLines ?? 2;
    const uri = UserAgent.makeURI(`sip:${a.user}@${domain}`);
    if (!uri) throw new SoftphoneError('bad-number', `not a SIP address: ${a.user}@${domain}`);
    this.ua = new UserAgent({
      uri,
      displayName: a.displayName ?? undefined,
      authorizationUsername: a.authUser || a.user,
      authorizationPassword: a.password,
      transportConstructor: transportWith({
        trustedCaPem: a.trustedCaPem ?? undefined,
        pingIntervalMs: opts.pingIntervalMs,
        onFailure: (f) => (this.lastFailure = f),
      }),
      transportOptions: { server: a.server, connectionTimeout: 10 },
      sessionDescriptionHandlerFactory: (session) => opts.media.handler(this.callIdOf(session)),
      noAnswerTimeout: opts.noAnswerTimeoutS ?? 60,
      sipExtensionReplaces: SIPExtension.Supported,
      // onInvite is told at once (after the 100 Trying) rather than after SIP.js's own 180
      // Ringing: the screen pop goes out first and the 180 right after it (see onInvite).
      sendInitialProvisionalResponse: false,
      // We reconnect ourselves (with backoff) and end calls ourselves (with time limits).
      reconnectionAttempts: 0,
      gracefulShutdown: false,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level: LogLevel, category: string, _label: string | undefined, content: string) => {
        if (level === 'error') opts.log?.error('sip', { category, content: content.slice(0, 500) });
        else if (level === 'warn') opts.log?.warn('sip', { category, content: content.slice(0, 500) });
      },
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: () => this.onTransportLost(),
      },
    });
    this.registerer = new Registerer(this.ua, { expires: opts.expiresS ?? 300 });
    this.registerer.stateChange.addListener((s) => {
      if (s === RegistererState.Registered) {
        this.attempt = 0;
        this.setStatus('registered', null, null);
      } else if (s === RegistererState.Unregistered && !this.stopping && this.state === 'registered') {
        // The PBX dropped us (or a refresh failed): register again.
        this.scheduleRetry('rejected');
      }
    });
  }

  get registration(): RegistrationState {
    return this.state;
  }

  get doNotDisturb(): boolean {
    return this.dnd;
  }

  /** Connects and registers; failures are retried in the background, never thrown. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.connect();
  }

  /** Ends every call, unregisters and disconnects, each step bounded in time. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearRetry();
    await Promise.all([...this.calls.keys()].map((id) => withTimeout(this.hangup(id).catch(() => {}), 2_000)));
    if (this.ua.isConnected() && this.registerer.state === RegistererState.Registered) {
      await withTimeout(
        new Promise<void>((resolve) => {
          this.registerer.stateChange.addListener((s) => s !== RegistererState.Registered && resolve());
          this.registerer.unregister().catch(() => resolve());
        }),
        2_000,
      );
    }
    // Bounded too: with the line dead, SIP.js would wait out its transaction timer (32 s)
    // for an un-REGISTER that can never be answered, and the app would hang on quitting.
    await withTimeout(this.registerer.dispose(), 2_000);
    await withTimeout(this.ua.stop(), 2_000);
    this.setStatus('off', null, null);
  }

  setDoNotDisturb(on: boolean): void {
    this.dnd = on;
  }

  list(): LiveCall[] {
    return [...this.calls.values()].map((c) => ({ ...c.info }));
  }

  get(callId: string): LiveCall | null {
    const c = this.calls.get(callId);
    return c ? { ...c.info } : null;
  }

  dial(typed: string): LiveCall {
    const number = dialableNumber(typed);
    if (!number) throw new SoftphoneError('bad-number');
    if (this.state !== 'registered') throw new SoftphoneError('not-registered');
    if (this.liveCount() >= this.maxLines) throw new SoftphoneError('lines-busy');
    return this.placeCall(number, dialUri(number, this.domain()));
  }

  async answer(callId: string): Promise<void> {
    const entry = this.entry(callId);
    if (!(entry.session instanceof Invitation) || entry.info.state !== 'ringing') throw new SoftphoneError('bad-state');
    // Call waiting: the call in progress waits on hold while this one is answered.
    // If the far end refuses to be held, the new call is answered all the same.
    for (const other of this.calls.values()) {
      if (other !== entry && other.info.state === 'connected' && !other.info.held) {
        await this.hold(other.info.id, true).catch((err: unknown) => this.opts.log?.warn('hold failed', { error: String(err) }));
      }
    }
    // If accepting fails (no media), SIP.js may end the session before accept() rejects:
    // the outcome is decided now, and an answered call overrides it.
    entry.outcome = 'failed';
    try {
      await entry.session.accept();
    } catch (err) {
      this.opts.log?.warn('answer failed', { error: String(err) });
      await entry.session.reject({ statusCode: 500 }).catch(() => {});
      throw err;
    }
  }

  /** Declines a ringing call (603 Decline). */
  async decline(callId: string): Promise<void> {
    const entry = this.entry(callId);
    if (!(entry.session instanceof Invitation) || entry.info.state !== 'ringing') throw new SoftphoneError('bad-state');
    entry.outcome = 'rejected';
    await entry.session.reject({ statusCode: 603 });
  }

  /** Ends a call in any state: BYE, CANCEL, or a decline while it rings. */
  async hangup(callId: string): Promise<void> {
    const entry = this.entry(callId);
    const s = entry.session;
    switch (s.state) {
      case SessionState.Initial:
      case SessionState.Establishing:
        if (s instanceof Inviter) {
          entry.outcome ??= 'missed';
          await s.cancel();
        } else if (s instanceof Invitation) {
          entry.outcome ??= 'rejected';
          await s.reject({ statusCode: 603 });
        }
        return;
      case SessionState.Established:
        await s.bye();
        return;
      default:
        return;
    }
  }

  async hold(callId: string, held: boolean): Promise<void> {
    const entry = await this.confirmedEntry(callId);
    if (entry.info.held === held) return;
    const options = { hold: held } as SessionDescriptionHandlerOptions;
    entry.session.sessionDescriptionHandlerOptionsReInvite = options;
    await new Promise<void>((resolve, reject) => {
      entry.session
        .invite({
          sessionDescriptionHandlerOptions: options,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new SoftphoneError('bad-state', `re-INVITE refused: ${r.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
    this.change(entry, { held });
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    const entry = this.entry(callId);
    if (entry.info.state !== 'connected') throw new SoftphoneError('bad-state');
    await this.opts.media.mute(callId, muted);
    this.change(entry, { muted });
  }

  /** DTMF in the media (RFC 4733) when the media can; otherwise as SIP INFO. */
  async dtmf(callId: string, tones: string): Promise<void> {
    const entry = await this.confirmedEntry(callId);
    const sdh = entry.session.sessionDescriptionHandler;
    if (sdh?.sendDtmf(tones)) return;
    for (const tone of tones) {
      await entry.session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=100` },
        },
      });
    }
  }

  /** Blind transfer: the other side is asked (REFER) to call `to`; our leg ends once it agrees. */
  async transfer(callId: string, to: string): Promise<void> {
    const number = dialableNumber(to);
    if (!number) throw new SoftphoneError('bad-number');
    const entry = await this.confirmedEntry(callId);
    const target = UserAgent.makeURI(dialUri(number, this.domain()));
    if (!target) throw new SoftphoneError('bad-number');
    await this.refer(entry, target, number);
  }

  /**
   * Attended transfer: the caller of `callId` is connected to the party of `consultCallId`
   * (REFER with Replaces); both our legs end.
   */
  async attendedTransfer(callId: string, consultCallId: string): Promise<void> {
    const entry = await this.confirmedEntry(callId);
    const consult = await this.confirmedEntry(consultCallId);
    await this.refer(entry, consult.session, consult.info.number);
    // The target ends the consultation leg when the transferee's INVITE replaces it; if it
    // does not within a few seconds, we end it ourselves.
    setTimeout(() => void this.hangup(consultCallId).catch(() => {}), 5_000).unref?.();
  }

  // ---- registration ----

  private async connect(): Promise<void> {
    if (this.stopping) return;
    this.setStatus('connecting', this.error, null);
    this.lastFailure = null;
    try {
      if (this.ua.transport.state === TransportState.Disconnected) {
        await (this.ua.state === UserAgentState.Started ? this.ua.reconnect() : this.ua.start());
      }
    } catch {
      this.scheduleRetry(this.failureKind());
      return;
    }
    if (this.stopping) return;
    this.register();
  }

  /** Why the connection failed, as the transport's socket reported it. */
  private failureKind(): 'certificate' | 'network' {
    return this.lastFailure?.kind ?? 'network';
  }

  private register(): void {
    this.registerer
      .register({
        requestDelegate: {
          // Also here, not only on the Registerer's state: after a reconnection it may still
          // think it is registered, and then a fresh 200 changes no state.
          onAccept: () => {
            this.attempt = 0;
            this.setStatus('registered', null, null);
          },
          onReject: (response) => {
            const code = response.message.statusCode;
            this.scheduleRetry(code === 401 || code === 403 || code === 407 ? 'auth' : 'rejected');
          },
        },
      })
      .catch(() => this.scheduleRetry('network'));
  }

  private onTransportLost(): void {
    if (this.stopping) return;
    this.scheduleRetry(this.failureKind());
  }

  private scheduleRetry(error: Exclude<RegistrationError, null>): void {
    if (this.stopping) return;
    this.clearRetry();
    const base = Math.min(this.backoff.maxMs, this.backoff.firstMs * 2 ** this.attempt);
    // ±20 % so a hundred desks that lost the PBX together do not come back in one burst.
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt += 1;
    this.retryAt = this.opts.clock.now() + delay;
    this.setStatus('unregistered', error, this.retryAt);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.retryAt = null;
  }

  private setStatus(state: RegistrationState, error: RegistrationError, retryAt: number | null): void {
    if (this.state === state && this.error === error && this.retryAt === retryAt) return;
    this.state = state;
    this.error = error;
    this.retryAt = retryAt;
    this.opts.hooks.status({ state, error, retryAt });
  }

  // ---- calls ----

  /** The account's domain, with its port when it has one (a number dialled or transferred to lives there). */
  private domain(): string {
    const { host, port } = this.ua.configuration.uri;
    return port ? `${host}:${port}` : host;
  }

  private liveCount(): number {
    return [...this.calls.values()].filter((c) => !c.ended).length;
  }

  /** The call, once its dialog is confirmed (see CallEntry.confirmed); at most a few seconds. */
  private async confirmedEntry(callId: string): Promise<CallEntry> {
    const entry = this.entry(callId);
    await withTimeout(entry.confirmed, 5_000);
    if (entry.ended || entry.session.state !== SessionState.Established) throw new SoftphoneError('bad-state');
    return entry;
  }

  private entry(callId: string): CallEntry {
    const e = this.calls.get(callId);
    if (!e || e.ended) throw new SoftphoneError('no-call');
    return e;
  }

  private callIdOf(session: Session): string {
    const id = this.byCallId.get(session);
    if (!id) throw new Error('session without a call');
    return id;
  }

  private onInvite(invitation: Invitation): void {
    const req = invitation.request;
    const caller = callerIdOf({
      from: req.getHeader('From'),
      pai: req.getHeader('P-Asserted-Identity'),
      rpid: req.getHeader('Remote-Party-ID'),
    });
    const now = this.opts.clock.now();
    const waiting = this.liveCount() > 0;
    const info: LiveCall = {
      id: this.opts.clock.newId(),
      sipCallId: req.callId.slice(0, 200),
      direction: 'incoming',
      number: caller.number,
      remoteName: caller.displayName,
      withheld: caller.withheld,
      state: 'ringing',
      waiting,
      held: false,
      muted: false,
      remoteRinging: false,
      startedAt: now,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      transferredTo: null,
    };
    const entry = this.track(info, invitation);

    // A transfer target: this INVITE replaces a call we have (RFC 3891). It takes the old
    // call's place at once.
    const replacee = invitation.replacee;
    if (replacee) {
      invitation.delegate = { onAck: () => entry.confirm() };
      this.opts.hooks.incoming(info, null);
      void invitation
        .accept()
        .then(() => (replacee.state === SessionState.Established ? replacee.bye() : undefined))
        .catch(() => {});
      return;
    }

    const refused = this.dnd ? 'dnd' : this.liveCount() > this.maxLines ? 'busy' : null;
    if (refused) entry.outcome = 'busy';
    invitation.delegate = {
      onAck: () => entry.confirm(),
      onCancel: () => (entry.outcome ??= 'missed'),
      onRefer: (referral) => this.onRefer(entry, referral),
    };
    // The popup before the 180 Ringing: the caller hears ringback a moment later, and the
    // receptionist's screen does not wait for the PBX, the caller and their answers.
    this.opts.hooks.incoming({ ...info }, refused);
    if (refused) void invitation.reject({ statusCode: 486 }).catch(() => {});
    else if (invitation.state === SessionState.Initial) void invitation.progress().catch(() => {});
  }

  private placeCall(number: string, uri: string): LiveCall {
    const target = UserAgent.makeURI(uri);
    if (!target) throw new SoftphoneError('bad-number');
    const inviter = new Inviter(this.ua, target);
    const info: LiveCall = {
      id: this.opts.clock.newId(),
      sipCallId: inviter.request.callId,
      direction: 'outgoing',
      number,
      remoteName: null,
      withheld: false,
      state: 'dialing',
      waiting: false,
      held: false,
      muted: false,
      remoteRinging: false,
      startedAt: this.opts.clock.now(),
      answeredAt: null,
      endedAt: null,
      outcome: null,
      transferredTo: null,
    };
    const entry = this.track(info, inviter);
    inviter.delegate = { onRefer: (referral) => this.onRefer(entry, referral) };
    this.opts.hooks.outgoing({ ...info });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => {
            if (r.message.statusCode === 180 || r.message.statusCode === 183) this.change(entry, { remoteRinging: true });
          },
          onReject: (r) => (entry.outcome ??= outcomeOfRefusal(r.message.statusCode ?? 0)),
        },
      })
      .catch((err: unknown) => {
        entry.outcome ??= 'failed';
        this.opts.log?.warn('invite failed', { error: String(err) });
      });
    return { ...info };
  }

  private track(info: LiveCall, session: Session): CallEntry {
    let confirm = () => {};
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const entry: CallEntry = { info, session, outcome: null, ended: false, confirmed, confirm };
    this.calls.set(info.id, entry);
    this.byCallId.set(session, info.id);
    session.stateChange.addListener((s) => {
      if (s === SessionState.Established && entry.info.answeredAt === null) {
        if (session instanceof Inviter) entry.confirm(); // we sent the ACK ourselves
        this.change(entry, { state: 'connected', answeredAt: this.opts.clock.now(), remoteRinging: false });
      } else if (s === SessionState.Terminated) {
        this.end(entry);
      }
    });
    return entry;
  }

  private end(entry: CallEntry): void {
    if (entry.ended) return;
    entry.ended = true;
    const answered = entry.info.answeredAt !== null;
    const outcome: CallOutcome = answered
      ? 'answered'
      : (entry.outcome ?? (entry.info.direction === 'incoming' ? 'missed' : 'failed'));
    entry.info = { ...entry.info, state: 'ended', endedAt: this.opts.clock.now(), outcome, held: false, remoteRinging: false };
    this.calls.delete(entry.info.id);
    this.opts.hooks.ended({ ...entry.info });
  }

  private change(entry: CallEntry, patch: Partial<LiveCall>): void {
    if (entry.ended) return;
    entry.info = { ...entry.info, ...patch };
    this.opts.hooks.updated({ ...entry.info });
  }

  private async refer(entry: CallEntry, target: URI | Session, label: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      entry.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new SoftphoneError('bad-state', `REFER refused: ${r.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
    this.change(entry, { transferredTo: label });
    await entry.session.bye().catch(() => {});
  }

  /** The other side transfers us: we call whom it names, and our leg with it ends. */
  private onRefer(entry: CallEntry, referral: Referral): void {
    void referral
      .accept()
      .then(() => {
        const user = referral.referTo.uri.user ?? '';
        const number = dialableNumber(user) ?? user;
        this.change(entry, { transferredTo: number });
        if (this.liveCount() <= this.maxLines) this.placeCall(number, referral.referTo.uri.toString());
      })
      .catch(() => {});
  }
}

function outcomeOfRefusal(code: number): CallOutcome {
  if (code === 486 || code === 600) return 'busy';
  if (code === 603 || code === 403) return 'rejected';
  if (code === 480 || code === 408 || code === 487) return 'missed';
  return 'failed';
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(undefined), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      () => (clearTimeout(t), resolve(undefined)),
    );
  });
}
