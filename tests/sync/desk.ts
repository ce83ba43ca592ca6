/**
 * Desks for sync tests: a real backend on a temporary data folder with its sync client, and
 * the sync server on an embedded SQLite store (tests/server/harness.ts).
 */
import { rmSync } from 'node:fs';
import { systemClock } from '../../db/ids';
import { createBackend, type Backend } from '../../main/backend';
import { IdentityCreate, type IdentityCreateInput } from '../../main/identities/schema';
import { SyncRules } from '../../main/sync/rules';
import { SyncService } from '../../main/sync/service';
import type { SyncStatus } from '../../main/sync/schema';
import { tempDir } from '../api/backend-fixture';

const silent = { info() {}, warn() {}, error() {} };

export interface TestDesk {
  name: string;
  backend: Backend;
  sync: SyncService;
  rules: SyncRules;
  statuses: SyncStatus[];
  userId(): string | null;
  createPerson(first: string, last: string, extra?: Partial<IdentityCreateInput>): string;
  close(): Promise<void>;
}

/** Wires a sync client to a backend the way the app does (derived search entries, the session). */
export function startDesk(name: string, opts: { intervalMs?: number; debounceMs?: number; dataDir?: string } = {}): TestDesk {
  const dataDir = opts.dataDir ?? tempDir(`desk-${name}`);
  const backend = createBackend({ dataDir, logger: silent, clock: systemClock });
  const { organisation, identities } = backend.services;
  const rules = new SyncRules();
  rules.register({
    derived: Object.fromEntries(
      ['identities', 'identity_phones', 'identity_emails', 'identity_addresses'].map((t) => [t, (ids: string[]) => identities.refreshSearch(t, ids)]),
    ),
  });
  const statuses: SyncStatus[] = [];
  const sync = new SyncService({
    store: backend.store,
    clock: systemClock,
    rules,
    clientId: backend.store.hlc.node,
    session: {
      userId: () => organisation.caller().userId,
      seesAllConflicts: () => organisation.caller().permissions.has('organisation.manage'),
      switchTo: (id) => void organisation.signIn(id),
    },
    onStatus: (s) => statuses.push(s),
    intervalMs: opts.intervalMs ?? 3_600_000,
    debounceMs: opts.debounceMs ?? 3_600_000,
  });
  return {
    name,
    backend,
    sync,
    rules,
    statuses,
    userId: () => organisation.caller().userId,
    createPerson(first, last, extra = {}) {
      return identities.create(IdentityCreate.parse({ kind: 'person', firstName: first, lastName: last, ...extra }), organisation.caller().userId).id;
    },
    async close() {
      await sync.close();
      backend.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
