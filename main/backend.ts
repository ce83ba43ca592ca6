import { join } from 'node:path';
import type { Db } from '../db/connection';
import { Hlc } from '../db/hlc';
import { Storage } from '../db/storage';
import { StorageFaultError } from '../db/storage-faults';
import { systemClock, type Clock } from '../db/ids';
import { RowNotFoundError, Store } from '../db/writer';
import { ApiError } from './api/errors';
import { Router, type Caller } from './api/router';
import type { ServerFrame } from './api/rpc';
import type { Events, EventName } from './api/events';
import { registerHistory } from './history/handlers';
import { NoteService } from './history/notes';
import { changesSource, notesSource } from './history/sources';
import { Timeline } from './history/timeline';
import { fileLogger, type Logger } from './api/log';
import { Peers, type Peer } from './host/peers';
import { registerIdentities } from './identities/handlers';
import { IdentityService } from './identities/service';
import { UserDirectory } from './organisation/directory';
import { CredentialStore } from './organisation/credentials';
import { registerOrganisation } from './organisation/handlers';
import type { ScryptCost } from './organisation/passwords';
import { OrganisationService } from './organisation/service';
import { SessionService } from './organisation/session';
import { registerSettings } from './settings/handlers';
import { SettingsService } from './settings/service';
import { SettingsStore } from './settings/store';
import { storageApiError } from './storage/faults';
import { registerStorage } from './storage/handlers';
import { StorageService, type MaintenancePolicy } from './storage/service';

export interface BackendOptions {
  dataDir: string;
  version?: string;
  clock?: Clock;
  logger?: Logger;
  /** Who holds the data folder, for the message a second instance shows. */
  program?: string;
  /** scrypt cost for new passwords (tests use a cheap one). */
  passwordCost?: ScryptCost;
  /** Daily check + backup when idle; false: none (tests that drive it by hand). */
  maintenance?: MaintenancePolicy | false;
}

export interface Services {
  identities: IdentityService;
  organisation: OrganisationService;
  session: SessionService;
  settings: SettingsService;
  storage: StorageService;
  notes: NoteService;
  timeline: Timeline;
}

export interface Backend {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly logFile: string;
  readonly log: Logger;
  /** The current connection (a restore replaces it). */
  readonly db: Db;
  readonly storage: Storage;
  readonly store: Store;
  readonly router: Router;
  readonly services: Services;
  caller(): Caller;
  /** Calls a method as the signed-in user, as a window would. */
  call(method: string, input: unknown): ReturnType<Router['call']>;
  connect(send: (frame: ServerFrame) => void): Peer;
  /** Windows (ports, sockets) connected now. */
  peerCount(): number;
  emit<E extends EventName>(event: E, payload: Events[E]): void;
  close(): void;
}

/**
 * The backend: opens the store in the data folder, wires the capabilities to one router,
 * and pushes events to connected windows. Runs unchanged in Electron's utilityProcess,
 * under the web host and in tests.
 */
export function createBackend(options: BackendOptions): Backend {
  const dataDir = options.dataDir;
  const logFile = join(dataDir, 'logs', 'backend.log');
  const log = options.logger ?? fileLogger(logFile, { src: 'backend' });
  const clock = options.clock ?? systemClock;

  // The folder lock, permissions, the check after a crash and the copy before migrating.
  const storage = Storage.open({ dataDir, program: options.program ?? 'backend', now: clock.now, log });
  try {
    return wire(options, storage, log, logFile, clock);
  } catch (err) {
    storage.close();
    throw err;
  }
}

function wire(options: BackendOptions, storage: Storage, log: Logger, logFile: string, clock: Clock): Backend {
  const { dataDir, dbFile } = storage;
  const db = storage.db;
  const bootstrapStore = new Store(db, clock, new Hlc('pending', clock.now));
  const settingsStore = new SettingsStore(bootstrapStore);
  let deviceId = settingsStore.get('device.id');
  if (!deviceId) {
    deviceId = clock.newId();
    settingsStore.set('device.id', deviceId);
  }
  const hlc = new Hlc(deviceId, clock.now);
  // The clock starts past every change already recorded, so a restart with the wall clock
  // set back never makes a timestamp older than one in the outbox.
  const lastHlc = db.prepare('SELECT max(hlc) FROM outbox').pluck().get() as string | null;
  if (lastHlc) hlc.receive(lastHlc);
  const store = new Store(db, clock, hlc);
  const settingsKv = new SettingsStore(store);

  const users = new UserDirectory(store);
  const settings = new SettingsService(settingsKv);
  const organisation = new OrganisationService(store);
  if (storage.health().state === 'ok') organisation.bootstrap();
  const identities = new IdentityService(store, users, () => settings.areaCode());
  const notes = new NoteService(store, users);
  const timeline = new Timeline();
  timeline.register(notesSource(store, users));
  timeline.register(changesSource(store, users));

  const storageService = new StorageService(storage, clock.now, log, () => settings.get().language, options.maintenance || undefined);
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
    language: () => settings.get().language,
  });
  // eslint-disable-next-line prefer-const -- peers needs the session, the session's events need peers
  let peers: Peers;
  const emit = <E extends EventName>(event: E, payload: Events[E]) => peers.broadcast(event, payload);
  const session = new SessionService(
    organisation,
    new CredentialStore(store),
    clock,
    log,
    (change) => emit('session.changed', change),
    options.passwordCost,
  );
  peers = new Peers(router, () => session.caller());

  const refuseWritesIfReadOnly = () => {
    const h = storage.health();
    store.refuseWrites(h.state === 'read-only' && h.fault ? new StorageFaultError(h.fault, h.path ?? dbFile) : null);
  };
  refuseWritesIfReadOnly();
  storage.onHealthChange((h) => {
    refuseWritesIfReadOnly();
    emit('storage.status', { state: h.state, fault: h.fault });
  });
  storage.onReopen((newDb) => {
    // A restored store: statements, cached settings and permissions all belong to the old file.
    store.replaceDatabase(newDb);
    settings.reload();
    session.forgetCaller();
    emit('data.changed', { tables: ['*'], root: null });
  });

  registerSettings(router, settings, store, identities, {
    version: options.version ?? '0.0.0',
    dataDir,
    databaseFile: dbFile,
    logFile,
  });
  registerOrganisation(router, organisation, session);
  registerIdentities(router, identities);
  registerHistory(router, timeline, notes);
  registerStorage(router, storageService);
  const missing = router.missing();
  if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);

  store.onCommit((info) => {
    storageService.noteWrite();
    if (info.tables.some((t) => t === 'roles' || t === 'user_roles' || t === 'users')) session.forgetCaller();
    emit('data.changed', { tables: info.tables, root: info.root });
  });
  if (options.maintenance !== false) storageService.start();
  log.info('backend started', { dataDir, version: options.version, storage: storage.health().state });

  return {
    dataDir,
    dbFile,
    logFile,
    log,
    get db() {
      return storage.db;
    },
    storage,
    store,
    router,
    services: { identities, organisation, session, settings, storage: storageService, notes, timeline },
    caller: () => session.caller(),
    call: (method, input) => router.call(method, input, session.caller()),
    connect: (send) => peers.connect(send),
    peerCount: () => peers.size,
    emit,
    close: () => {
      log.info('backend stopping');
      storageService.stop();
      storage.close();
    },
  };
}
