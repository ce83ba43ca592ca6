/**
 * Tasks, reminders, follow-ups and the inbox on a real backend's store (a fresh temporary
 * data folder, a clock that moves only when told), wired as the backend wires them, plus
 * people with the built-in roles' permissions and a clock-driven stand-in for timers.
 */
import { rmSync } from 'node:fs';
import type { Caller } from '../../main/api/router';
import { BUILT_IN_ROLES, type Permission } from '../../main/api/permissions';
import { DEFAULT_ZONE } from '../../main/api/jalali-input';
import { FollowUpService } from '../../main/followups/service';
import { IdentityCreate } from '../../main/identities/schema';
import { identityItemKind } from '../../main/identities/item-kind';
import { InboxService } from '../../main/inbox/service';
import { ItemRegistry } from '../../main/items/registry';
import { UserDirectory } from '../../main/organisation/directory';
import type { Timers } from '../../main/reminders/scheduler';
import { ReminderService } from '../../main/reminders/service';
import { peopleOf } from '../../main/tasks/people';
import { TaskService } from '../../main/tasks/service';
import { adminId, startBackend, tempDir, type TestBackend, type TestClock } from '../api/backend-fixture';

export interface Work extends TestBackend {
  items: ItemRegistry;
  inbox: InboxService;
  reminders: ReminderService;
  tasks: TaskService;
  followups: FollowUpService;
  admin: Caller;
  /** A new active user with a built-in role ('staff' unless told), and their caller. */
  person(name: string, role?: string): Caller;
  close(): void;
}

export function permissionsOf(role: string): Set<Permission> {
  const r = BUILT_IN_ROLES.find((b) => b.key === role);
  if (!r) throw new Error(`no built-in role ${role}`);
  return new Set(r.permissions);
}

export function startWork(label: string, dataDir = tempDir(label), removeOnClose = true): Work {
  const t = startBackend(label, dataDir);
  const { store, services } = t.backend;
  const users = new UserDirectory(store);
  const ref = (id: string | null) => users.ref(id);
  const zone = () => DEFAULT_ZONE;
  const items = new ItemRegistry();
  const inbox = new InboxService(store, items, ref);
  const reminders = new ReminderService(store, items, zone);
  const tasks = new TaskService({
    store,
    people: peopleOf(services.organisation, ref),
    identities: {
      displayName: (id) => {
        try {
          return services.identities.get(id).displayName;
        } catch {
          return null;
        }
      },
    },
    items,
    inbox,
    reminders,
    zone,
  });
  const followups = new FollowUpService(store, items, ref, zone);
  items.register(tasks.itemKind());
  items.register(identityItemKind(services.identities));
  const roles = services.organisation.overview().roles;
  let n = 0;
  return {
    ...t,
    items,
    inbox,
    reminders,
    tasks,
    followups,
    admin: { userId: adminId(t.backend), permissions: permissionsOf('admin') },
    person(name, role = 'staff') {
      const builtIn = BUILT_IN_ROLES.find((b) => b.key === role)!;
      const roleId = roles.find((r) => r.name === builtIn.name)!.id;
      const user = services.organisation.createUser({ username: `user${++n}`, displayName: name, roleIds: [roleId], groupIds: [] }, null);
      return { userId: user.id, permissions: permissionsOf(role) };
    },
    close() {
      t.backend.close();
      if (removeOnClose) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

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
  return w.backend.services.identities.create(IdentityCreate.parse({ kind: 'person', firstName, lastName }), null).id;
}
