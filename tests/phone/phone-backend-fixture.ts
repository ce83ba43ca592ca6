/**
 * A whole backend (every capability) whose phone runs with fixed-SDP media and a quick
 * backoff, on the system clock (call durations are real), with every pushed event kept and
 * native notifications recorded instead of shown; the administrator is signed in.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../db/ids';
import { createBackend, type Backend } from '../../main/backend';
import { fileLogger } from '../../main/api/log';
import type { Capability, DesktopNotification } from '../../main/api/capability';
import { CAPABILITIES } from '../../main/capabilities';
import { fixedMedia } from '../../main/phone/fixed-sdp';
import { phoneCapability } from '../../main/phone/capability';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, TEST_CAPABILITY_OPTIONS, tempDir } from '../api/backend-fixture';

export interface PushedEvent {
  event: string;
  payload: unknown;
  at: number;
}

export interface PhoneBackend {
  backend: Backend;
  dataDir: string;
  events: PushedEvent[];
  /** Native notifications the backend handed the host (the desktop's notifier in the app). */
  notified: DesktopNotification[];
  /** The first event named `event` from index `since` (default: now) matching `match`. */
  next<P>(event: string, match?: (p: P) => boolean, opts?: { since?: number; timeoutMs?: number }): Promise<P>;
  close(): Promise<void>;
  /** Closes and removes the data folder. */
  dispose(): Promise<void>;
}

export async function phoneBackend(label: string, dataDir = tempDir(label)): Promise<PhoneBackend> {
  const events: PushedEvent[] = [];
  const notified: DesktopNotification[] = [];
  const waiters = new Set<() => void>();
  const capabilities = CAPABILITIES.map((c) =>
    c.name === 'phone'
      ? phoneCapability({ media: () => fixedMedia(), backoff: { firstMs: 200, maxMs: 1_000 } })
      : c,
  ) as readonly Capability<string, unknown>[];
  const backend = await createBackend({
    dataDir,
    clock: systemClock,
    logger: fileLogger(join(dataDir, 'logs', 'backend.log')),
    capabilities,
    notifier: { show: async (n) => void notified.push(n) },
    program: 'test',
    capabilityOptions: TEST_CAPABILITY_OPTIONS,
    events: (event, payload) => {
      events.push({ event, payload, at: performance.now() });
      for (const w of [...waiters]) w();
    },
  });
  // Signed in as the administrator, as after the first start (or a restart's sign-in).
  const session = backend.service<SessionService>('session');
  if (session.session().state === 'setup') session.setUp(ADMIN_PASSWORD);
  else session.signIn('admin', ADMIN_PASSWORD);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await backend.close();
  };
  return {
    backend,
    dataDir,
    events,
    notified,
    next: <P,>(event: string, match: (p: P) => boolean = () => true, { since = events.length, timeoutMs = 15_000 } = {}) =>
      new Promise<P>((resolve, reject) => {
        const check = () => {
          const hit = events.slice(since).find((e) => e.event === event && match(e.payload as P));
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit.payload as P);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} in ${timeoutMs} ms; saw ${events.slice(since).map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close,
    dispose: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
