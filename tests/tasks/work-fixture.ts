/**
 * Tasks, reminders, follow-ups and the inbox on a real backend (every capability wired by
 * its manifest, a fresh temporary data folder), with a clock and timers the test moves, a
 * recorder for native notifications, the events the windows would get, and people with the
 * built-in roles' permissions.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fixedClock } from '../../db/ids';
import type { DesktopNotification, DesktopNotifier, Timers } from '../../main/api/capability';
import { fileLogger } from '../../main/api/log';
import type { Caller } from '../../main/api/router';
import { createBackend, type Backend } from '../../main/backend';
import type { FollowUpService } from '../../main/followups/service';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import type { InboxService } from '../../main/inbox/service';
import { Peers } from '../../main/host/peers';
import { BUILT_IN_ROLES } from '../../main/organisation/roles';
import type { OrganisationService } from '../../main/organisation/service';
import type { ReminderService } from '../../main/reminders/service';
import type { TaskService } from '../../main/tasks/service';
import type { SessionService } from '../../main/session/service';
import { ADMIN_PASSWORD, START, TEST_CAPABILITY_OPTIONS, tempDir, type TestClock } from '../api/backend-fixture';

export interface Work {
  backend: Backend;
  clock: TestClock;
  time: FakeTime;
  dataDir: string;
  peers: Peers;
  /** Every event the backend pushed to the windows, in order. */
  events: { event: string; payload: unknown }[];
  /** Native notifications the backend asked the desktop to show. */
  notifications: DesktopNotification[];
  identities: IdentityService;
  organisation: OrganisationService;
  inbox: InboxService;
  reminders: ReminderService;
  tasks: TaskService;
  followups: FollowUpService;
  admin: Caller;
  /** A new active user with a built-in role ('staff' unless told), and their caller. */
  person(name: string, role?: string): Caller;
  /** Closes the backend (stopping its scheduler) and removes the data folder unless kept. */
  close(): Promise<void>;
}

export async function startWork(
  label: string,
  options: { dataDir?: string; keep?: boolean; start?: number; notifier?: DesktopNotifier } = {},
): Promise<Work> {
  const dataDir = options.dataDir ?? tempDir(label);
  const clock = fixedClock(options.start ?? START);
  const time = fakeTimers(clock);
  const events: Work['events'] = [];
  const notifications: DesktopNotification[] = [];
  let peers: Peers | null = null;
  const backend = await createBackend({
    dataDir,
    clock,
    timers: time.timers,
    notifier: options.notifier ?? { show: async (n) => void notifications.push(n) },
    logger: fileLogger(join(dataDir, 'logs', 'backend.log')),
    program: 'test',
    capabilityOptions: TEST_CAPABILITY_OPTIONS,
    events: (event, payload) => {
      events.push({ event, payload });
      peers?.broadcast(event, payload);
    },
  });
  peers = new Peers(backend.router, () => backend.caller());
  // The administrator signs in, as after the first start's "set the password" (or a sign-in on a kept store).
  const session = backend.service<SessionService>('session');
  if (session.session().state === 'setup') session.setUp(ADMIN_PASSWORD);
  else session.signIn('admin', ADMIN_PASSWORD);
  const organisation = backend.service<OrganisationService>('organisation');
  const overview = organisation.overview();
  const permissionsOf = (key: string) => {
    const name = BUILT_IN_ROLES.find((b) => b.key === key)!.name;
    return new Set(overview.roles.find((r) => r.name === name)!.permissions);
  };
  const adminId = backend.caller().userId!;
  let n = 0;
  return {
    backend,
    clock,
    time,
    dataDir,
    peers,
    events,
    notifications,
    identities: backend.service<IdentityService>('identities'),
    organisation,
    inbox: backend.service<InboxService>('inbox'),
    reminders: backend.service<ReminderService>('reminders'),
    tasks: backend.service<TaskService>('tasks'),
    followups: backend.service<FollowUpService>('followups'),
    admin: { userId: adminId, permissions: new Set(backend.caller().permissions) },
    person(name, role = 'staff') {
      const roleName = BUILT_IN_ROLES.find((b) => b.key === role)!.name;
      const roleId = overview.roles.find((r) => r.name === roleName)!.id;
      const user = organisation.createUser({ username: `user${++n}`, displayName: name, roleIds: [roleId], groupIds: [] }, null);
      return { userId: user.id, permissions: permissionsOf(role) };
    },
    async close() {
      await backend.close();
      if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type FakeTime = ReturnType<typeof fakeTimers>;

/**
 * Timers on a monotonic clock the test moves. `advance` moves both it and the wall clock
 * (as real time passes); `jumpWall` moves only the wall clock (someone set the clock).
 */
export function fakeTimers(clock: TestClock) {
  let mono = 0;
  let seq = 0;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    set(fn, ms) {
      const id = ++seq;
      pending.set(id, { at: mono + Math.max(0, ms), fn });
      return id;
    },
    clear(h) {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    /** Lets `ms` pass: due timers run in order, each at its moment. */
    advance(ms: number) {
      const end = mono + ms;
      for (let runs = 0; ; runs++) {
        // A scheduler that re-arms for the same moment forever would hang the test instead of failing it.
        if (runs > 1_000) throw new Error('timers keep firing without time passing');
        let next: [number, { at: number; fn: () => void }] | undefined;
        for (const e of pending) if (e[1].at <= end && (!next || e[1].at < next[1].at)) next = e;
        if (!next) break;
        pending.delete(next[0]);
        clock.advance(next[1].at - mono);
        mono = next[1].at;
        next[1].fn();
      }
      clock.advance(end - mono);
      mono = end;
    },
    jumpWall(ms: number) {
      clock.advance(ms);
    },
    /** How many timers are set, and in how long the next one runs. */
    armed(): { count: number; nextIn: number | null } {
      let nextIn: number | null = null;
      for (const { at } of pending.values()) nextIn = nextIn === null ? at - mono : Math.min(nextIn, at - mono);
      return { count: pending.size, nextIn };
    },
  };
}

export function tempWorkDir(label: string): string {
  return tempDir(label);
}

/** A person identity, created as the API would (schema defaults applied). */
export function identity(w: Work, firstName = 'مشتری', lastName = 'نمونه'): string {
  return w.identities.create(IdentityCreate.parse({ kind: 'person', firstName, lastName }), null).id;
}
