/**
 * The phone's rules: the desk's SIP account (password sealed), the softphone's life, the
 * caller-ID lookup and screen pop on every incoming call, a record of every call, and the
 * post-call log that files a call into an identity's history.
 *
 * The popup comes first: on an INVITE the number is looked up (one index probe through the
 * identities service) and `call.incoming` is pushed before anything is written; the record
 * follows in the same tick.
 */
import type { Clock } from '../../db/ids';
import type { Store } from '../../db/writer';
import type { TimelineEntry, TimelineSource } from '../api/capability';
import { ApiError, invalid, notFound } from '../api/errors';
import type { Logger } from '../api/log';
import { SecretUnreadableError, type SecretBox } from '../api/secrets';
import type { Identity, IdentityUpdateInput, PhoneKind } from '../identities/schema';
import type { FollowUpService } from '../followups/service';
import type { IdentityService } from '../identities/service';
import { dialableNumber } from './dialing';
import { MediaBroker, MediaUnavailableError, type MediaProvider } from './media';
import type {
  CallerMatch,
  CallPage,
  CallRecord,
  CallTimelineData,
  CallView,
  IncomingCall,
  MediaReply,
  MediaRequest,
  PhoneAccountInputT,
  PhoneAccountView,
  PhoneStatus,
  RecentItem,
  RegistrationState,
  ScreenPop,
} from './schema';
import { Softphone, SoftphoneError, type Backoff, type LiveCall, type SoftphoneAccount } from './softphone';
import { CALL_ITEM_KIND } from './item-kind';
import { PhoneStore, type CallFilter, type CallRow } from './store';

/** The events this capability pushes (declared in capability.ts). */
export interface PhoneEvents {
  'phone.status': PhoneStatus;
  'call.incoming': IncomingCall;
  'call.ended': { call: CallView };
  'phone.media.request': MediaRequest;
}

export interface PhoneDeps {
  store: Store;
  clock: Clock;
  log: Logger;
  secrets: SecretBox;
  identities: Pick<IdentityService, 'lookupPhone' | 'exists' | 'nameOf' | 'get' | 'update'>;
  /** An identity's newest history items, for the popup. */
  recent: (identityId: string, limit: number) => RecentItem[];
  /** The desk's signed-in user (calls are theirs). */
  currentUser: () => string | null;
  emit: <E extends keyof PhoneEvents>(event: E, payload: PhoneEvents[E]) => void;
  /** A native notification, for an incoming call no open window shows. */
  notify?: (call: CallView) => void;
  /** A logged call's "follow up on…" becomes a real follow-up on the call (the dashboard's agenda). */
  followups?: Pick<FollowUpService, 'attach'>;
  /** Tests and the bench hand in fixed-SDP media; the app proxies to the renderer's engine. */
  media?: MediaProvider;
  backoff?: Backoff;
  pingIntervalMs?: number;
}

interface Live {
  identity: CallerMatch | null;
  info: LiveCall;
}

const DEFAULT_SCREEN_POP: ScreenPop = { action: 'profile', item: 'note' };

export class PhoneService {
  private readonly rows: PhoneStore;
  readonly broker: MediaBroker;
  private readonly media: MediaProvider;
  private softphone: Softphone | null = null;
  private readonly live = new Map<string, Live>();
  private registration: Pick<PhoneStatus, 'state' | 'error' | 'retryAt'> = { state: 'off', error: null, retryAt: null };
  private stopped = false;

  constructor(private readonly deps: PhoneDeps) {
    this.rows = new PhoneStore(deps.store);
    this.broker = new MediaBroker((request) => deps.emit('phone.media.request', request));
    this.media = deps.media ?? this.broker;
  }

  // ---- life ----

  /**
   * Closes what an earlier run left open, then starts registering if an account is set. It
   * does not wait for the PBX: the backend must come up even when the PBX is down.
   */
  start(): void {
    this.closeUnfinished();
    void this.restartSoftphone().catch((err: unknown) => this.deps.log.error('softphone did not start', { err }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const phone = this.softphone;
    this.softphone = null;
    await phone?.stop();
    this.broker.close();
  }

  status(): PhoneStatus {
    const account = this.rows.account();
    return {
      ...this.registration,
      account: account ? { user: account.sip_user, server: account.server } : null,
      dnd: account?.dnd === 1,
      calls: [...this.live.values()].map((l) => this.view(l.info)),
    };
  }

  // ---- account ----

  account(): PhoneAccountView | null {
    const a = this.rows.account();
    if (!a) return null;
    return {
      server: a.server,
      user: a.sip_user,
      authUser: a.auth_user,
      domain: a.domain,
      displayName: a.display_name,
      hasPassword: a.password_sealed !== null,
      trustedCaPem: a.trusted_ca_pem,
      enabled: a.enabled === 1,
    };
  }

  async saveAccount(input: PhoneAccountInputT): Promise<PhoneAccountView> {
    const current = this.rows.account();
    const passwordSealed =
      input.password !== undefined ? (input.password === '' ? null : await this.deps.secrets.seal(input.password)) : (current?.password_sealed ?? null);
    this.rows.saveAccount(
      {
        server: input.server,
        sip_user: input.user,
        auth_user: input.authUser ?? null,
        password_sealed: passwordSealed,
        domain: input.domain ?? null,
        display_name: input.displayName || null,
        trusted_ca_pem: input.trustedCaPem === undefined ? (current?.trusted_ca_pem ?? null) : input.trustedCaPem || null,
        enabled: input.enabled ? 1 : 0,
        dnd: current?.dnd ?? 0,
      },
      this.deps.clock.now(),
    );
    await this.restartSoftphone();
    return this.account()!;
  }

  setDoNotDisturb(on: boolean): PhoneStatus {
    if (!this.rows.account()) throw new ApiError('unavailable', 'calls.notConfigured');
    this.rows.setDnd(on, this.deps.clock.now());
    this.softphone?.setDoNotDisturb(on);
    this.pushStatus();
    return this.status();
  }

  private async restartSoftphone(): Promise<void> {
    const old = this.softphone;
    this.softphone = null;
    await old?.stop();
    this.registration = { state: 'off', error: null, retryAt: null };
    const a = this.rows.account();
    if (this.stopped || !a || a.enabled !== 1) {
      this.pushStatus();
      return;
    }
    let password = '';
    if (a.password_sealed) {
      try {
        password = await this.deps.secrets.open(a.password_sealed);
      } catch (err) {
        // Sealed on another device or with a lost key: the user types it again.
        this.deps.log.warn('sip password unreadable', { error: err instanceof SecretUnreadableError ? err.message : String(err) });
        this.registration = { state: 'unregistered', error: 'auth', retryAt: null };
        this.pushStatus();
        return;
      }
    }
    const account: SoftphoneAccount = {
      server: a.server,
      user: a.sip_user,
      authUser: a.auth_user,
      password,
      domain: a.domain,
      displayName: a.display_name,
      trustedCaPem: a.trusted_ca_pem,
    };
    const phone = new Softphone({
      account,
      media: this.media,
      clock: this.deps.clock,
      log: this.deps.log,
      ...(this.deps.backoff ? { backoff: this.deps.backoff } : {}),
      ...(this.deps.pingIntervalMs ? { pingIntervalMs: this.deps.pingIntervalMs } : {}),
      hooks: {
        status: (s) => {
          if (this.softphone !== phone) return;
          this.registration = s;
          this.pushStatus();
        },
        incoming: (call, refused) => this.onIncoming(call, refused),
        outgoing: (call) => this.onOutgoing(call),
        updated: (call) => this.onUpdated(call),
        ended: (call) => this.onEnded(call),
      },
    });
    phone.setDoNotDisturb(a.dnd === 1);
    this.softphone = phone;
    // Registration goes on in the background (with its retries); status events tell how.
    void phone.start();
  }

  // ---- call control (the windows' buttons) ----

  dial(typed: string): CallView {
    const call = this.control((p) => p.dial(typed));
    return this.view(call);
  }

  async answer(callId: string): Promise<void> {
    await this.controlAsync((p) => p.answer(callId));
  }

  async decline(callId: string): Promise<void> {
    await this.controlAsync((p) => p.decline(callId));
  }

  async hangup(callId: string): Promise<void> {
    await this.controlAsync((p) => p.hangup(callId));
  }

  async hold(callId: string, held: boolean): Promise<void> {
    await this.controlAsync((p) => p.hold(callId, held));
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.controlAsync((p) => p.mute(callId, muted));
  }

  async dtmf(callId: string, tones: string): Promise<void> {
    await this.controlAsync((p) => p.dtmf(callId, tones.toUpperCase()));
  }

  async transfer(callId: string, to: string): Promise<void> {
    await this.controlAsync((p) => p.transfer(callId, to));
  }

  async transferAttended(callId: string, consultCallId: string): Promise<void> {
    await this.controlAsync((p) => p.attendedTransfer(callId, consultCallId));
  }

  private phone(): Softphone {
    if (!this.softphone) throw new ApiError('unavailable', this.rows.account() ? 'calls.notRegistered' : 'calls.notConfigured');
    return this.softphone;
  }

  private control<T>(action: (p: Softphone) => T): T {
    try {
      return action(this.phone());
    } catch (err) {
      throw apiErrorOf(err);
    }
  }

  private async controlAsync(action: (p: Softphone) => Promise<void>): Promise<void> {
    try {
      await action(this.phone());
    } catch (err) {
      throw apiErrorOf(err);
    }
  }

  // ---- media engine (the renderer's side of media.ts) ----

  attachEngine(engineId: string, visible: boolean): void {
    this.broker.attach(engineId, visible);
  }

  detachEngine(engineId: string): void {
    this.broker.detach(engineId);
  }

  mediaReply(reply: MediaReply): void {
    this.broker.respond(reply);
  }

  // ---- what the softphone reports ----

  private onIncoming(call: LiveCall, refused: 'dnd' | 'busy' | null): void {
    const lookup = this.lookup(call.number);
    const identity = lookup.matches[0] ?? null;
    this.live.set(call.id, { identity, info: call });
    const user = this.deps.currentUser();
    if (!refused) {
      const view = this.view(call);
      const recent = identity ? this.recentOf(identity.id) : [];
      const screenPop = this.screenPop(user);
      this.deps.emit('call.incoming', {
        call: view,
        matches: lookup.matches,
        recent,
        screenPop,
      });
      // A window that shows the call already popped it; none does: the desktop is told, after
      // the softphone's 180 Ringing (spawning the notifier takes longer than everything else here).
      if (!this.broker.seen) setImmediate(() => this.deps.notify?.(view));
    }
    this.record(call, lookup.e164, identity, user);
    this.pushStatus();
  }

  private onOutgoing(call: LiveCall): void {
    const lookup = this.lookup(call.number);
    const identity = lookup.matches[0] ?? null;
    this.live.set(call.id, { identity, info: call });
    this.record(call, lookup.e164, identity, this.deps.currentUser());
    this.pushStatus();
  }

  private onUpdated(call: LiveCall): void {
    const live = this.live.get(call.id);
    if (!live) return;
    const wasAnswered = live.info.answeredAt !== null;
    live.info = call;
    if (!wasAnswered && call.answeredAt !== null) this.write(call.id, { answered_at: call.answeredAt });
    this.pushStatus();
  }

  private onEnded(call: LiveCall): void {
    const live = this.live.get(call.id);
    this.live.delete(call.id);
    this.write(call.id, {
      answered_at: call.answeredAt,
      ended_at: call.endedAt,
      duration_ms: call.answeredAt !== null && call.endedAt !== null ? call.endedAt - call.answeredAt : null,
      outcome: call.outcome,
      transferred_to: call.transferredTo,
    });
    if (!this.stopped) this.deps.emit('call.ended', { call: this.view(call, live?.identity ?? null) });
    this.pushStatus();
  }

  private record(call: LiveCall, e164: string | null, identity: CallerMatch | null, user: string | null): void {
    try {
      this.deps.store.write(user, (w) =>
        this.rows.insertCall(w, call.id, {
          direction: call.direction,
          number: call.number,
          e164,
          remote_name: call.remoteName,
          identity_id: identity?.id ?? null,
          user_id: user,
          sip_call_id: call.sipCallId,
          started_at: call.startedAt,
          answered_at: call.answeredAt,
        }),
      );
    } catch (err) {
      // A call goes on even if its record cannot be written (disk full, read-only store).
      this.deps.log.error('call record not written', { callId: call.id, err });
    }
  }

  private write(id: string, patch: Partial<CallRow>): void {
    if (this.stopped && !this.deps.store.db.open) return;
    try {
      this.deps.store.write(this.deps.currentUser(), (w) => this.rows.updateCall(w, id, patch));
    } catch (err) {
      this.deps.log.error('call record not updated', { callId: id, err });
    }
  }

  private lookup(number: string): { e164: string | null; matches: CallerMatch[] } {
    if (!dialableNumber(number)) return { e164: null, matches: [] };
    const found = this.deps.identities.lookupPhone(number);
    return {
      e164: found.e164,
      matches: found.matches.slice(0, 5).map((m) => ({
        id: m.id,
        kind: m.kind,
        displayName: m.displayName,
        organisationName: m.organisationName,
        jobTitle: m.jobTitle,
        phoneKind: m.phoneKind,
      })),
    };
  }

  private recentOf(identityId: string): RecentItem[] {
    try {
      return this.deps.recent(identityId, 3);
    } catch (err) {
      this.deps.log.warn('recent history unavailable', { err });
      return [];
    }
  }

  private view(call: LiveCall, identity?: CallerMatch | null): CallView {
    const { sipCallId: _sip, ...rest } = call;
    return { ...rest, identity: identity !== undefined ? identity : (this.live.get(call.id)?.identity ?? null) };
  }

  private pushStatus(): void {
    if (!this.stopped) this.deps.emit('phone.status', this.status());
  }

  /** Calls an earlier run never saw end (the app stopped mid-call) get their outcome now. */
  private closeUnfinished(): void {
    const open = this.rows.unfinished();
    if (open.length === 0) return;
    this.deps.store.write(null, (w) => {
      for (const c of open) {
        const outcome = c.answered_at !== null ? 'answered' : c.direction === 'incoming' ? 'missed' : 'failed';
        this.rows.updateCall(w, c.id, { outcome });
      }
    });
  }

  // ---- records ----

  history(q: { filter: CallFilter; identityId?: string | undefined; before?: { at: number; id: string } | undefined; limit: number }, userId: string | null): CallPage {
    const rows = this.rows.calls(q.filter, q.identityId ?? null, q.before ?? null, q.limit + 1);
    const more = rows.length > q.limit;
    if (more) rows.pop();
    const last = rows[rows.length - 1];
    return {
      items: rows.map((r) => this.toRecord(r)),
      next: more && last ? { at: last.started_at, id: last.id } : null,
      missedUnseen: this.rows.unansweredSince(userId ? (this.rows.preferences(userId)?.history_seen_at ?? 0) : 0),
    };
  }

  /** The user opened the call history: the missed-calls badge starts again from zero. */
  markSeen(userId: string | null): { missedUnseen: number } {
    if (userId) this.savePreferences(userId, { history_seen_at: this.deps.clock.now() });
    return { missedUnseen: 0 };
  }

  /** The post-call form: subject, summary, an optional follow-up, and whose call it was. */
  log(
    input: { id: string; subject: string; summary: string; followUp?: { at: number; note: string } | undefined; identityId?: string | undefined },
    userId: string | null,
  ): CallRecord {
    this.deps.store.write(userId, (w) => {
      const before = this.rows.call(input.id);
      if (!before) throw notFound('calls.recordNotFound');
      if (input.identityId && !this.deps.identities.exists(input.identityId)) {
        throw invalid('calls.identityNotFound', [{ path: ['identityId'], key: 'calls.identityNotFound' }]);
      }
      this.rows.updateCall(w, input.id, {
        subject: input.subject,
        summary: input.summary || null,
        follow_up_at: input.followUp?.at ?? null,
        follow_up_note: input.followUp?.note || null,
        logged_at: this.deps.clock.now(),
        ...(input.identityId ? { identity_id: input.identityId } : {}),
      });
      // The follow-up itself, once per date and note asked for (the form saved again unchanged adds none).
      const f = input.followUp;
      if (f && userId && this.deps.followups && (before.follow_up_at !== f.at || (before.follow_up_note ?? '') !== f.note)) {
        this.deps.followups.attach(w, { item: { kind: CALL_ITEM_KIND, id: input.id }, note: f.note || input.subject, next: { at: f.at, hasTime: true } }, userId);
      }
    });
    return this.toRecord(this.rows.call(input.id)!);
  }

  /** One call record (null when there is none), for the call item kind. */
  call(id: string): CallRow | undefined {
    return this.rows.call(id);
  }

  /**
   * Files a call under an identity (an unknown number "added to an existing identity"); with
   * `addNumber`, the call's number also joins that identity's phones, through the identities
   * service (its own checks and change log).
   */
  assign(id: string, identityId: string, addNumber: PhoneKind | null, userId: string | null): CallRecord {
    const call = this.rows.call(id);
    if (!call) throw notFound('calls.recordNotFound');
    if (!this.deps.identities.exists(identityId)) throw notFound('calls.identityNotFound');
    const who = this.deps.identities.get(identityId);
    if (addNumber && call.number && !who.phones.some((p) => p.e164 !== null && p.e164 === call.e164)) {
      this.deps.identities.update(withPhone(who, addNumber, call.number), userId);
    }
    this.deps.store.write(userId, (w) => this.rows.updateCall(w, id, { identity_id: identityId }));
    const live = this.live.get(id);
    if (live) {
      live.identity = {
        id: who.id,
        kind: who.kind,
        displayName: who.displayName,
        organisationName: who.organisation?.displayName ?? who.organisationName,
        jobTitle: who.jobTitle,
        phoneKind: addNumber ?? 'other',
      };
      this.pushStatus();
    }
    return this.toRecord(this.rows.call(id)!);
  }

  screenPop(userId: string | null): ScreenPop {
    const p = userId ? this.rows.preferences(userId) : undefined;
    return p ? { action: p.screen_pop, item: p.screen_pop_item } : DEFAULT_SCREEN_POP;
  }

  setScreenPop(userId: string | null, pop: ScreenPop): ScreenPop {
    if (!userId) throw new ApiError('forbidden', 'request.forbidden');
    this.savePreferences(userId, { screen_pop: pop.action, screen_pop_item: pop.item });
    return this.screenPop(userId);
  }

  private savePreferences(userId: string, patch: { screen_pop?: string; screen_pop_item?: string; history_seen_at?: number }): void {
    this.deps.store.write(userId, (w) => {
      const current = this.rows.preferences(userId);
      if (current) w.update('phone_preferences', current.id, patch);
      else w.insert('phone_preferences', { user_id: userId, ...patch });
    });
  }

  timelineSource(): TimelineSource {
    return {
      kind: 'call',
      page: (identityId, before, limit) =>
        this.rows.calls('all', identityId, before ? { at: before.at, id: before.key } : null, limit).map((r): TimelineEntry => {
          const data: CallTimelineData = {
            direction: r.direction,
            number: r.number,
            remoteName: r.remote_name,
            outcome: r.outcome,
            durationMs: r.duration_ms,
            subject: r.subject,
            summary: r.summary,
            followUpAt: r.follow_up_at,
            followUpNote: r.follow_up_note,
          };
          return { kind: 'call', key: r.id, at: r.started_at, actorId: r.user_id, data };
        }),
    };
  }

  private toRecord(r: CallRow): CallRecord {
    const name = r.identity_id ? this.deps.identities.nameOf(r.identity_id) : null;
    return {
      id: r.id,
      direction: r.direction,
      number: r.number,
      remoteName: r.remote_name,
      identity: r.identity_id && name !== null ? { id: r.identity_id, displayName: name } : null,
      startedAt: r.started_at,
      answeredAt: r.answered_at,
      endedAt: r.ended_at,
      durationMs: r.duration_ms,
      outcome: r.outcome,
      subject: r.subject,
      summary: r.summary,
      followUpAt: r.follow_up_at,
      followUpNote: r.follow_up_note,
      loggedAt: r.logged_at,
      transferredTo: r.transferred_to,
    };
  }
}

/** The softphone's and the media's refusals, as the API says them. */
export function apiErrorOf(err: unknown): unknown {
  if (err instanceof SoftphoneError) {
    switch (err.reason) {
      case 'not-registered':
        return new ApiError('unavailable', 'calls.notRegistered');
      case 'no-call':
        return new ApiError('not-found', 'calls.noCall');
      case 'bad-number':
        return invalid('calls.numberInvalid', [{ path: ['number'], key: 'calls.numberInvalid' }]);
      case 'lines-busy':
        return new ApiError('conflict', 'calls.linesBusy');
      case 'bad-state':
        return new ApiError('conflict', 'calls.badState');
    }
  }
  if (err instanceof MediaUnavailableError) return new ApiError('unavailable', 'calls.noMedia');
  return err;
}

export type { RegistrationState };

/** The whole identity as an update (its own rows kept by id) with one phone more. */
function withPhone(x: Identity, kind: PhoneKind, number: string): IdentityUpdateInput {
  return {
    id: x.id,
    kind: x.kind,
    honorific: x.honorific ?? undefined,
    firstName: x.firstName ?? undefined,
    lastName: x.lastName ?? undefined,
    organisationName: x.organisationName ?? undefined,
    organisationId: x.organisation?.id ?? null,
    jobTitle: x.jobTitle ?? undefined,
    tags: x.tags,
    notes: x.notes ?? undefined,
    phones: [...x.phones.map((p) => ({ id: p.id, kind: p.kind, number: p.number })), { kind, number }],
    emails: x.emails.map((e) => ({ id: e.id, kind: e.kind, address: e.address })),
    addresses: x.addresses.map((a) => ({ id: a.id, kind: a.kind, line: a.line, city: a.city ?? undefined, postalCode: a.postalCode ?? undefined })),
  };
}
