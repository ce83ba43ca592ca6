/**
 * The native notification, for real: node-notifier → notify-send → the session bus →
 * Debian's notification-daemon on a private X display. The test reads back what the
 * daemon was asked to show (dbus-monitor), that it answered with a notification id, and
 * that its notification window is on the display.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { text } from '../../main/api/messages';
import { parseJalali } from '../../main/api/jalali-input';
import { ReminderDelivery } from '../../main/reminders/delivery';
import { nodeDesktopNotifier } from '../../main/reminders/desktop-notifier';
import { WindowPresence } from '../../main/reminders/presence';
import { scheduleReminders } from '../../main/reminders/scheduling';
import { startNotificationSession, type NotificationSession } from '../services/desktop/notification-session';
import { fakeTimers, startWork, type Work } from '../tasks/work-fixture';

let session: NotificationSession;
let w: Work;
const saved = { DISPLAY: process.env.DISPLAY, XAUTHORITY: process.env.XAUTHORITY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };

beforeAll(async () => {
  session = await startNotificationSession();
  // notify-send (started by node-notifier) finds the display and the bus in the environment.
  Object.assign(process.env, session.env);
  w = startWork('desktop-notification');
});
afterAll(async () => {
  w.close();
  await session.stop();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function until<T>(what: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a reminder that falls due while nobody looks at the app', () => {
  it('is shown as a real desktop notification, with the item’s title and the reminder’s note', async () => {
    const presence = new WindowPresence();
    const errors: unknown[] = [];
    const delivery = new ReminderDelivery({
      emit: () => {},
      currentUser: () => w.admin.userId,
      presence,
      notifier: nodeDesktopNotifier(),
      sentence: (key, params) => text(key, 'fa', params),
      onNotifyError: (err) => errors.push(err),
    });
    const time = fakeTimers(w.clock);
    const run = scheduleReminders(w.backend.store, w.reminders, time.timers, (f) => delivery.deliver(f));
    const task = w.tasks.create({ subject: 'تماس با "بانک" & <بیمه>', priority: 'high', assignees: [{ userId: w.admin.userId! }] }, w.admin);
    w.reminders.create({ item: { kind: 'task', id: task.id }, at: parseJalali('1404/01/01 12:00')!, note: 'پرونده را آماده کنید' }, w.admin.userId);

    // The window reports it is hidden (minimised to the tray).
    presence.report('main-window-1', { visible: false, focused: false });
    time.advance(30 * 60_000);
    const shown = await until(() => session.notifications().find((n) => n.id !== null));
    run.stop();

    expect(errors).toEqual([]);
    expect(shown).toEqual({ summary: 'تماس با "بانک" & <بیمه>', body: 'پرونده را آماده کنید', id: expect.any(Number) });
    expect(await until(() => (session.notificationWindows().length > 0 ? session.notificationWindows() : undefined))).toHaveLength(1);
  });

  it('is not announced natively while a window is visible and focused', async () => {
    const before = session.notifications().length;
    const presence = new WindowPresence();
    presence.report('main-window-1', { visible: true, focused: true });
    const popups: string[] = [];
    const delivery = new ReminderDelivery({
      emit: (r) => popups.push(r.id),
      currentUser: () => w.admin.userId,
      presence,
      notifier: nodeDesktopNotifier(),
      sentence: (key, params) => text(key, 'fa', params),
      onNotifyError: () => {},
    });
    const time = fakeTimers(w.clock);
    const run = scheduleReminders(w.backend.store, w.reminders, time.timers, (f) => delivery.deliver(f));
    const task = w.tasks.create({ subject: 'کار دوم', priority: 'normal', assignees: [{ userId: w.admin.userId! }] }, w.admin);
    const r = w.reminders.create({ item: { kind: 'task', id: task.id }, at: parseJalali('1404/01/01 13:00')! }, w.admin.userId);
    time.advance(2 * 60 * 60_000);
    run.stop();
    expect(popups).toEqual([r.id]);
    // Give a stray notify-send time to reach the bus before looking.
    await new Promise((res) => setTimeout(res, 500));
    expect(session.notifications()).toHaveLength(before);
  });
});
