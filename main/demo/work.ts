/**
 * Demo tasks, referrals, an announcement, follow-ups and reminders, among the demo users
 * and identities: a cartable with something in every tab and column, overdue rows and a
 * follow-up agenda that is not empty. Written through the services, as people would.
 */
import { DEFAULT_ZONE, jalaliWallTimeOf, type JalaliWallTime } from '../api/jalali-input';
import type { Caller } from '../api/router';
import type { Backend } from '../backend';
import type { FollowUpService } from '../followups/service';
import type { OrganisationService } from '../organisation/service';
import type { ReminderService } from '../reminders/service';
import type { Priority } from '../tasks/schema';
import type { TaskService } from '../tasks/service';

const DAY = 24 * 60 * 60_000;

interface DemoTask {
  subject: string;
  description?: string;
  priority: Priority;
  /** Days from today (negative: already past), whole day. */
  days?: number;
  from: number;
  to: number;
  identity?: boolean;
  /** Referred on by the holder to these users (original), with an instruction. */
  refer?: { to: number; instruction: string; copy?: number };
  status?: 'seen' | 'in_progress' | 'done';
}

// Indexes into the demo users (names.ts USERS): 0 CEO, 1 office manager, 2 receptionist,
// 3–4 sales, 5 finance, 6 support.
const TASKS: DemoTask[] = [
  { subject: 'پیگیری قرارداد پشتیبانی سالانه', description: 'پیش‌نویس قرارداد تا پایان هفته برای امضا آماده شود.', priority: 'high', days: 3, from: 0, to: 1, identity: true, refer: { to: 5, instruction: 'بررسی مالی و تأیید مبلغ', copy: 3 } },
  { subject: 'ارسال پیش‌فاکتور به مشتری', priority: 'normal', days: -2, from: 1, to: 3, identity: true },
  { subject: 'تماس با تأمین‌کنندهٔ کاغذ', priority: 'low', days: 1, from: 1, to: 2, status: 'in_progress' },
  { subject: 'آماده‌سازی گزارش فروش فصل', description: 'با نمودار مقایسه‌ای فصل پیش', priority: 'urgent', days: -1, from: 0, to: 4, status: 'seen' },
  { subject: 'تمدید بیمهٔ تجهیزات دفتر', priority: 'normal', days: 10, from: 1, to: 5, refer: { to: 6, instruction: 'فهرست تجهیزات را به‌روز کنید' } },
  { subject: 'هماهنگی جلسهٔ هیئت مدیره', priority: 'high', days: 0, from: 0, to: 1, status: 'in_progress' },
  { subject: 'پاسخ به نامهٔ شهرداری', priority: 'normal', days: 5, from: 0, to: 2 },
  { subject: 'بررسی شکایت مشتری دربارهٔ تأخیر ارسال', priority: 'urgent', days: -3, from: 1, to: 6, identity: true, status: 'done' },
  { subject: 'به‌روزرسانی فهرست قیمت‌ها', priority: 'normal', from: 3, to: 1 },
];

/** `signedIn`: the desk's user, whose follow-up agenda the dashboard shows. */
export function seedWork(
  backend: Backend,
  signedIn: string,
  userIds: string[],
  identityIds: string[],
  pick: <T>(list: readonly T[]) => T,
): number {
  const tasks = backend.service<TaskService>('tasks');
  const followups = backend.service<FollowUpService>('followups');
  const reminders = backend.service<ReminderService>('reminders');
  const organisation = backend.service<OrganisationService>('organisation');
  const now = backend.store.clock.now();
  const as = (i: number): Caller => organisation.callerOf(userIds[i]!);
  const day = (days: number): JalaliWallTime => ({ ...jalaliWallTimeOf(now + days * DAY, DEFAULT_ZONE), time: null });

  let count = 0;
  for (const t of TASKS) {
    const task = tasks.create(
      {
        subject: t.subject,
        priority: t.priority,
        assignees: [{ userId: userIds[t.to]! }],
        ...(t.description ? { description: t.description } : {}),
        ...(t.days !== undefined ? { deadline: day(t.days) } : {}),
        ...(t.identity ? { identityId: pick(identityIds) } : {}),
      },
      as(t.from),
    );
    count++;
    if (t.status || t.refer) tasks.open(task.id, as(t.to));
    if (t.refer) {
      tasks.refer(
        {
          taskId: task.id,
          recipients: [{ userId: userIds[t.refer.to]!, mode: 'original' }, ...(t.refer.copy !== undefined ? [{ userId: userIds[t.refer.copy]!, mode: 'copy' as const }] : [])],
          instruction: t.refer.instruction,
        },
        as(t.to),
      );
    }
    const mine = t.status ? tasks.open(task.id, as(t.to)).mine[0] : undefined;
    if (t.status && mine && t.status !== 'seen') tasks.setStatus(mine.assignmentId, t.status, as(t.to));
  }

  tasks.announce({ subject: 'جلسهٔ هماهنگی هفتگی، شنبه ساعت ۹', body: 'حضور همهٔ همکاران الزامی است.', priority: 'normal', deadline: day(2), audience: { everyone: true } }, as(1));

  const agenda: [string, number | null][] = [
    ['تماس برای پیگیری پرداخت', -1],
    ['ارسال کاتالوگ تازه', 0],
    ['هماهنگی بازدید از کارخانه', 1],
    ['پرسش دربارهٔ رضایت از خدمات', null],
  ];
  for (const [note, days] of agenda) {
    followups.create({ item: { kind: 'identity', id: pick(identityIds) }, note, ...(days !== null ? { next: day(days) } : {}) }, signedIn);
  }
  // A reminder for the office manager a little ahead: signed in as her, the popup shows.
  // (Not the desk's user: a popup appearing on its own would cover whatever one is doing.)
  reminders.create({ item: { kind: 'identity', id: pick(identityIds) }, at: jalaliWallTimeOf(now + 2 * 60_000, DEFAULT_ZONE), note: 'تماس با مشتری برای تأیید جلسه' }, userIds[1]!);
  return count;
}
