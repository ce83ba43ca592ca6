/**
 * The capability manifest: how one folder of main/ says, in one place, everything it brings
 * to the backend — its methods, permissions, messages, events, identity-history sources,
 * change describers and background work. main/capabilities.ts lists the manifests; the
 * backend loops over that list. See docs/architecture.md, "The capability manifest".
 *
 * This file is machinery: it names no capability.
 */
import { z } from 'zod';
import type { Clock } from '../../db/ids';
import type { Storage } from '../../db/storage';
import type { Store } from '../../db/writer';
import type { Logger } from './log';
import type { SecretBox } from './secrets';
import type { Language, Catalogue } from './messages';
import type { ItemKind, ItemRegistry } from './items';
import type { Caller } from './router';

/** The roles every new store is created with; a capability grants its permissions to them. */
export const BUILT_IN_ROLE_KEYS = ['admin', 'office-manager', 'receptionist', 'staff'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLE_KEYS)[number];

/** One API method: its input schema, the permission it needs (null: anyone), its handler. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  permission: string | null;
  run: (input: z.output<I>, caller: Caller) => O | Promise<O>;
}

export function method<I extends z.ZodType, O>(
  input: I,
  permission: string | null,
  run: (input: z.output<I>, caller: Caller) => O | Promise<O>,
): MethodDef<I, Awaited<O>> {
  return { input, permission, run: run as MethodDef<I, Awaited<O>>['run'] };
}

/** The input of a method that takes none: `{}` or nothing, and no stray keys. */
export const NoInput = z.object({}).strict().default({});

/** Declares a pushed event and the type of its payload (the value is only a marker). */
export interface EventSpec<P> {
  readonly payload?: P;
}
export const event = <P>(): EventSpec<P> => ({});

/**
 * One kind of thing in an identity's history (notes, changes, appointments, calls, …).
 * A source answers its newest entries strictly before the cursor, newest first, keyset
 * paged on (at, key); keys are time-ordered UUIDv7s, unique across sources.
 */
export interface TimelineEntry {
  kind: string;
  key: string;
  at: number;
  /** Who did it; the history capability turns it into a name. */
  actorId: string | null;
  /** What the kind's renderer shows; plain data, rendered as text. */
  data: unknown;
}
export interface TimelineSource {
  kind: string;
  page(identityId: string, before: { at: number; key: string } | null, limit: number): TimelineEntry[];
}

/** How a value reads in the change log. The renderer formats each kind; it never sees a column name. */
export type ValueKind = 'text' | 'multiline' | 'enum' | 'reference' | 'phone' | 'email' | 'date' | 'datetime' | 'number' | 'boolean' | 'list';
export interface FieldDescription {
  /** Translation key of the field's label (the renderer's catalogue). */
  label: string;
  kind: ValueKind;
  /** enum: the value v reads as the translation key `${enumPrefix}.${v}`. */
  enumPrefix?: string;
  /** reference: the referenced record's name (kept after it is deleted). */
  resolve?: (id: string) => string | null;
}
export interface TableDescription {
  /** Translation key of what a row of this table is ("phone", "appointment"). */
  entity: string;
  /** Only these fields appear in the change log; derived and internal ones are left out. */
  fields: Record<string, FieldDescription>;
}
export type ChangeDescribers = Record<string, TableDescription>;

/** Timers, injected like the clock so a test can drive time; the real ones by default. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending timer must not keep a process alive that is otherwise done (tests, tools).
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface DesktopNotification {
  title: string;
  body: string;
}
/** The operating system's notification, as the host provides it (the desktop app and the web host do). */
export interface DesktopNotifier {
  show(n: DesktopNotification): Promise<void>;
}

/** A clash a conflict rule found: the row it was asked about and another. */
export interface FoundConflict {
  /** Message key of the rule (the renderer's catalogue reads it), e.g. 'calendar.conflict.roomBusy'. */
  rule: string;
  otherTable: string;
  otherId: string;
  /** The people who should decide (usually the authors of both rows). */
  parties: string[];
  /** Parameters the message shows (a room's name, a time). */
  details?: Record<string, string | number>;
}

/**
 * A domain rule for one table: after a change received from the server touched a row, does
 * that row now clash with another in a way a field-by-field merge cannot settle (the same
 * room booked twice offline)? It reads the store, never writes. Each clash becomes one
 * conflict record for the people named, the same on every desk that finds it.
 */
export interface ConflictRule {
  table: string;
  detect(store: Store, rowId: string): FoundConflict[];
}

/**
 * What a capability tells the sync client about its tables (main/sync):
 *  - `derived`: rebuild what is computed from rows (a search index) once changes received
 *    from the server were applied to them; called in the same transaction with the row ids;
 *  - `conflicts`: domain conflict rules (above).
 * Tables need no line here to sync: that is decided by db/sync/policy.ts.
 */
export interface SyncHooks {
  derived?: Record<string, (rowIds: string[]) => void>;
  conflicts?: ConflictRule[];
}

/** What the backend hands each capability. */
export interface CapabilityContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Logger;
  readonly dataDir: string;
  readonly version: string;
  readonly timers: Timers;
  /** Native notifications, or null where there is no desktop to show them on (tests, tools). */
  readonly notifier: DesktopNotifier | null;
  /**
   * Seals secrets a capability must keep (a SIP password): the OS keychain through the shell
   * in the app, a key file in the data folder elsewhere (main/api/secrets.ts).
   */
  readonly secrets: SecretBox;
  /** The store file's safety: health, checks, backups, restore (db/storage.ts); a restore calls onReopen listeners. */
  readonly storage: Storage;
  /** What the host or a test set for this capability (BackendOptions.capabilityOptions), if anything. */
  options<T>(capability: string): T | undefined;
  /** Another capability's service. It must come earlier in main/capabilities.ts (no cycles). */
  use<T>(capability: string): T;
  /** Pushes a declared event to every connected window. */
  emit(event: string, payload: unknown): void;
  /** The desk's interface language, for text the backend writes (notifications, messages). */
  language(): Language;
  /** Every permission and its grants to the built-in roles, from all manifests. */
  permissions(): { all: readonly string[]; grants: Readonly<Record<BuiltInRole, readonly string[]>> };
  /** Contributions of every manifest, available once all services exist (read them lazily). */
  timelineSources(): readonly TimelineSource[];
  changeDescribers(): Readonly<ChangeDescribers>;
  /** Every manifest's item kinds (what reminders and follow-ups attach to); filled before any start(). */
  items(): ItemRegistry;
  syncHooks(): readonly SyncHooks[];
}

export interface Capability<
  Name extends string = string,
  Svc = unknown,
  Methods extends Record<string, MethodDef> = Record<string, MethodDef>,
  Events extends Record<string, EventSpec<unknown>> = Record<string, EventSpec<unknown>>,
> {
  name: Name;
  /** Permission → the built-in roles it is granted to (admin has every permission). */
  permissions?: Record<string, readonly BuiltInRole[]>;
  /** Backend sentences by key, in Persian and English. */
  messages?: Catalogue;
  events?: Events;
  service: (ctx: CapabilityContext) => Svc;
  methods?: (svc: Svc, ctx: CapabilityContext) => Methods;
  timeline?: (svc: Svc, ctx: CapabilityContext) => TimelineSource[];
  changes?: (svc: Svc, ctx: CapabilityContext) => ChangeDescribers;
  /** Kinds of its items others may attach reminders, follow-ups and messages to. */
  items?: (svc: Svc, ctx: CapabilityContext) => ItemKind[];
  /** Derived state and conflict rules of its tables, for the sync client. */
  sync?: (svc: Svc, ctx: CapabilityContext) => SyncHooks;
  /** Background work (schedulers, a SIP user agent); runs after every service exists. */
  start?: (svc: Svc, ctx: CapabilityContext) => void | Promise<void>;
  stop?: (svc: Svc) => void | Promise<void>;
  /**
   * Roles the backend itself needs filled, each by exactly one capability: who is calling
   * (the signed-in user) and the desk's language.
   */
  provides?: {
    caller?: (svc: Svc) => Caller;
    language?: (svc: Svc) => Language;
  };
}

export function defineCapability<
  Name extends string,
  Svc,
  Methods extends Record<string, MethodDef> = Record<never, MethodDef>,
  Events extends Record<string, EventSpec<unknown>> = Record<never, EventSpec<unknown>>,
>(c: Capability<Name, Svc, Methods, Events>): Capability<Name, Svc, Methods, Events> {
  return c;
}

// ---- Assembling the contract type from a list of manifests (main/contract.ts uses these) ----

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
// Inferred from the properties alone: a manifest's service type sits in parameter
// positions, so matching the whole Capability type would never succeed.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MethodsOf<C> = C extends { methods?: (...args: any[]) => infer M } ? M : never;
type EventsOf<C> = C extends { events?: infer E } ? NonNullable<E> : never;

/** method name → its MethodDef, for every manifest in the list. */
export type ContractOf<List extends readonly unknown[]> = UnionToIntersection<MethodsOf<List[number]>>;
/** event name → payload type, for every manifest in the list (plus the core events). */
export type EventsOfList<List extends readonly unknown[]> = CoreEvents & {
  [K in keyof UnionToIntersection<EventsOf<List[number]>>]: UnionToIntersection<EventsOf<List[number]>>[K] extends EventSpec<infer P>
    ? P
    : never;
};

/** Events the machinery itself pushes. */
export interface CoreEvents {
  /** Something was written: queries reading these tables refetch. */
  'data.changed': { tables: string[]; root: { table: string; id: string } | null };
}
