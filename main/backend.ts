import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/connection';
import { Hlc } from '../db/hlc';
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
import { fileLogger, type Logger } from './host/log';
import { Peers, type Peer } from './host/peers';
import { registerIdentities } from './identities/handlers';
import { IdentityService } from './identities/service';
import { UserDirectory } from './organisation/directory';
import { registerOrganisation } from './organisation/handlers';
import { OrganisationService } from './organisation/service';
import { registerSettings } from './settings/handlers';
import { SettingsService } from './settings/service';
import { SettingsStore } from './settings/store';

export interface BackendOptions {
  dataDir: string;
  version?: string;
  clock?: Clock;
  logger?: Logger;
}

export interface Services {
  identities: IdentityService;
  organisation: OrganisationService;
  settings: SettingsService;
  notes: NoteService;
  timeline: Timeline;
}

export interface Backend {
  readonly dataDir: string;
  readonly dbFile: string;
  readonly logFile: string;
  readonly log: Logger;
  readonly db: Db;
  readonly store: Store;
  readonly router: Router;
  readonly services: Services;
  caller(): Caller;
  /** Calls a method as the signed-in user, as a window would. */
  call(method: string, input: unknown): ReturnType<Router['call']>;
  connect(send: (frame: ServerFrame) => void): Peer;
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
  mkdirSync(dataDir, { recursive: true });
  const dbFile = join(dataDir, 'daftar.sqlite');
  const logFile = join(dataDir, 'logs', 'backend.log');
  const log = options.logger ?? fileLogger(logFile);
  const clock = options.clock ?? systemClock;

  const db = openDatabase(dbFile);
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
  const organisation = new OrganisationService(store, settingsKv);
  organisation.bootstrap();
  const identities = new IdentityService(store, users, () => settings.areaCode());
  const notes = new NoteService(store, users);
  const timeline = new Timeline();
  timeline.register(notesSource(store, users));
  timeline.register(changesSource(store, users));

  const router = new Router({
    onInternalError: (method, err) => log.error('internal error', { method, err }),
    translateError: (err) => (err instanceof RowNotFoundError ? new ApiError('not-found', 'record.notFound') : null),
    language: () => settings.get().language,
  });
  const peers = new Peers(router, () => organisation.caller());
  const emit = <E extends EventName>(event: E, payload: Events[E]) => peers.broadcast(event, payload);

  registerSettings(router, settings, store, identities, {
    version: options.version ?? '0.0.0',
    dataDir,
    databaseFile: dbFile,
    logFile,
  });
  registerOrganisation(router, organisation, (userId) => emit('session.changed', { userId }));
  registerIdentities(router, identities);
  registerHistory(router, timeline, notes);
  const missing = router.missing();
  if (missing.length > 0) throw new Error(`no handler for: ${missing.join(', ')}`);

  store.onCommit((info) => emit('data.changed', { tables: info.tables, root: info.root }));
  log.info('backend started', { dataDir, version: options.version });

  return {
    dataDir,
    dbFile,
    logFile,
    log,
    db,
    store,
    router,
    services: { identities, organisation, settings, notes, timeline },
    caller: () => organisation.caller(),
    call: (method, input) => router.call(method, input, organisation.caller()),
    connect: (send) => peers.connect(send),
    emit,
    close: () => {
      log.info('backend stopping');
      db.close();
    },
  };
}
