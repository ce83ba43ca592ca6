import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/connection';
import { systemClock, type Clock } from '../db/ids';
import { openStore } from '../db/open-store';
import { RowNotFoundError, type Store } from '../db/writer';
import {
  BUILT_IN_ROLE_KEYS,
  type BuiltInRole,
  type Capability,
  type CapabilityContext,
  type ChangeDescribers,
  type SyncHooks,
  type TimelineSource,
} from './api/capability';
import { ApiError } from './api/errors';
import type { Logger } from './api/log';
import { KeyFileSecretBox, type SecretBox } from './api/secrets';
import { registerMessages, type Language } from './api/messages';
import { Router, type Caller } from './api/router';
import { CAPABILITIES } from './capabilities';

export interface BackendOptions {
  dataDir: string;
  version?: string;
  clock?: Clock;
  /** Where the backend's log lines go; the host decides (a file in the data folder, stderr in a tool). */
  logger: Logger;
  /** Where pushed events go; the host fans them out to its windows. */
  events?: (event: string, payload: unknown) => void;
  /** The capability list; tests hand in a longer or shorter one. */
  capabilities?: readonly Capability<string, unknown>[];
  /** How secrets are sealed; the app's host passes the shell's (safeStorage). Default: a key file in the data folder. */
  secrets?: SecretBox;
}

export interface Backend {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly log: Logger;
  readonly db: Db;
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
 * host and in tests.
 */
export async function createBackend(options: BackendOptions): Promise<Backend> {
  const { dataDir, logger: log } = options;
  const list = options.capabilities ?? (CAPABILITIES as readonly Capability<string, unknown>[]);
  mkdirSync(dataDir, { recursive: true });
  const dbFile = join(dataDir, 'daftar.sqlite');
  const clock = options.clock ?? systemClock;
  const { db, store } = openStore(dbFile, clock);

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
    secrets: options.secrets ?? new KeyFileSecretBox(join(dataDir, 'keys', 'secrets.key')),
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
    syncHooks: () => syncHooks,
  };

  const router = new Router({
    onInternalError: (method, err) => log.error('internal error', { method, err }),
    translateError: (err) => (err instanceof RowNotFoundError ? new ApiError('not-found', 'record.notFound') : null),
    language: () => language(),
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
    }
    for (const c of list) await c.start?.(services.get(c.name), ctx);
  } catch (err) {
    db.close();
    throw err;
  }

  store.onCommit((info) => ctx.emit('data.changed', { tables: info.tables, root: info.root }));
  log.info('backend started', { dataDir, version: options.version });

  return {
    dataDir,
    dbFile,
    log,
    db,
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
      db.close();
    },
  };
}
