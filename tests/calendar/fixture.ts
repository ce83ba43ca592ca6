/**
 * A backend on a fresh data folder with the calendar service over it (until the calendar
 * is wired in as a capability, the tests build the service themselves), a room, users of
 * each built-in role, and helpers to call as each of them.
 */
import { rmSync } from 'node:fs';
import { BUILT_IN_ROLES } from '../../main/organisation/roles';
import type { OrganisationService } from '../../main/organisation/service';
import type { IdentityService } from '../../main/identities/service';
import type { AppointmentCreate } from '../../main/calendar/schema';
import { AppointmentCreate as CreateSchema } from '../../main/calendar/schema';
import type { CalendarService, CalendarCaller } from '../../main/calendar/service';
import { ApiError } from '../../main/api/errors';
import { IdentityCreate } from '../../main/identities/schema';
import { startBackend, type TestBackend } from '../api/backend-fixture';
import type { z } from 'zod';

export interface CalendarFixture {
  /** Replaced by a test that restarts the backend on the same folder. */
  t: TestBackend;
  svc: CalendarService;
  admin: CalendarCaller;
  /** An office manager (books in every calendar). */
  manager: CalendarCaller;
  staff: CalendarCaller;
  roomId: string;
  room2Id: string;
  officeCalendarId: string;
  organisation: OrganisationService;
  user(name: string, role?: string): CalendarCaller;
  identity(name: string, mobile?: string): string;
  /** A parsed create input with defaults, as the router would hand it over. */
  input(fields: z.input<typeof CreateSchema>): AppointmentCreate;
  close(): Promise<void>;
}

/** The backend's own calendar service, on a fresh store, with a room, a second room and users of each role. */
export async function calendarFixture(label: string): Promise<CalendarFixture> {
  const t = await startBackend(label);
  const organisation = t.backend.service<OrganisationService>('organisation');
  const identities = t.backend.service<IdentityService>('identities');
  const svc = t.backend.service<CalendarService>('calendar');
  const adminCaller = t.backend.caller();
  const roles = organisation.overview().roles;
  const roleId = (key: string) => {
    const name = BUILT_IN_ROLES.find((r) => r.key === key)!.name;
    return roles.find((r) => r.name === name)!.id;
  };
  let n = 0;
  const user = (name: string, role = 'staff'): CalendarCaller => {
    n += 1;
    const u = organisation.createUser(
      { username: `user${n}`, displayName: name, email: `user${n}@daftar.example.ir`, mobile: `0912000000${n}`, roleIds: [roleId(role)], groupIds: [] },
      adminCaller.userId,
    );
    // The caller as the session would make it for this user.
    return { userId: u.id, permissions: new Set(organisation.activeUser(u.id)!.permissions) };
  };
  const room = organisation.createRoom({ name: 'اتاق جلسات ۱', capacity: 8, equipment: ['ویدئو پروژکتور'] }, adminCaller.userId);
  const room2 = organisation.createRoom({ name: 'اتاق جلسات ۲', capacity: 4, equipment: [] }, adminCaller.userId);
  const officeCalendarId = svc.calendars(adminCaller).find((c) => c.kind === 'regular')!.id;
  const fx: CalendarFixture = {
    t,
    svc,
    admin: adminCaller,
    manager: user('مسئول دفتر', 'office-manager'),
    staff: user('کارمند', 'staff'),
    roomId: room.id,
    room2Id: room2.id,
    officeCalendarId,
    organisation,
    user,
    identity(name, mobile) {
      return identities.create(
        IdentityCreate.parse({
          kind: 'person',
          lastName: name,
          tags: [],
          phones: mobile ? [{ kind: 'mobile', number: mobile }] : [],
          emails: [],
          addresses: [{ kind: 'work', line: 'خیابان ولیعصر، پلاک ۱۲', city: 'تهران' }],
        }),
        adminCaller.userId,
      ).id;
    },
    input: (fields) => CreateSchema.parse(fields),
    async close() {
      await fx.t.backend.close();
      rmSync(fx.t.dataDir, { recursive: true, force: true });
    },
  };
  return fx;
}

/** Runs `f`, which must throw an ApiError, and returns it. */
export function apiError(f: () => unknown): ApiError {
  try {
    f();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError, nothing was thrown');
}
