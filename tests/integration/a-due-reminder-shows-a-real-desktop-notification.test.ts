/**
 * The native notification, for real and end to end: a reminder set through the API falls
 * due in the backend's scheduler, the window has reported itself hidden, and the backend
 * shows it through node-notifier → notify-send → the session bus → Debian's
 * notification-daemon on a private X display. The test reads back what the daemon was
 * asked to show (dbus-monitor), that it answered with a notification id, and that its
 * notification window is on the display.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDesktopNotifier } from '../../main/host/desktop-notifier';
import type { SessionService } from '../../main/session/service';
import { ok } from '../api/backend-fixture';
import { startNotificationSession, type NotificationSession } from '../services/desktop/notification-session';
import { startWork, type Work } from '../tasks/work-fixture';

let session: NotificationSession;
let w: Work;
const saved = { DISPLAY: process.env.DISPLAY, XAUTHORITY: process.env.XAUTHORITY, DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS };

beforeAll(async () => {
  session = await startNotificationSession();
  // notify-send (started by node-notifier) finds the display and the bus in the environment.
  Object.assign(process.env, session.env);
  w = await startWork('desktop-notification', { notifier: nodeDesktopNotifier() });
});
afterAll(async () => {
  await w.close();
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
    const me = w.admin.userId!;
    const task = await ok(w.backend, 'tasks.create', { subject: 'تماس با "بانک" & <بیمه>', priority: 'high', assignees: [{ userId: me }] });
    await ok(w.backend, 'reminders.create', { item: { kind: 'task', id: task.id }, at: '1404/01/01 12:00', note: 'پرونده را آماده کنید' });
    // The window says it is hidden (minimised to the tray).
    await ok(w.backend, 'reminders.presence', { windowId: 'main-window-1', visible: false, focused: false });
    w.time.advance(30 * 60_000);
    const shown = await until(() => session.notifications().find((n) => n.id !== null));

    expect(shown).toEqual({ summary: 'تماس با "بانک" & <بیمه>', body: 'پرونده را آماده کنید', id: expect.any(Number) });
    expect(await until(() => (session.notificationWindows().length > 0 ? session.notificationWindows() : undefined))).toHaveLength(1);
    expect(w.events.filter((e) => e.event === 'reminder.due')).toHaveLength(1);
  });

  it('is not announced natively while a window is visible and focused (the popup is enough)', async () => {
    const before = session.notifications().length;
    const task = await ok(w.backend, 'tasks.create', { subject: 'کار دوم', priority: 'normal', assignees: [{ userId: w.admin.userId! }] });
    await ok(w.backend, 'reminders.create', { item: { kind: 'task', id: task.id }, at: '1404/01/01 13:00' });
    w.time.advance(59 * 60_000);
    // A window reports (and repeats its report while open); it is visible and focused now.
    await ok(w.backend, 'reminders.presence', { windowId: 'main-window-1', visible: true, focused: true });
    w.time.advance(60_000);
    expect(w.events.filter((e) => e.event === 'reminder.due')).toHaveLength(2);
    // Give a stray notify-send time to reach the bus before looking.
    await new Promise((res) => setTimeout(res, 500));
    expect(session.notifications()).toHaveLength(before);
  });

  it('falling due while nobody is signed in, it is announced for real by whose it is, without its title or note', async () => {
    const before = session.notifications().length;
    const task = await ok(w.backend, 'tasks.create', { subject: 'قرارداد محرمانه', priority: 'normal', assignees: [{ userId: w.admin.userId! }] });
    await ok(w.backend, 'reminders.create', { item: { kind: 'task', id: task.id }, at: '1404/01/01 14:00', note: 'رقم پیشنهادی' });
    w.backend.service<SessionService>('session').signOut();
    // The window at the sign-in screen is in front; it shows no reminder, so the desktop is told anyway.
    await ok(w.backend, 'reminders.presence', { windowId: 'main-window-1', visible: true, focused: true });
    w.time.advance(60 * 60_000);
    const shown = await until(() => session.notifications().slice(before).find((n) => n.id !== null));
    expect(shown).toEqual({ summary: 'یادآوری دفتر', body: 'یک یادآوری برای مدیر سیستم رسیده است؛ برای دیدن آن وارد شوید.', id: expect.any(Number) });
    expect(w.events.filter((e) => e.event === 'reminder.waiting')).toHaveLength(1);
  });
});
