/**
 * Desks for sync tests and the bench: a real backend (every capability, sync included) on a
 * temporary data folder, the sync server on an embedded SQLite store (tests/server/harness.ts).
 */
import { rmSync } from 'node:fs';
import { systemClock } from '../../db/ids';
import type { Logger } from '../../main/api/log';
import { createBackend, type Backend } from '../../main/backend';
import type { IdentityService } from '../../main/identities/service';
import { IdentityCreate, type IdentityCreateInput } from '../../main/identities/schema';
import type { SyncStatus } from '../../main/sync/schema';
import type { SyncService } from '../../main/sync/service';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, TEST_CAPABILITY_OPTIONS, tempDir } from '../api/backend-fixture';

const silent = { info() {}, warn() {}, error() {} };

export interface TestDesk {
  name: string;
  backend: Backend;
  sync: SyncService;
  /** Every sync.status event the desk pushed to its windows. */
  statuses: SyncStatus[];
  userId(): string | null;
  createPerson(first: string, last: string, extra?: Partial<IdentityCreateInput>): string;
  close(): Promise<void>;
}

/**
 * A desk whose sync runs only when told (syncNow), unless `debounceMs`/`intervalMs` say
 * otherwise; pokes from the server still prompt it.
 */
export async function startDesk(
  name: string,
  opts: { intervalMs?: number; debounceMs?: number; verifyTimeoutMs?: number; logger?: Logger } = {},
): Promise<TestDesk> {
  const dataDir = tempDir(`desk-${name}`);
  const statuses: SyncStatus[] = [];
  const backend = await createBackend({
    dataDir,
    logger: opts.logger ?? silent,
    clock: systemClock,
    capabilityOptions: { ...TEST_CAPABILITY_OPTIONS, sync: { verifyTimeoutMs: opts.verifyTimeoutMs } },
    events: (event, payload) => {
      if (event === 'sync.status') statuses.push(payload as SyncStatus);
    },
  });
  // As after the first start: the desk's own administrator has a password and is signed in.
  backend.service<SessionService>('session').setUp(ADMIN_PASSWORD);
  const sync = backend.service<SyncService>('sync');
  sync.setTiming({ intervalMs: opts.intervalMs ?? 3_600_000, debounceMs: opts.debounceMs ?? 3_600_000 });
  const identities = backend.service<IdentityService>('identities');
  return {
    name,
    backend,
    sync,
    statuses,
    userId: () => backend.caller().userId,
    createPerson(first, last, extra = {}) {
      return identities.create(IdentityCreate.parse({ kind: 'person', firstName: first, lastName: last, ...extra }), backend.caller().userId).id;
    },
    async close() {
      await backend.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
