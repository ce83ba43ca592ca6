import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJalali } from '../../main/api/jalali-input';
import type { FollowUpService } from '../../main/followups/service';
import type { ReminderService } from '../../main/reminders/service';
import { fails, ok, snapshot } from '../api/backend-fixture';
import { apiError, calendarFixture, type CalendarFixture } from './fixture';

let f: CalendarFixture;
beforeAll(async () => {
  f = await calendarFixture('calendar-items');
});
afterAll(() => f.close());

const reminders = () => f.t.backend.service<ReminderService>('reminders');
const followups = () => f.t.backend.service<FollowUpService>('followups');
const at = (s: string) => parseJalali(s)!;

describe('appointments as items', () => {
  it('take a reminder that calls the appointment by its subject and opens it on its day', async () => {
    const customer = f.identity('کریمی');
    const a = f.svc.create(
      f.input({ calendarId: f.officeCalendarId, subject: 'بازدید از کارخانه', start: '2025-04-23T10:00', end: '2025-04-23T12:00', attendees: [{ kind: 'identity', identityId: customer }], notify: [] }),
      f.manager,
    );
    // Through the API, as the signed-in administrator.
    const r = await ok(f.t.backend, 'reminders.create', { item: { kind: 'appointment', id: a.id }, at: '1404/02/03 09:00', note: 'مدارک را ببر' });
    expect(r).toMatchObject({ item: { kind: 'appointment', id: a.id }, title: 'بازدید از کارخانه', link: `/calendar?open=${a.id}&date=2025-04-23`, state: 'pending' });
    // A follow-up on it belongs to the customer's history too (the appointment's identity).
    const fu = await ok(f.t.backend, 'followups.create', { item: { kind: 'appointment', id: a.id }, note: 'پیش‌فاکتور بفرست', next: '1404/02/04' });
    expect(fu).toMatchObject({ title: 'بازدید از کارخانه', link: `/calendar?open=${a.id}&date=2025-04-23` });
    expect(f.t.backend.db.prepare('SELECT identity_id FROM followups WHERE id = ?').pluck().get(fu.id)).toBe(customer);
  });

  it('refuse a reminder on an appointment that does not exist or was cancelled, writing nothing', async () => {
    const before = snapshot(f.t.backend.db);
    const missing = await fails(f.t.backend, 'reminders.create', { item: { kind: 'appointment', id: '0190a000-0000-7000-8000-000000000000' }, at: '1404/02/03 09:00' });
    expect([missing.code, missing.message]).toEqual(['not-found', 'موردی که یادآوری یا پیگیری به آن وصل می‌شود پیدا نشد یا حذف شده است.']);
    const a = f.svc.create(f.input({ calendarId: f.officeCalendarId, subject: 'لغوشده', start: '2025-04-24T10:00', end: '2025-04-24T11:00', notify: [] }), f.manager);
    f.svc.cancel({ id: a.id, scope: 'series', notify: [] }, f.manager);
    const snap = snapshot(f.t.backend.db);
    const cancelled = await fails(f.t.backend, 'followups.create', { item: { kind: 'appointment', id: a.id }, note: 'x' });
    expect(cancelled.code).toBe('not-found');
    expect(snapshot(f.t.backend.db)).toEqual(snap);
    expect(before.counts.reminders).toBe(snap.counts.reminders);
  });

  it('are seen only by those who may open them: a private calendar’s appointment is refused to others, not to its attendee', () => {
    const ceo = f.user('مدیرعامل', 'staff');
    const guest = f.user('مهمان', 'staff');
    const other = f.user('دیگری', 'staff');
    const cal = f.svc.createCalendar({ name: 'تقویم مدیرعامل', colour: '#e53935', ownerId: ceo.userId, defaultAccess: 'none', access: [] }, f.admin);
    const a = f.svc.create(
      f.input({ calendarId: cal.id, subject: 'جلسهٔ محرمانه', start: '2025-04-25T10:00', end: '2025-04-25T11:00', attendees: [{ kind: 'user', userId: guest.userId! }], notify: [] }),
      f.admin,
    );
    const item = { kind: 'appointment', id: a.id };
    const refused = apiError(() => reminders().create({ item, at: at('1404/02/04 09:00') }, other.userId));
    expect([refused.code, refused.key]).toEqual(['not-found', 'item.notFound']);
    expect(apiError(() => followups().forItem(item, other.userId)).code).toBe('not-found');
    expect(reminders().create({ item, at: at('1404/02/04 09:00') }, ceo.userId).title).toBe('جلسهٔ محرمانه');
    expect(reminders().create({ item, at: at('1404/02/04 09:00') }, guest.userId).title).toBe('جلسهٔ محرمانه');
  });
});
