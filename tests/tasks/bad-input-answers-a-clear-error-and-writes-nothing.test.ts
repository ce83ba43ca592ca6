/**
 * Bad input of tasks, referrals, reminders and follow-ups: each is refused with a sentence
 * in Persian and English, and the store is exactly as it was (rows, outbox, settings).
 * The input goes through the method's schema with the router's error messages first, as
 * the router does, then the service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ApiError } from '../../main/api/errors';
import { text, type Language } from '../../main/api/messages';
import type { Caller } from '../../main/api/router';
import { issueMessage, zodErrorMap } from '../../main/api/zod-messages';
import { FollowUpCreate } from '../../main/followups/schema';
import { ReminderCreate, ReminderSnooze } from '../../main/reminders/schema';
import { TaskCreate, TaskRefer } from '../../main/tasks/schema';
import { snapshot } from '../api/backend-fixture';
import { identity, startWork, type Work } from './work-fixture';

let w: Work;
let boss: Caller, ali: Caller, sara: Caller, gone: Caller;
let taskId = '';

beforeAll(async () => {
  w = await startWork('bad-input');
  boss = w.person('مدیر', 'office-manager');
  ali = w.person('علی');
  sara = w.person('سارا');
  gone = w.person('رفته');
  // A user who left: soft-deleted, as the organisation keeps history.
  w.backend.store.write(null, (wr) => wr.softDelete('users', gone.userId!));
  taskId = w.tasks.create({ subject: 'بررسی پرونده', priority: 'normal', assignees: [{ userId: ali.userId! }] }, boss).id;
  w.tasks.refer({ taskId, recipients: [{ userId: sara.userId!, mode: 'original' }] }, ali);
});
afterAll(() => w.close());

interface Refusal {
  code: string;
  fa: string;
  en: string;
  fields: string[];
}

/** Validates as the router does, runs the handler, and answers the refusal in both languages. */
function attempt<S extends z.ZodType>(schema: S, input: unknown, handler: (parsed: z.output<S>) => unknown): Refusal {
  const messages = (lang: Language) => {
    const parsed = schema.safeParse(input, { error: zodErrorMap(lang) });
    if (!parsed.success) {
      return {
        code: 'invalid-input',
        message: parsed.error.issues
          .map((i) => issueMessage(i.message, 'params' in i ? (i.params as Record<string, unknown>) : undefined, lang))
          .join(' '),
        fields: parsed.error.issues.map((i) => i.path.join('.')),
      };
    }
    try {
      handler(parsed.data);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return { code: err.code, message: text(err.key, lang, err.params), fields: (err.issues ?? []).map((i) => i.path.join('.')) };
    }
    throw new Error('expected a refusal');
  };
  const before = snapshot(w.backend.db);
  const fa = messages('fa');
  const en = messages('en');
  expect(snapshot(w.backend.db)).toEqual(before);
  return { code: fa.code, fa: fa.message, en: en.message, fields: fa.fields };
}

describe('bad input is refused with a clear sentence and nothing is written', () => {
  it('a deadline that is not a valid Jalali date (1404 has no Esfand 30th; month 13; 31 Mehr)', () => {
    for (const deadline of ['1404/12/30', '1404/13/01', '1404/07/31', '۱۴۰۴/۰۲/۳۲', '2025-03-21', 'فردا', '1404/01/01 24:00']) {
      const r = attempt(TaskCreate, { subject: 'کار', deadline, assignees: [{ userId: ali.userId }] }, (i) => w.tasks.create(i, boss));
      expect(r.code).toBe('invalid-input');
      expect(r.fields).toEqual(['deadline']);
      expect(r.fa).toContain(`«${deadline}» تاریخ شمسی درستی نیست`);
      expect(r.en).toContain(`“${deadline}” is not a valid Jalali date`);
    }
    // …while a leap year's Esfand 30th is a real day.
    expect(w.tasks.create({ subject: 'کار کبیسه', priority: 'normal', deadline: TaskCreate.parse({ subject: 'x', deadline: '1403/12/30', assignees: [{ userId: ali.userId }] }).deadline, assignees: [{ userId: ali.userId! }] }, boss).deadline).not.toBeNull();
  });

  it('a referral to a deleted user', () => {
    const r = attempt(TaskRefer, { taskId, recipients: [{ userId: gone.userId, mode: 'original' }] }, (i) => w.tasks.refer(i, sara));
    expect(r).toMatchObject({ code: 'invalid-input', fields: ['recipients.0.userId'] });
    expect(r.fa).toBe('این کاربر پیدا نشد.');
    expect(r.en).toBe('This user was not found.');
  });

  it('a task assigned to a deleted user, or to a group that does not exist', () => {
    expect(attempt(TaskCreate, { subject: 'کار', assignees: [{ userId: gone.userId }] }, (i) => w.tasks.create(i, boss)).fields).toEqual([
      'assignees.0.userId',
    ]);
    const r = attempt(TaskCreate, { subject: 'کار', assignees: [{ groupId: w.clock.newId() }] }, (i) => w.tasks.create(i, boss));
    expect([r.code, r.en]).toEqual(['invalid-input', 'This group was not found.']);
  });

  it('a referral cycle (back to whoever the task came through)', () => {
    const r = attempt(TaskRefer, { taskId, recipients: [{ userId: ali.userId, mode: 'original' }] }, (i) => w.tasks.refer(i, sara));
    expect(r.code).toBe('conflict');
    expect(r.fa).toBe('ارجاع به «علی» کار را دور می‌زند: این کار از او به شما رسیده است.');
    expect(r.en).toBe('Referring to “علی” would send the task round in a circle: it came to you through them.');
  });

  it('a reminder on a missing item: deleted, never existed, or of a kind nobody registered', () => {
    const deleted = identity(w, 'حذف', 'شده');
    w.identities.delete(deleted, null);
    for (const item of [
      { kind: 'identity', id: deleted },
      { kind: 'task', id: w.clock.newId() },
    ]) {
      const r = attempt(ReminderCreate, { item, at: '1404/01/05 10:00' }, (i) => w.reminders.create(i, ali.userId));
      expect([r.code, r.fields]).toEqual(['not-found', ['item.id']]);
      expect(r.fa).toContain('پیدا نشد');
      expect(r.en).toBe('The item to attach this to was not found or has been deleted.');
    }
    const r = attempt(ReminderCreate, { item: { kind: 'spaceship', id: w.clock.newId() }, at: '1404/01/05 10:00' }, (i) =>
      w.reminders.create(i, ali.userId),
    );
    expect([r.code, r.fields, r.en]).toEqual(['invalid-input', ['item.kind'], 'The item type “spaceship” is not known.']);
  });

  it('a reminder on a task the person is not part of (answered as missing, so it reveals nothing)', () => {
    const stranger = w.person('غریبه');
    const r = attempt(ReminderCreate, { item: { kind: 'task', id: taskId }, at: '1404/01/05 10:00' }, (i) => w.reminders.create(i, stranger.userId));
    expect(r.code).toBe('not-found');
  });

  it('a reminder without a time, in the past, or snoozed both ways at once', () => {
    const item = { kind: 'task', id: taskId };
    expect(attempt(ReminderCreate, { item, at: '1404/01/05' }, (i) => w.reminders.create(i, ali.userId)).en).toBe(
      'Enter a time as well, like 1404/02/15 09:30.',
    );
    expect(attempt(ReminderCreate, { item, at: '1403/12/29 10:00' }, (i) => w.reminders.create(i, ali.userId)).en).toBe(
      'This time has passed; choose a time in the future.',
    );
    const reminder = w.reminders.create({ item, at: TaskCreate.shape.deadline.parse('1404/01/05 10:00')! }, ali.userId);
    expect(attempt(ReminderSnooze, { id: reminder.id, minutes: 5, until: '1404/01/06 10:00' }, (i) => w.reminders.snooze(i, ali.userId)).en).toBe(
      'Choose either some minutes or a time to be reminded again.',
    );
    // Someone else's reminder is not theirs to snooze.
    expect(attempt(ReminderSnooze, { id: reminder.id, minutes: 5 }, (i) => w.reminders.snooze(i, sara.userId)).code).toBe('not-found');
  });

  it('a follow-up on a missing item, or with an impossible next date', () => {
    expect(attempt(FollowUpCreate, { item: { kind: 'identity', id: w.clock.newId() }, note: 'تماس' }, (i) => w.followups.create(i, ali.userId)).code).toBe(
      'not-found',
    );
    expect(attempt(FollowUpCreate, { item: { kind: 'task', id: taskId }, note: 'تماس', next: '1404/06/32' }, (i) => w.followups.create(i, ali.userId)).fields).toEqual(['next']);
  });
});
