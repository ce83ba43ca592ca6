/**
 * The phone capability's part of the contract: input schemas (zod) and the shapes of calls,
 * records, status and the media protocol. Pure: the renderer imports the types.
 */
import { z } from 'zod';
import { dialableNumber } from './dialing';

export const CALL_DIRECTIONS = ['incoming', 'outgoing'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
export const CALL_OUTCOMES = ['answered', 'missed', 'rejected', 'busy', 'failed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
/** ringing: incoming, not answered yet; dialing: outgoing, not answered yet. */
export type CallState = 'ringing' | 'dialing' | 'connected' | 'ended';

/** The identity a number belongs to, as a popup and the call list show it. */
export interface CallerMatch {
  id: string;
  kind: 'person' | 'organisation';
  displayName: string;
  organisationName: string | null;
  jobTitle: string | null;
  phoneKind: string;
}

/** One call as the windows see it while it lasts and just after. Text from the network is plain text. */
export interface CallView {
  /** Also the id of its call record. */
  id: string;
  direction: CallDirection;
  /** The other side's number (digits), or its user part as plain text; '' when withheld. */
  number: string;
  /** The other side's display name from SIP, plain text. */
  remoteName: string | null;
  withheld: boolean;
  state: CallState;
  /** Another call was up when this one came in (call waiting). */
  waiting: boolean;
  held: boolean;
  muted: boolean;
  /** The far end rings (outgoing, 180 received). */
  remoteRinging: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  outcome: CallOutcome | null;
  /** Blind or attended transfer: where the call went. */
  transferredTo: string | null;
  identity: CallerMatch | null;
}

export type RegistrationState = 'off' | 'connecting' | 'registered' | 'unregistered';
export type RegistrationError = 'auth' | 'certificate' | 'network' | 'rejected' | null;

export interface PhoneStatus {
  state: RegistrationState;
  /** Why the last attempt failed; null when registered or never tried. */
  error: RegistrationError;
  /** When the next attempt is due (epoch ms), while not registered. */
  retryAt: number | null;
  /** The account's extension and server, or null when none is set. */
  account: { user: string; server: string } | null;
  dnd: boolean;
  calls: CallView[];
}

export const SCREEN_POP_ACTIONS = ['profile', 'new-item', 'nothing'] as const;
export type ScreenPopAction = (typeof SCREEN_POP_ACTIONS)[number];
/**
 * Which new-item form a screen pop opens: the `kind` of one of the renderer features'
 * `newItemForms` (renderer/app/feature.ts: note, task, appointment, …). The backend only keeps
 * the user's choice; the window that opens the form knows which forms exist, and opens the
 * profile alone when the chosen one is gone (a feature removed, a permission taken away).
 */
export const ScreenPopItem = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'calls.screenPopItem');
export type ScreenPopItem = z.infer<typeof ScreenPopItem>;

export interface ScreenPop {
  action: ScreenPopAction;
  item: ScreenPopItem;
}

/** A timeline line of an identity's recent history, as the popup shows it. */
export interface RecentItem {
  kind: string;
  at: number;
  data: unknown;
}

export interface IncomingCall {
  call: CallView;
  /** Every identity the number belongs to (persons and organisations), best first. */
  matches: CallerMatch[];
  /** The first match's newest history items. */
  recent: RecentItem[];
  /** The signed-in user's choice of what to open. */
  screenPop: ScreenPop;
}

/** A call record: what the call history and an identity's history show. */
export interface CallRecord {
  id: string;
  direction: CallDirection;
  number: string;
  remoteName: string | null;
  identity: { id: string; displayName: string } | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  durationMs: number | null;
  outcome: CallOutcome | null;
  subject: string | null;
  summary: string | null;
  followUpAt: number | null;
  followUpNote: string | null;
  loggedAt: number | null;
  transferredTo: string | null;
}

export interface CallPage {
  items: CallRecord[];
  next: { at: number; id: string } | null;
  /** Incoming calls not answered since the history was last opened. */
  missedUnseen: number;
}

/** The `data` of a call in an identity's history. */
export type CallTimelineData = Pick<
  CallRecord,
  'direction' | 'number' | 'remoteName' | 'outcome' | 'durationMs' | 'subject' | 'summary' | 'followUpAt' | 'followUpNote'
>;

// ---- The media protocol between the backend (media.ts) and the renderer's engine ----

export type MediaOp =
  /** An offer, or the answer to the remote offer just applied; sendonly when hold. */
  | { op: 'describe'; hold: boolean }
  /** The remote offer or answer. */
  | { op: 'apply'; sdp: string }
  | { op: 'rollback' }
  | { op: 'dtmf'; tones: string }
  | { op: 'mute'; muted: boolean }
  | { op: 'close' };
export type MediaRequest = MediaOp & { engineId: string; requestId: number; callId: string };

export const MediaReplyInput = z.object({
  requestId: z.number().int().positive(),
  ok: z.boolean(),
  sdp: z.string().max(64 * 1024).optional(),
  error: z.string().max(500).optional(),
});
export type MediaReply = z.infer<typeof MediaReplyInput>;
export const MediaEngineInput = z.object({
  engineId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  /** The window is shown (document.visibilityState); a hidden one gets native notifications instead. */
  visible: z.boolean().default(true),
});

// ---- Inputs ----

const callId = z.uuid();
const text = (max: number) => z.string().trim().max(max);
const sipUser = z.string().trim().regex(/^[A-Za-z0-9_.+*#-]{1,64}$/, 'calls.account.userFormat');

export const PhoneAccountInput = z.object({
  /** ws:// or wss:// of the PBX's WebSocket. */
  server: z
    .string()
    .trim()
    .max(300)
    .refine((s) => {
      try {
        const u = new URL(s);
        return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.hostname !== '';
      } catch {
        return false;
      }
    }, 'calls.account.serverFormat'),
  /** The extension (SIP user). */
  user: sipUser,
  /** When the PBX's auth name differs from the extension. */
  authUser: sipUser.optional(),
  /** Absent: keep the stored one. */
  password: z.string().max(200).optional(),
  /** The SIP domain; the server's host when absent. */
  domain: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/, 'calls.account.domainFormat')
    .optional(),
  displayName: text(80).optional(),
  /** PEM of a private CA to trust for wss://; '' removes it. */
  trustedCaPem: z
    .string()
    .trim()
    .max(20_000)
    .refine((s) => s === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(s), 'calls.account.caFormat')
    .optional(),
  enabled: z.boolean().default(true),
});
export type PhoneAccountInputT = z.infer<typeof PhoneAccountInput>;

/** The account as the settings form shows it: never the password itself. */
export interface PhoneAccountView {
  server: string;
  user: string;
  authUser: string | null;
  domain: string | null;
  displayName: string | null;
  hasPassword: boolean;
  trustedCaPem: string | null;
  enabled: boolean;
}

export const DialInput = z.object({
  number: z
    .string()
    .max(64)
    .refine((s) => dialableNumber(s) !== null, 'calls.numberInvalid'),
});
export const CallRef = z.object({ callId });
export const HoldInput = z.object({ callId, held: z.boolean() });
export const MuteInput = z.object({ callId, muted: z.boolean() });
export const DtmfInput = z.object({ callId, tones: z.string().regex(/^[0-9*#A-Da-d]{1,32}$/, 'calls.dtmfFormat') });
export const BlindTransferInput = z.object({
  callId,
  to: z
    .string()
    .max(64)
    .refine((s) => dialableNumber(s) !== null, 'calls.numberInvalid'),
});
export const AttendedTransferInput = z.object({ callId, consultCallId: callId });
export const DndInput = z.object({ on: z.boolean() });

export const CALL_FILTERS = ['all', 'missed', 'incoming', 'outgoing'] as const;
export const CallHistoryQuery = z.object({
  filter: z.enum(CALL_FILTERS).default('all'),
  identityId: z.uuid().optional(),
  before: z.object({ at: z.number().int().nonnegative(), id: z.uuid() }).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const CallLogInput = z.object({
  id: z.uuid(),
  subject: text(200).min(1),
  summary: text(5000).default(''),
  followUp: z
    .object({
      at: z.number().int().positive(),
      note: text(500).default(''),
    })
    .optional(),
  /** Files the call under this identity (an unknown number "added to an existing identity"). */
  identityId: z.uuid().optional(),
});

/** Files a call under an identity; with addNumber, the call's number also joins that identity's phones. */
export const CallAssignInput = z.object({
  id: z.uuid(),
  identityId: z.uuid(),
  addNumber: z.enum(['mobile', 'work', 'home', 'fax', 'other']).optional(),
});

export const ScreenPopInput = z.object({
  action: z.enum(SCREEN_POP_ACTIONS),
  item: ScreenPopItem.default('note'),
});
