import { defineCapability, event, method, NoInput, type CapabilityContext } from '../api/capability';
import { text } from '../api/messages';
import type { FollowUpService } from '../followups/service';
import type { IdentityService } from '../identities/service';
import type { OrganisationService } from '../organisation/service';
import type { Timeline } from '../history/timeline';
import type { SessionService } from '../session/service';
import type { MediaProvider } from './media';
import { callItemKind } from './item-kind';
import { messages } from './messages';
import {
  AttendedTransferInput,
  BlindTransferInput,
  CallAssignInput,
  CallHistoryQuery,
  CallLogInput,
  CallRef,
  DialInput,
  DndInput,
  DtmfInput,
  HoldInput,
  MediaEngineInput,
  MediaReplyInput,
  MuteInput,
  PhoneAccountInput,
  ScreenPopInput,
  type CallView,
  type IncomingCall,
  type MediaRequest,
  type PhoneStatus,
} from './schema';
import { PhoneService, type PhoneEvents } from './service';
import type { Backoff } from './softphone';

export interface PhoneOptions {
  /** Fixed-SDP media for Node tests and the bench (main/phone/fixed-sdp.ts). */
  media?: () => MediaProvider;
  backoff?: Backoff;
  pingIntervalMs?: number;
}

/**
 * The softphone: SIP.js in the backend, caller-ID popups, click-to-call, call records in the
 * call history and in each identity's history. `phoneCapability(options)` lets tests run it
 * with fixed media; the app uses `phone`.
 */
export function phoneCapability(options: PhoneOptions = {}) {
  return defineCapability({
    name: 'phone',
    permissions: {
      'phone.use': ['office-manager', 'receptionist', 'staff'],
      'phone.configure': ['office-manager', 'receptionist'],
    },
    messages,
    events: {
      /** Registration, do-not-disturb and the calls in progress; pushed on every change. */
      'phone.status': event<PhoneStatus>(),
      /** An incoming call rings: the caller, the identities the number belongs to, the screen pop. */
      'call.incoming': event<IncomingCall>(),
      /** A call ended (the post-call log form opens for it). */
      'call.ended': event<{ call: CallView }>(),
      /** A step of a call's media for the renderer's engine (main/phone/media.ts). */
      'phone.media.request': event<MediaRequest>(),
    },
    service: (ctx: CapabilityContext) => {
      const history = ctx.use<{ timeline: Timeline }>('history');
      const session = ctx.use<SessionService>('session');
      return new PhoneService({
        store: ctx.store,
        clock: ctx.clock,
        log: ctx.log,
        secrets: ctx.secrets,
        identities: ctx.use<IdentityService>('identities'),
        // The popup's recent history: what was done with the caller (notes, calls, meetings),
        // never the audit trail of edits. The change log is left out of the query itself (not
        // filtered out afterwards), so it costs nothing on the way to the popup and a few edits
        // can never push the real items off the page.
        recent: (identityId, limit) =>
          history.timeline
            .page(identityId, { limit, kinds: recentKinds(ctx) })
            .items.map((i) => ({ kind: i.kind, at: i.at, data: i.data })),
        currentUser: () => session.caller().userId,
        followups: ctx.use<FollowUpService>('followups'),
        emit: <E extends keyof PhoneEvents>(e: E, payload: PhoneEvents[E]) => ctx.emit(e, payload),
        // Through the host's notifier, which keeps a caller's display name (from the network)
        // plain text: notification bodies are markup on Linux, and a title starting with "-"
        // would be read as an option by notify-send (main/host/desktop-notifier.ts).
        notify: (call) => {
          const name = call.identity?.displayName ?? call.remoteName ?? call.number;
          ctx.notifier
            ?.show({ title: text('calls.notify.title', ctx.language(), { name }), body: call.number || name })
            .catch((err: unknown) => ctx.log.warn('notification not shown', { error: String(err) }));
        },
        ...(options.media ? { media: options.media() } : {}),
        ...(options.backoff ? { backoff: options.backoff } : {}),
        ...(options.pingIntervalMs ? { pingIntervalMs: options.pingIntervalMs } : {}),
      });
    },
    methods: (svc) => ({
      'phone.status': method(NoInput, 'phone.use', () => svc.status()),
      'phone.account.get': method(NoInput, 'phone.configure', () => svc.account()),
      'phone.account.save': method(PhoneAccountInput, 'phone.configure', (input) => svc.saveAccount(input)),
      'phone.dnd': method(DndInput, 'phone.use', (input) => svc.setDoNotDisturb(input.on)),
      'phone.dial': method(DialInput, 'phone.use', (input) => svc.dial(input.number)),
      'phone.answer': method(CallRef, 'phone.use', (input) => svc.answer(input.callId).then(() => ({}))),
      'phone.decline': method(CallRef, 'phone.use', (input) => svc.decline(input.callId).then(() => ({}))),
      'phone.hangup': method(CallRef, 'phone.use', (input) => svc.hangup(input.callId).then(() => ({}))),
      'phone.hold': method(HoldInput, 'phone.use', (input) => svc.hold(input.callId, input.held).then(() => ({}))),
      'phone.mute': method(MuteInput, 'phone.use', (input) => svc.mute(input.callId, input.muted).then(() => ({}))),
      'phone.dtmf': method(DtmfInput, 'phone.use', (input) => svc.dtmf(input.callId, input.tones).then(() => ({}))),
      'phone.transfer': method(BlindTransferInput, 'phone.use', (input) => svc.transfer(input.callId, input.to).then(() => ({}))),
      'phone.transferAttended': method(AttendedTransferInput, 'phone.use', (input) =>
        svc.transferAttended(input.callId, input.consultCallId).then(() => ({})),
      ),
      'phone.calls.list': method(CallHistoryQuery, 'phone.use', (input, caller) => svc.history(input, caller.userId)),
      'phone.calls.seen': method(NoInput, 'phone.use', (_input, caller) => svc.markSeen(caller.userId)),
      'phone.calls.log': method(CallLogInput, 'phone.use', (input, caller) => svc.log(input, caller.userId)),
      'phone.calls.assign': method(CallAssignInput, 'phone.use', (input, caller) =>
        svc.assign(input.id, input.identityId, input.addNumber ?? null, caller.userId),
      ),
      'phone.screenPop.get': method(NoInput, 'phone.use', (_input, caller) => svc.screenPop(caller.userId)),
      'phone.screenPop.set': method(ScreenPopInput, 'phone.use', (input, caller) => svc.setScreenPop(caller.userId, input)),
      'phone.media.attach': method(MediaEngineInput, 'phone.use', (input) => (svc.attachEngine(input.engineId, input.visible), {})),
      'phone.media.detach': method(MediaEngineInput, 'phone.use', (input) => (svc.detachEngine(input.engineId), {})),
      'phone.media.respond': method(MediaReplyInput, 'phone.use', (input) => (svc.mediaReply(input), {})),
    }),
    timeline: (svc) => [svc.timelineSource()],
    // Reminders and follow-ups attach to calls ("call them back at 4").
    items: (svc, ctx) => [
      callItemKind({
        call: (id) => svc.call(id),
        identityName: (id) => ctx.use<IdentityService>('identities').nameOf(id),
        permissionsOf: (userId) => ctx.use<OrganisationService>('organisation').callerOf(userId).permissions,
        language: ctx.language,
      }),
    ],
    changes: (_svc, ctx) => {
      const identityName = (id: string) => ctx.use<IdentityService>('identities').nameOf(id);
      return {
        call_records: {
          entity: 'phone.entity.call',
          fields: {
            outcome: { label: 'phone.field.outcome', kind: 'enum', enumPrefix: 'phone.outcome' },
            identity_id: { label: 'phone.field.identity', kind: 'reference', resolve: identityName },
            subject: { label: 'phone.field.subject', kind: 'text' },
            summary: { label: 'phone.field.summary', kind: 'multiline' },
            follow_up_at: { label: 'phone.field.followUpAt', kind: 'datetime' },
            follow_up_note: { label: 'phone.field.followUpNote', kind: 'text' },
          },
        },
        phone_preferences: {
          entity: 'phone.entity.preferences',
          fields: {
            screen_pop: { label: 'phone.field.screenPop', kind: 'enum', enumPrefix: 'phone.screenPop' },
          },
        },
      };
    },
    start: (svc) => svc.start(),
    stop: (svc) => svc.stop(),
  });
}

export const phone = phoneCapability();

/** Every history kind but the change log (read at call time: sources register after services). */
function recentKinds(ctx: CapabilityContext): string[] {
  return ctx
    .timelineSources()
    .map((s) => s.kind)
    .filter((k) => k !== 'change');
}
