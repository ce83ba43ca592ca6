/**
 * The demo office's calendars: the CEO's and the sales team's beside the office calendar,
 * and two weeks of appointments around today — room bookings, a weekly staff meeting,
 * customer visits with identities, an all-day trip — written through the calendar service.
 */
import type { CalendarService } from '../calendar/service';
import { AppointmentCreate } from '../calendar/schema';
import { addDays, dateOf, weekdayOf } from '../api/zoned-time';

interface Pick {
  pick<T>(xs: readonly T[]): T;
  int(n: number): number;
}

const SUBJECTS = ['بررسی قرارداد', 'دیدار با مشتری', 'جلسه‌ی فروش', 'گزارش مالی', 'آموزش نرم‌افزار', 'مصاحبه‌ی استخدامی', 'هماهنگی پروژه', 'تماس تصویری با نماینده'];

export function seedCalendarDemo(
  calendar: CalendarService,
  r: Pick,
  admin: { userId: string | null; permissions: ReadonlySet<string> },
  now: number,
  users: { ceo: string; office: string; all: string[] },
  roomIds: string[],
  personIds: string[],
): number {
  const zone = calendar.settings().zone;
  const today = dateOf(now, zone);
  // From the Saturday of this week.
  const saturday = addDays(today, -((weekdayOf(today) + 1) % 7));
  const ceoCalendar = calendar.createCalendar({ name: 'تقویم مدیرعامل', colour: '#e53935', ownerId: users.ceo, defaultAccess: 'read', access: [{ userId: users.office, access: 'read-write' }] }, admin).id;
  const salesCalendar = calendar.createCalendar({ name: 'تقویم فروش', colour: '#43a047', ownerId: null, defaultAccess: 'read-write', access: [] }, admin).id;
  const office = calendar.calendars(admin).find((c) => c.kind === 'regular' && c.id !== ceoCalendar && c.id !== salesCalendar)!.id;
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  let count = 0;
  const book = (fields: Record<string, unknown>) => {
    calendar.create(AppointmentCreate.parse({ notify: ['inapp'], override: true, ...fields }), admin);
    count++;
  };
  book({
    calendarId: office,
    subject: 'جلسه‌ی هفتگی کارکنان',
    start: `${saturday}T09:00`,
    end: `${saturday}T10:00`,
    location: { kind: 'room', roomId: roomIds[0] },
    attendees: users.all.map((userId) => ({ kind: 'user', userId, mandatory: userId === users.ceo })),
    recurrence: { freq: 'weekly', weekdays: ['SA'], count: 12 },
  });
  for (let d = 0; d < 13; d++) {
    const day = addDays(saturday, d);
    if (weekdayOf(day) === 5) continue;
    for (let i = 0; i < 3 + r.int(3); i++) {
      const start = 10 * 60 + r.int(12) * 30;
      const length = r.pick([30, 60, 60, 90]);
      const cal = r.pick([ceoCalendar, salesCalendar, office]);
      book({
        calendarId: cal,
        subject: r.pick(SUBJECTS),
        start: `${day}T${hm(start)}`,
        end: `${day}T${hm(Math.min(start + length, 18 * 60))}`,
        location: r.int(3) === 0 ? { kind: 'text', text: 'دفتر مشتری' } : { kind: 'room', roomId: r.pick(roomIds) },
        identityId: r.int(2) === 0 ? r.pick(personIds) : undefined,
        attendees: [{ kind: 'user', userId: cal === ceoCalendar ? users.ceo : r.pick(users.all), mandatory: true }],
      });
    }
  }
  book({ calendarId: ceoCalendar, subject: 'سفر کاری به اصفهان', allDay: true, startDate: addDays(saturday, 9), endDate: addDays(saturday, 10), attendees: [{ kind: 'user', userId: users.ceo, mandatory: true }] });
  return count;
}
