import { join } from 'node:path';
import type { Db } from '../db/connection';
import { systemClock, type Clock } from '../db/ids';
import { storeOn } from '../db/open-store';
import { Storage } from '../db/storage';
import { StorageFaultError } from '../db/storage-faults';
import { RowNotFoundError, type Store } from '../db/writer';
import {
  BUILT_IN_ROLE_KEYS,
  type BuiltInRole,
  type Capability,
  type CapabilityContext,
  type ChangeDescribers,
  type DesktopNotifier,
  realTimers,
  type SyncHooks,
  type TimelineSource,
  type Timers,
} from './api/capability';
import { ApiError } from './api/errors';
import { ItemRegistry } from './api/items';
import type { Logger } from './api/log';
import { KeyFileSecretBox, type SecretBox } from './api/secrets';
import { registerMessages, type Language } from './api/messages';
import { Router, type Caller } from './api/router';
import { CAPABILITIES } from './capabilities';
import { storageApiError } from './storage/faults';

export interface BackendOptions {
  dataDir: string;
  version?: string;
  clock?: Clock;
  /** Where the backend's log lines go; the host decides (a file in the data folder, stderr in a tool). */
  logger: Logger;
  /** Where pushed events go; the host fans them out to its windows. */
  events?: (event: string, payload: unknown) => void;
  /** Timers for background work (the reminder scheduler); tests drive their own. */
  timers?: Timers;
  /** Native notifications; the hosts hand in the desktop's, tests a recorder or nothing. */
  notifier?: DesktopNotifier;
  /** The capability list; tests hand in a longer or shorter one. */
  capabilities?: readonly Capability<string, unknown>[];
  /** How secrets are sealed; the app's host passes the shell's (safeStorage). Default: a key file in the data folder. */
  secrets?: SecretBox;
  /** Who holds the data folder while this backend runs, for the message a second instance shows ('app', 'web host'). */
  program?: string;
  /** Options for one capability, by its name (tests: a cheap password hash, no background maintenance). */
  capabilityOptions?: Readonly<Record<string, unknown>>;
}

export interface Backend {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly log: Logger;
  /** The current connection (a restore replaces it). */
  readonly db: Db;
  /** The store file and its safety: lock, health, backups (db/storage.ts). */
  readonly storage: Storage;
  readonly store: Store;
  readonly router: Router;
  /** A capability's service, by the capability's name. */
  service<T>(capability: string): T;
  caller(): Caller;
  /** Calls a method as the signed-in user, as a window would. */
  call(method: string, input: unknown): ReturnType<Router['call']>;
  /** Events declared by the manifests, plus the core ones. */
  readonly eventNames: ReadonlySet<string>;
  close(): Promise<void>;
}

/**
 * The backend: opens the store in the data folder and wires every capability of
 * main/capabilities.ts to one router, in list order (docs/architecture.md, "How a request
 * flows"). It knows no transport: hosts hand it a logger and an event sink, and connect
 * their windows to its router. Runs unchanged in Electron's utilityProcess, under the web
 * host and in tests. Its store is opened through db/storage.ts: one process per data
 * folder, a check after a crash, a copy before migrating, read-only at the first sign of damage.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir, logger: log } = options;
  const list = options.capabilities ?? (CAPABILITIES as readonly Capability<string, unknown>[]);
  const clock = options.clock ?? systemClock;
  // After a crash the quick_check runs beside the start (capabilities, the port); writes wait for it.
  const storage = Storage.open({ dataDir, program: options.program ?? 'backend', now: clock.now, log, startCheck: 'parallel' });
  const dbFile = storage.dbFile;
  let store: Store;
  try {
    store = storeOn(storage.db, clock);
  } catch (err) {
    storage.close();
    throw err;
  }

  const eventNames = new Set<string>(['data.changed']);
  const permissions = { all: [] as string[], grants: Object.fromEntries(BUILT_IN_ROLE_KEYS.map((r) => [r, [] as string[]])) as Record<BuiltInRole, string[]> };
  for (const c of list) {
    if (c.messages) registerMessages(c.messages);
    for (const name of Object.keys(c.events ?? {})) eventNames.add(name);
    for (const [permission, roles] of Object.entries(c.permissions ?? {})) {
      if (permissions.all.includes(permission)) throw new Error(`permission ${permission} is defined twice`);
      permissions.all.push(permission);
      for (const role of roles) permissions.grants[role].push(permission);
    }
  }

  const services = new Map<string, unknown>();
  const timelineSources: TimelineSource[] = [];
  const describers: ChangeDescribers = {};
  const items = new ItemRegistry();
  const syncHooks: SyncHooks[] = [];
  let sink = options.events ?? (() => {});
  let language: () => Language = () => 'fa';
  let caller: () => Caller = () => ({ userId: null, permissions: new Set() });

  const ctx: CapabilityContext = {
    store,
    clock,
    log,
    dataDir,
    version: options.version ?? '0.0.0',
    timers: options.timers ?? realTimers,
    notifier: options.notifier ?? null,
    secrets: options.secrets ?? new KeyFileSecretBox(join(dataDir, 'keys', 'secrets.key')),
    storage,
    options: <T>(name: string) => options.capabilityOptions?.[name] as T | undefined,
    use<T>(name: string): T {
      if (!services.has(name)) throw new Error(`capability ${name} is not available yet: list it earlier in main/capabilities.ts`);
      return services.get(name) as T;
    },
    emit(event, payload) {
      // Only declared events leave the backend: the windows' listeners are typed by them.
      if (!eventNames.has(event)) throw new Error(`event ${event} is not declared by any capability`);
      sink(event, payload);
    },
    language: () => language(),
    permissions: () => permissions,
    timelineSources: () => timelineSources,
    changeDescribers: () => describers,
    items: () => items,
    syncHooks: () => syncHooks,
  };

  const router = new Router({
    onInternalError: (method, err) => log.error('internal error', { method, err }),
    translateError: (err) => {
      if (err instanceof RowNotFoundError) return new ApiError('not-found', 'record.notFound');
      // Any storage fault is explained; a corruption error also turns the store read-only.
      const fault = storage.noticeError(err);
      if (!fault) return null;
      log.error('storage fault', { err });
      // A write refused because the store was made read-only says why it was (damage), not "read-only file".
      const h = storage.health();
      if (fault === 'read-only' && h.state === 'read-only' && h.fault) return storageApiError(new StorageFaultError(h.fault, h.path ?? dbFile), dbFile);
      return storageApiError(err, dbFile);
    },
    language: () => language(),
  });

  // Read-only (damage found, file not writable): every write is refused before it touches the file.
  const refuseWritesIfReadOnly = () => {
    const h = storage.health();
    store.refuseWrites(h.state === 'read-only' && h.fault ? new StorageFaultError(h.fault, h.path ?? dbFile) : null);
  };
  refuseWritesIfReadOnly();
  storage.onHealthChange(refuseWritesIfReadOnly);
  // A restore replaced the file: the write path moves to the new connection, and every
  // window reads everything again (capabilities with caches listen to storage.onReopen).
  storage.onReopen((newDb) => {
    store.replaceDatabase(newDb);
    ctx.emit('data.changed', { tables: store.tables.tables(), root: null });
  });

  try {
    for (const c of list) {
      if (services.has(c.name)) throw new Error(`capability ${c.name} is listed twice`);
      const svc = c.service(ctx);
      services.set(c.name, svc);
      if (c.provides?.caller) {
        const provide = c.provides.caller;
        caller = () => provide(svc);
      }
      if (c.provides?.language) {
        const provide = c.provides.language;
        language = () => provide(svc);
      }
    }
    for (const c of list) {
      const svc = services.get(c.name);
      if (c.methods) router.add(c.name, c.methods(svc, ctx));
      if (c.timeline) timelineSources.push(...c.timeline(svc, ctx));
      if (c.sync) syncHooks.push(c.sync(svc, ctx));
      for (const [table, d] of Object.entries(c.changes?.(svc, ctx) ?? {})) {
        if (describers[table]) throw new Error(`table ${table} is described twice`);
        describers[table] = d;
      }
      for (const kind of c.items?.(svc, ctx) ?? []) items.register(kind);
    }
    for (const c of list) await c.start?.(services.get(c.name), ctx);
  } catch (err) {
    storage.close();
    throw err;
  }

  store.onCommit((info) => ctx.emit('data.changed', { tables: info.tables, root: info.root }));
  log.info('backend started', { dataDir, version: options.version });

  return {
    dataDir,
    dbFile,
    log,
    get db() {
      return storage.db;
    },
    storage,
    store,
    router,
    service: <T>(name: string) => ctx.use<T>(name),
    caller: () => caller(),
    call: (method, input) => router.call(method, input, caller()),
    eventNames,
    close: async () => {
      log.info('backend stopping');
      sink = () => {};
      for (const c of [...list].reverse()) {
        try {
          await c.stop?.(services.get(c.name));
        } catch (err) {
          log.error('capability did not stop cleanly', { capability: c.name, err });
        }
      }
      storage.close();
    },
  };
}
