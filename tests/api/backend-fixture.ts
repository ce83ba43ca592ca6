/**
 * Shared helpers for the backend tests (tests/api, tests/identities, tests/organisation,
 * tests/history, tests/host): a backend on a fresh temporary data folder with a clock that
 * moves only when told, typed calls, and row counts to prove that nothing was written.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../db/ids';
import type { Db } from '../../db/connection';
import { createBackend, type Backend, type BackendOptions } from '../../main/backend';
import { fileLogger } from '../../main/api/log';
import type { SessionService } from '../../main/session/service';
import { TEST_COST } from '../../main/session/passwords';
import { Peers } from '../../main/host/peers';
import type { Input, MethodName, Output } from '../../main/contract';
import type { ApiErrorBody, Result } from '../../main/api/rpc';
import { START, tempDir } from '../db/temp-folder';

export { START, tempDir } from '../db/temp-folder';

export type TestClock = ReturnType<typeof fixedClock>;

export interface TestBackend {
  backend: Backend;
  clock: TestClock;
  dataDir: string;
  /** Windows connect here, as the hosts connect theirs: calls as the signed-in user, events pushed to all. */
  peers: Peers;
}

/** The administrator's password in every test store (set as the first start asks). */
export const ADMIN_PASSWORD = 'test-admin-password';

/** Options every test backend shares: a cheap password hash, no background maintenance. */
export const TEST_CAPABILITY_OPTIONS = { session: { passwordCost: TEST_COST }, storage: { maintenance: false } } as const;

/**
 * A backend on `dataDir` with the administrator signed in, as after the first start's
 * "set the administrator's password" (or a sign-in when the store already has one).
 */
export async function startBackend(
  label: string,
  dataDir = tempDir(label),
  options: Partial<Omit<BackendOptions, 'clock'>> & { clock?: TestClock } = {},
): Promise<TestBackend> {
  const clock = options.clock ?? fixedClock(START);
  let peers: Peers | null = null;
  const backend = await createBackend({
    dataDir,
    logger: fileLogger(join(dataDir, 'logs', 'backend.log')),
    events: (event, payload) => peers?.broadcast(event, payload),
    program: 'test',
    capabilityOptions: TEST_CAPABILITY_OPTIONS,
    ...options,
    clock,
  });
  peers = new Peers(backend.router, () => backend.caller());
  const session = backend.service<SessionService>('session');
  if (session.session().state === 'setup') session.setUp(ADMIN_PASSWORD);
  else session.signIn('admin', ADMIN_PASSWORD);
  return { backend, clock, dataDir, peers };
}

/** Runs `body` against a backend of its own, closed and its folder removed afterwards whatever happens. */
export async function withBackend(label: string, body: (t: TestBackend) => Promise<void>): Promise<void> {
  const t = await startBackend(label);
  try {
    await body(t);
  } finally {
    await t.backend.close();
    rmSync(t.dataDir, { recursive: true, force: true });
  }
}

/** Calls a method and returns its value; a failure fails the test with the error body. */
export async function ok<M extends MethodName>(backend: Backend, method: M, input: Input<M>): Promise<Output<M>> {
  const r = (await backend.call(method, input)) as Result<Output<M>>;
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Calls a method that must fail and returns the error body. */
export async function fails(backend: Backend, method: string, input: unknown): Promise<ApiErrorBody> {
  const r = await backend.call(method, input);
  if (r.ok) throw new Error(`${method} unexpectedly succeeded: ${JSON.stringify(r.value)}`);
  return r.error;
}

/** Every table's row count (FTS shadow tables included) and the device settings: a fingerprint of the store. */
export function snapshot(db: Db): { counts: Record<string, number>; settings: Record<string, string> } {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number;
  const settings = Object.fromEntries(
    (db.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]).map((r) => [
      r.key,
      r.value,
    ]),
  );
  return { counts, settings };
}

export function outboxCount(db: Db): number {
  return db.prepare('SELECT count(*) FROM outbox').pluck().get() as number;
}

export function rowCount(db: Db, table: string): number {
  return db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
}

/** The built-in administrator created on first start. */
export function adminId(backend: Backend): string {
  const id = backend.db.prepare("SELECT id FROM users WHERE username = 'admin'").pluck().get() as string | undefined;
  if (!id) throw new Error('no admin user');
  return id;
}
