import { IdentityCreate } from '../identities/schema';
import type { Backend } from '../backend';
import type { IdentityService } from '../identities/service';
import type { NoteService } from '../notes/service';
import { BUILT_IN_ROLES } from '../organisation/roles';
import type { SessionService } from '../session/service';
import type { OrganisationService } from '../organisation/service';
import type { CalendarService } from '../calendar/service';
import { seedCalendarDemo } from './calendar';
import * as D from './names';
import { seedWork } from './work';

export interface DemoReport {
  seeded: boolean;
  users: number;
  organisations: number;
  persons: number;
  notes: number;
  appointments: number;
  tasks: number;
}

/** Small deterministic PRNG (mulberry32): the same demo store on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const toPersian = (s: string) => s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!);

/** Numbers the way people really type them: every format the lookup must understand. */
function mobile(r: ReturnType<typeof random>): string {
  const prefix = r.pick(['912', '935', '919', '901', '921', '990', '937']);
  const a = String(100 + r.int(900));
  const b = String(1000 + r.int(9000));
  switch (r.int(6)) {
    case 0: return `0${prefix}${a}${b}`;
    case 1: return `+98 ${prefix} ${a} ${b}`;
    case 2: return `0098${prefix}${a}${b}`;
    case 3: return toPersian(`0${prefix} ${a} ${b}`);
    case 4: return `0${prefix}-${a}-${b}`;
    default: return `${prefix}${a}${b}`;
  }
}

function landline(r: ReturnType<typeof random>, area: string): string {
  const n = `${2 + r.int(7)}${String(10_000_000 + r.int(9_000_000)).slice(1)}`;
  switch (r.int(4)) {
    case 0: return `0${area}-${n.slice(0, 4)} ${n.slice(4)}`;
    case 1: return `(0${area}) ${n}`;
    case 2: return `+98 ${area} ${n}`;
    default: return toPersian(`0${area}${n}`);
  }
}

/** Some names as typed on an Arabic keyboard (ي, ك): search must still find them. */
function arabicVariant(s: string): string {
  return s.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
}

/** Every demo user's password (printed by `npm run web -- --demo`, written in the README). */
export const DEMO_PASSWORD = 'daftar-1404';

/**
 * Fills an empty store with a living office: users with roles, departments, rooms,
 * organisations and a few hundred people with numbers in mixed formats, and notes.
 * Does nothing when the store already has identities.
 */
export function seedDemo(backend: Backend, opts: { persons?: number; seed?: number } = {}): DemoReport {
  // All or nothing: a failure half-way leaves the store as empty as it was.
  return backend.db.transaction(() => fill(backend, opts))();
}

function fill(backend: Backend, opts: { persons?: number; seed?: number }): DemoReport {
  const identities = backend.service<IdentityService>('identities');
  const organisation = backend.service<OrganisationService>('organisation');
  const notes = backend.service<NoteService>('notes');
  const empty: DemoReport = { seeded: false, users: 0, organisations: 0, persons: 0, notes: 0, appointments: 0, tasks: 0 };
  if (identities.count() > 0) return empty;
  const r = random(opts.seed ?? 1404);
  const session = backend.service<SessionService>('session');
  const admin = organisation.accountByUsername('admin')?.id ?? null;
  if (admin) session.setPassword(admin, DEMO_PASSWORD, admin);

  const org = organisation.overview();
  const roleId = (key: string) => {
    const name = BUILT_IN_ROLES.find((x) => x.key === key)?.name;
    return org.roles.find((x) => x.name === name)?.id;
  };
  const groups = new Map<string, string>();
  for (const name of new Set(D.USERS.map((u) => u.group))) {
    groups.set(name, organisation.createGroup({ name, kind: 'department', memberIds: [] }, admin).id);
  }
  groups.set('کمیته‌ی خرید', organisation.createGroup({ name: 'کمیته‌ی خرید', kind: 'group', memberIds: [] }, admin).id);
  const positions = new Map<string, string>();
  for (const title of new Set(D.USERS.map((u) => u.position))) {
    positions.set(title, organisation.createPosition(title, admin).id);
  }
  const userIds = D.USERS.map((u) => {
    const role = roleId(u.role);
    return organisation.createUser(
      {
        username: u.username,
        displayName: u.displayName,
        extension: u.extension,
        email: `${u.username}@daftar.example.ir`,
        positionId: positions.get(u.position),
        roleIds: role ? [role] : [],
        groupIds: [groups.get(u.group)!, ...(u.role === 'staff' && r.chance(0.5) ? [groups.get('کمیته‌ی خرید')!] : [])],
      },
      admin,
    ).id;
  });
  for (const id of userIds) session.setPassword(id, DEMO_PASSWORD, admin);
  const roomIds = D.ROOMS.map((room) => organisation.createRoom(room, admin).id);

  const orgIds: string[] = [];
  for (const name of D.ORGANISATIONS) {
    const city = r.pick(D.CITIES);
    const created = identities.create(
      IdentityCreate.parse({
        kind: 'organisation',
        organisationName: name,
        tags: [r.pick(D.TAGS)],
        phones: [
          { kind: 'work', number: landline(r, city.area) },
          ...(r.chance(0.5) ? [{ kind: 'fax', number: landline(r, city.area) }] : []),
        ],
        emails: [{ kind: 'work', address: `${r.pick(['info', 'office', 'sales'])}@${r.pick(D.DOMAINS)}` }],
        addresses: [{ kind: 'work', line: `${city.name}، ${r.pick(D.STREETS)}، پلاک ${toPersian(String(1 + r.int(300)))}`, city: city.name }],
      }),
      r.pick(userIds),
    );
    orgIds.push(created.id);
  }

  const personCount = opts.persons ?? 320;
  const personIds: string[] = [];
  let noteCount = 0;
  for (let i = 0; i < personCount; i++) {
    const female = r.chance(0.5);
    let first = r.pick(female ? D.FIRST_NAMES_FEMALE : D.FIRST_NAMES_MALE);
    let last = r.pick(D.LAST_NAMES);
    if (r.chance(0.1)) {
      first = arabicVariant(first);
      last = arabicVariant(last);
    }
    const city = r.pick(D.CITIES);
    const inOrg = r.chance(0.6);
    const latin = `${r.pick(D.LATIN)}${r.int(1000)}`;
    const person = identities.create(
      IdentityCreate.parse({
        kind: 'person',
        honorific: r.chance(0.3) ? (female ? 'خانم' : 'آقای') : r.chance(0.1) ? 'دکتر' : undefined,
        firstName: first,
        lastName: last,
        organisationId: inOrg ? r.pick(orgIds) : undefined,
        jobTitle: inOrg ? r.pick(D.JOB_TITLES) : undefined,
        tags: r.chance(0.6) ? [r.pick(D.TAGS)] : [],
        phones: [
          { kind: 'mobile', number: mobile(r) },
          ...(r.chance(0.4) ? [{ kind: 'work', number: landline(r, city.area) }] : []),
        ],
        emails: r.chance(0.7) ? [{ kind: r.chance(0.5) ? 'work' : 'personal', address: `${latin}@${r.pick(D.DOMAINS)}` }] : [],
        addresses: r.chance(0.3) ? [{ kind: 'home', line: `${city.name}، ${r.pick(D.STREETS)}`, city: city.name }] : [],
      }),
      r.pick(userIds),
    );
    personIds.push(person.id);
    if (r.chance(0.25)) {
      notes.create(person.id, r.pick(DEMO_NOTES), r.pick(userIds));
      noteCount++;
    }
  }
  const appointments = seedCalendarDemo(
    backend.service<CalendarService>('calendar'),
    r,
    adminCaller(organisation, admin),
    backend.store.clock.now(),
    { ceo: userIds[0]!, office: userIds[1]!, all: userIds },
    roomIds,
    personIds.slice(0, 40),
  );
  const tasks = seedWork(backend, admin!, userIds, [...orgIds, ...personIds], (list) => r.pick(list));
  return { seeded: true, users: userIds.length, organisations: orgIds.length, persons: personCount, notes: noteCount, appointments, tasks };
}

/** The demo fills the office as its administrator, before anybody has signed in. */
function adminCaller(organisation: OrganisationService, admin: string | null) {
  return organisation.callerOf(admin);
}

const DEMO_NOTES = [
  'پیش‌فاکتور ارسال شد؛ منتظر تأیید مدیر خرید هستند.',
  'درخواست جلسه برای معرفی محصول جدید در هفته‌ی آینده.',
  'شماره‌ی همراه جدید را اعلام کردند.',
  'از کیفیت پشتیبانی راضی بودند.',
  'قرارداد سالانه تا پایان اسفند تمدید می‌شود.',
  'پرداخت قسط دوم با تأخیر انجام شد.',
];
