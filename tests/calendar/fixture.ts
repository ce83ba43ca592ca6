/**
 * A backend on a fresh data folder with the calendar service over it (until the calendar
 * is wired in as a capability, the tests build the service themselves), a room, users of
 * each built-in role, and helpers to call as each of them.
 */
import { rmSync } from 'node:fs';
import { BUILT_IN_ROLES, type Permission } from '../../main/api/permissions';
import { serviceDirectory } from '../../main/calendar/directory';
import type { AppointmentCreate } from '../../main/calendar/schema';
import { AppointmentCreate as CreateSchema } from '../../main/calendar/schema';
import { CalendarService, type CalendarCaller } from '../../main/calendar/service';
import { ApiError } from '../../main/api/errors';
import { IdentityCreate } from '../../main/identities/schema';
import { startBackend, type TestBackend } from '../api/backend-fixture';
import type { z } from 'zod';

export interface CalendarFixture {
  t: TestBackend;
  svc: CalendarService;
  admin: CalendarCaller;
  /** An office manager (books in every calendar). */
  manager: CalendarCaller;
  staff: CalendarCaller;
  roomId: string;
  room2Id: string;
  officeCalendarId: string;
  user(name: string, role?: string): CalendarCaller;
  identity(name: string, mobile?: string): string;
  /** A parsed create input with defaults, as the router would hand it over. */
  input(fields: z.input<typeof CreateSchema>): AppointmentCreate;
  close(): void;
}

export function calendarFixture(label: string): CalendarFixture {
  const t = startBackend(label);
  const { organisation, identities, settings } = t.backend.services;
  const svc = new CalendarService({
    store: t.backend.store,
    clock: t.clock,
    directory: serviceDirectory(organisation, identities),
    language: () => settings.get().language,
  });
  svc.start();
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
    const permissions = new Set<Permission>(BUILT_IN_ROLES.find((r) => r.key === role)!.permissions);
    return { userId: u.id, permissions };
  };
  const room = organisation.createRoom({ name: 'اتاق جلسات ۱', capacity: 8, equipment: ['ویدئو پروژکتور'] }, adminCaller.userId);
  const room2 = organisation.createRoom({ name: 'اتاق جلسات ۲', capacity: 4, equipment: [] }, adminCaller.userId);
  const officeCalendarId = svc.calendars(adminCaller).find((c) => c.kind === 'regular')!.id;
  return {
    t,
    svc,
    admin: adminCaller,
    manager: user('مسئول دفتر', 'office-manager'),
    staff: user('کارمند', 'staff'),
    roomId: room.id,
    room2Id: room2.id,
    officeCalendarId,
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
    close() {
      t.backend.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    },
  };
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
