/**
 * The calendar bench's data: 20 calendars, rooms and people, and one week (Saturday
 * 1404/02/06 = 26 April 2025 to Friday) holding 2,000 appointment occurrences, a third of
 * them from repeating series that reach back weeks before it and on after it.
 */
import type { CalendarService, CalendarCaller } from '../../main/calendar/service';
import { AppointmentCreate } from '../../main/calendar/schema';
import type { OrganisationService } from '../../main/organisation/service';

export const BENCH_WEEK = { from: '2025-04-26', to: '2025-05-02' };
const DAYS = ['2025-04-26', '2025-04-27', '2025-04-28', '2025-04-29', '2025-04-30', '2025-05-01'];
const SUBJECTS = ['جلسهٔ فروش', 'بررسی قرارداد', 'دیدار مشتری', 'آموزش کارکنان', 'جلسهٔ هیئت‌مدیره', 'تماس با تأمین‌کننده', 'مصاحبهٔ استخدامی', 'بازدید کارخانه'];

export interface CalendarBenchData {
  calendarIds: string[];
  roomIds: string[];
  userIds: string[];
  occurrences: number;
}

/** A small deterministic generator: the same data on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function seedCalendarWeek(svc: CalendarService, org: OrganisationService, admin: CalendarCaller): CalendarBenchData {
  const r = random(1404);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const userIds = Array.from({ length: 30 }, (_, i) =>
    org.createUser({ username: `bench${i}`, displayName: `کارمند ${i + 1}`, roleIds: [], groupIds: [] }, admin.userId).id,
  );
  const roomIds = Array.from({ length: 10 }, (_, i) => org.createRoom({ name: `اتاق ${i + 1}`, capacity: 4 + i, equipment: [] }, admin.userId).id);
  const calendarIds = Array.from({ length: 20 }, (_, i) =>
    svc.createCalendar({ name: `تقویم ${i + 1}`, colour: `#${((i * 2654435761) >>> 8).toString(16).padStart(6, '0').slice(0, 6)}`, ownerId: null, defaultAccess: 'read-write', access: [] }, admin).id,
  );
  let occurrences = 0;
  const create = (fields: Record<string, unknown>, inWeek: number) => {
    const start = Math.floor(8 + r() * 9) * 60 + (r() < 0.5 ? 0 : 30);
    const length = pick([30, 45, 60, 90]);
    const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const day = fields.day as string;
    delete fields.day;
    svc.create(
      AppointmentCreate.parse({
        calendarId: pick(calendarIds),
        subject: pick(SUBJECTS),
        start: `${day}T${hm(start)}`,
        end: `${day}T${hm(Math.min(start + length, 23 * 60))}`,
        attendees: [pick(userIds), pick(userIds)].filter((u, i, a) => a.indexOf(u) === i).map((userId) => ({ kind: 'user', userId })),
        location: r() < 0.3 ? { kind: 'room', roomId: pick(roomIds) } : { kind: 'text', text: 'دفتر مرکزی' },
        notify: [],
        // Booked on top of each other on purpose: the week is crowded.
        override: true,
        ...fields,
      }),
      admin,
    );
    occurrences += inWeek;
  };
  // 100 series on six days a week that started four weeks earlier: 6 occurrences in the week each.
  for (let i = 0; i < 100; i++) create({ day: '2025-03-29', recurrence: { freq: 'weekly', weekdays: ['SA', 'SU', 'MO', 'TU', 'WE', 'TH'], count: 60 } }, 6);
  // 200 weekly series on one day, from eight weeks before to twelve after.
  for (let i = 0; i < 200; i++) {
    const day = DAYS[i % DAYS.length]!;
    const first = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) - 56)).toISOString().slice(0, 10);
    create({ day: first, recurrence: { freq: 'weekly', count: 20 } }, 1);
  }
  // 1,200 single appointments in the week.
  for (let i = 0; i < 1200; i++) create({ day: DAYS[i % DAYS.length] }, 1);
  return { calendarIds, roomIds, userIds, occurrences };
}
