/**
 * Tasks and reminders in the real UI: a task referred to another user goes from unseen to
 * seen in the sender's cartable; a reminder pops up at its time, stays until handled, and
 * comes back after a snooze; the cartable (grid and kanban) and the popup, in Persian and
 * English at 1024 and 1366 px.
 *
 * One desk has one signed-in user, so "another user" means signing in as them (as the
 * office's second person at the same desk would); the admin is signed in again afterwards.
 */
import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, hostUrl, openApp, screenshotPath, signInIfAsked, test, uniqueWord, wallText } from './fixtures';
import { callHost } from './host-api';

interface Org {
  users: { id: string; username: string; displayName: string }[];
  roles: { id: string; name: string }[];
}
interface Session {
  user: { id: string } | null;
}
/** Someone who can sign in at the desk (every one has the demo's password). */
interface Person {
  id: string;
  username: string;
}

const admin: Person = { id: '', username: 'admin' };

/** Signs the desk in as `who` (the session belongs to the desk, so every window follows). */
async function signInAtDesk(who: Person): Promise<void> {
  await callHost('session.signIn', { username: who.username, password: DEMO_PASSWORD });
}

test.beforeAll(async () => {
  await signInAtDesk(admin);
  admin.id = (await callHost<Session>('session.get', {})).user!.id;
});
test.afterAll(async () => {
  // Leave the shared desk as the other specs expect it: the administrator, in Persian.
  await signInAtDesk(admin);
  await callHost('settings.update', { language: 'fa' });
});

/** A new staff member with a password, created by the administrator. */
async function newStaff(name: string): Promise<Person> {
  await signInAtDesk(admin);
  const org = await callHost<Org>('organisation.get', {});
  const staff = org.roles.find((r) => r.name === 'کارمند')!;
  const username = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  const user = await callHost<{ id: string }>('organisation.createUser', { username, displayName: name, roleIds: [staff.id] });
  await callHost('session.setPassword', { userId: user.id, password: DEMO_PASSWORD });
  return { id: user.id, username };
}

/** Opens the app afresh (a new load, not a hash change of the page already open). */
async function reopen(page: Page, path: string): Promise<void> {
  await page.goto('about:blank');
  await openApp(page, path);
}

async function signIn(page: Page, who: Person, path: string): Promise<void> {
  await signInAtDesk(who);
  await reopen(page, path);
}

// Long flows on a small, shared machine: generous time, nothing here is a timing assertion.
test.describe.configure({ timeout: 300_000 });

test('a task referred to another user goes from unseen to seen in the sender’s cartable', async ({ page }) => {
  const senderName = `فرستنده ${uniqueWord()}`;
  const recipientName = `گیرنده ${uniqueWord()}`;
  const sender = await newStaff(senderName);
  const recipient = await newStaff(recipientName);
  const subject = `بررسی قرارداد ${uniqueWord()}`;

  // The sender creates a task for themself…
  await signIn(page, sender, '/tasks');
  await page.getByTestId('task-new').click();
  const dialog = page.getByTestId('task-dialog');
  await dialog.getByTestId('task-subject').fill(subject);
  await dialog.getByTestId('task-assignees').fill(senderName);
  await page.getByTestId('task-assignees-option').filter({ hasText: senderName }).click();
  await dialog.getByTestId('task-deadline').fill('۱۴۰۴/۱۲/۳۰');
  await dialog.getByTestId('task-save').click();
  // 1404 has no Esfand 30th: the form says so, keeps what was typed, and nothing is created.
  await expect(dialog).toContainText('تاریخ شمسی درستی نیست');
  await expect(dialog.getByTestId('task-subject')).toHaveValue(subject);
  await dialog.getByTestId('task-deadline').fill('1499/12/29');
  await dialog.getByTestId('task-save').click();
  await expect(page.getByTestId('task-subject-heading')).toHaveText(subject);

  // …and refers it to the recipient as the original, with an instruction.
  await page.getByTestId('task-refer').click();
  const refer = page.getByTestId('refer-dialog');
  await refer.getByTestId('refer-original').fill(recipientName);
  await page.getByTestId('refer-original-option').filter({ hasText: recipientName }).click();
  await refer.getByTestId('refer-instruction').fill('لطفاً تا فردا بررسی کنید');
  await refer.getByTestId('refer-send').click();
  await expect(refer).toBeHidden();
  const step = page.getByTestId('chain-step').filter({ hasText: recipientName });
  await expect(step).toHaveAttribute('data-status', 'unseen');
  await expect(step).toContainText('لطفاً تا فردا بررسی کنید');
  await expect(page.getByTestId('chain-step').filter({ hasText: senderName }).first()).toHaveAttribute('data-status', 'referred');

  // In "referred by me" the recipient's row is unseen.
  await reopen(page, '/tasks?tab=referredByMe');
  const row = page.getByTestId('cartable-row').filter({ hasText: subject });
  await expect(row).toHaveAttribute('data-status', 'unseen');
  await expect(row).toHaveAttribute('data-holder', recipientName);

  // The recipient signs in: the bell says one new message; it opens the task.
  await signIn(page, recipient, '/');
  await expect(page.getByTestId('inbox-bell')).toHaveAttribute('data-unread', '1');
  await page.getByTestId('inbox-bell').click();
  const message = page.getByTestId('inbox-message').filter({ hasText: subject });
  await expect(message).toContainText(`${senderName} کار «${subject}» را به شما ارجاع داد.`);
  await message.click();
  await expect(page.getByTestId('task-subject-heading')).toHaveText(subject);
  await expect(page.getByTestId('my-holding')).toHaveAttribute('data-status', 'seen');
  await expect(page.getByTestId('inbox-bell')).toHaveAttribute('data-unread', '0');

  // Back as the sender: the row has gone from unseen to seen.
  await signIn(page, sender, '/tasks?tab=referredByMe');
  await expect(page.getByTestId('cartable-row').filter({ hasText: subject })).toHaveAttribute('data-status', 'seen');

  // The recipient moves it on the kanban board by dragging, and it is in progress.
  await signIn(page, recipient, '/tasks?view=kanban');
  const card = page.getByTestId('kanban-card').filter({ hasText: subject });
  await expect(page.getByTestId('kanban-column-seen').getByTestId('kanban-card').filter({ hasText: subject })).toBeVisible();
  await card.dragTo(page.getByTestId('kanban-column-in_progress'));
  await expect(page.getByTestId('kanban-column-in_progress').getByTestId('kanban-card').filter({ hasText: subject })).toBeVisible();
  await signIn(page, sender, '/tasks?tab=referredByMe');
  await expect(page.getByTestId('cartable-row').filter({ hasText: subject })).toHaveAttribute('data-status', 'in_progress');
});

test('a reminder pops up at its time, stays until handled, and snoozing makes it come back', async ({ page }) => {
  await signInAtDesk(admin);
  const subject = `تماس با بانک ${uniqueWord()}`;
  const task = await callHost<{ id: string }>('tasks.create', { subject, priority: 'high', assignees: [{ userId: admin.id }] });
  await callHost('reminders.create', { item: { kind: 'task', id: task.id }, at: wallText(Date.now() + 4000), note: 'پرونده را آماده کنید' });

  await openApp(page, '/tasks');
  const popup = page.getByTestId('reminder-popup').filter({ hasText: subject });
  await expect(popup).toBeVisible({ timeout: 20_000 });
  await expect(popup).toContainText('پرونده را آماده کنید');
  await page.screenshot({ path: screenshotPath('reminder-popup') });

  // It stays until handled: a reload brings it back, not fired again.
  await page.reload();
  await expect(popup).toBeVisible();

  // Snooze to a chosen time a few seconds ahead: it goes, and comes back.
  await popup.getByTestId('snooze-choose').click();
  await popup.getByTestId('snooze-until').fill(wallText(Date.now() + 4000));
  await popup.getByRole('button', { name: 'تنظیم' }).click();
  await expect(popup).toBeHidden();
  await expect(popup).toBeVisible({ timeout: 20_000 });

  // Snooze 5 minutes: it goes, due again in five minutes.
  await popup.getByTestId('snooze-5').click();
  await expect(popup).toBeHidden();
  const [pending] = await callHost<{ id: string; dueAt: number; state: string }[]>('reminders.list', { item: { kind: 'task', id: task.id } });
  expect(pending!.state).toBe('pending');
  expect(pending!.dueAt - Date.now()).toBeGreaterThan(4 * 60_000);
  expect(pending!.dueAt - Date.now()).toBeLessThanOrEqual(5 * 60_000);
  await callHost('reminders.remove', { id: pending!.id });
});

test('a reminder due while nobody is signed in chimes at the sign-in screen without showing itself, and pops up in full after sign-in', async ({ page }) => {
  await signInAtDesk(admin);
  const subject = `قرارداد محرمانه ${uniqueWord()}`;
  const task = await callHost<{ id: string }>('tasks.create', { subject, priority: 'normal', assignees: [{ userId: admin.id }] });
  await callHost('reminders.create', { item: { kind: 'task', id: task.id }, at: wallText(Date.now() + 12_000), note: 'رقم پیشنهادی' });
  await callHost('session.signOut', {});
  // The chime is WebAudio: count the tones the page starts.
  await page.addInitScript(() => {
    const w = window as unknown as { chimes: number; AudioContext: typeof AudioContext };
    w.chimes = 0;
    const Real = w.AudioContext;
    w.AudioContext = class extends Real {
      override createOscillator() {
        w.chimes++;
        return super.createOscillator();
      }
    };
  });
  await page.goto(hostUrl());
  const overlay = page.getByTestId('session-overlay');
  await expect(overlay).toHaveAttribute('data-state', 'signed-out');
  await expect.poll(() => page.evaluate(() => (window as unknown as { chimes: number }).chimes), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByText(subject)).toHaveCount(0);
  await expect(page.getByText('رقم پیشنهادی')).toHaveCount(0);

  await signInIfAsked(page);
  const popup = page.getByTestId('reminder-popup').filter({ hasText: subject });
  await expect(popup).toBeVisible();
  await expect(popup).toContainText('رقم پیشنهادی');
  await popup.getByTestId('reminder-dismiss').click();
  await expect(popup).toBeHidden();
});

test('screenshots: the cartable as a grid and as a kanban board, and a reminder popup, fa/en at 1024 and 1366', async ({ page }) => {
  await signInAtDesk(admin);
  const task = await callHost<{ id: string }>('tasks.create', { subject: 'تمدید قرارداد نگهداری آسانسور', priority: 'urgent', assignees: [{ userId: admin.id }] });
  await callHost('reminders.create', { item: { kind: 'task', id: task.id }, at: wallText(Date.now() + 3000), note: 'با شرکت پیمانکار تماس بگیرید' });
  for (const language of ['fa', 'en'] as const) {
    await callHost('settings.update', { language });
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 800 });
      await reopen(page, '/tasks?tab=all');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByTestId('cartable-row').first()).toBeVisible();
      await expect(page.getByTestId('reminder-popup').first()).toBeVisible({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath(`cartable-grid-${language}-${width}`) });
      await page.getByTestId('view-kanban').click();
      await expect(page.getByTestId('cartable-kanban')).toBeVisible();
      // All six status columns are on screen, side by side, with nothing to scroll sideways.
      for (const status of ['unseen', 'seen', 'in_progress', 'referred', 'done', 'cancelled']) {
        const box = (await page.getByTestId(`kanban-column-${status}`).boundingBox())!;
        expect([status, box.x >= 0 && box.x + box.width <= width]).toEqual([status, true]);
      }
      expect(await page.getByTestId('cartable-kanban').evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
      await page.screenshot({ path: screenshotPath(`cartable-kanban-${language}-${width}`) });
    }
  }
  await page.getByTestId('reminder-popup').first().getByTestId('reminder-dismiss').click();
  await expect(page.getByTestId('reminder-popup')).toHaveCount(0);
});

test('the task, referral and announcement forms ask before Escape or a click beside them throws typed words away', async ({ page }) => {
  await signInAtDesk(admin);
  await callHost('settings.update', { language: 'fa' });
  const prompt = page.getByTestId('discard-prompt');

  // New task: Escape on a typed subject asks; "keep editing" keeps every letter; Cancel closes at once.
  await reopen(page, '/tasks');
  await page.getByTestId('task-new').click();
  const dialog = page.getByTestId('task-dialog');
  const subject = `نوشته‌شده ${uniqueWord()}`;
  await dialog.getByTestId('task-subject').fill(subject);
  await page.keyboard.press('Escape');
  await expect(prompt).toBeVisible();
  await prompt.getByTestId('discard-keep').click();
  await expect(prompt).toBeHidden();
  await expect(dialog.getByTestId('task-subject')).toHaveValue(subject);
  await dialog.getByRole('button', { name: 'انصراف' }).click();
  await expect(dialog).toBeHidden();
  await expect(prompt).toBeHidden();

  // An untouched form just closes.
  await page.getByTestId('task-new').click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(prompt).toBeHidden();

  // Announcement: a click beside a typed notice asks; "discard" closes it and nothing is sent.
  await page.getByTestId('announce-new').click();
  const announce = page.getByTestId('announce-dialog');
  const notice = `اطلاعیهٔ کنارگذاشته ${uniqueWord()}`;
  await announce.getByTestId('announce-subject').fill(notice);
  await page.mouse.click(5, 5);
  await expect(prompt).toBeVisible();
  await prompt.getByTestId('discard-confirm').click();
  await expect(announce).toBeHidden();
  const sent = await callHost<{ announcements: { subject: string }[] }>('tasks.announcements', { limit: 100 });
  expect(sent.announcements.map((a) => a.subject)).not.toContain(notice);

  // Referral: Escape on a typed instruction asks.
  const task = await callHost<{ id: string }>('tasks.create', { subject: `ارجاع‌نشده ${uniqueWord()}`, priority: 'normal', assignees: [{ userId: admin.id }] });
  await reopen(page, `/tasks/${task.id}`);
  await page.getByTestId('task-refer').click();
  const refer = page.getByTestId('refer-dialog');
  await refer.getByTestId('refer-instruction').fill('تا شنبه');
  await page.keyboard.press('Escape');
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(refer.getByTestId('refer-instruction')).toHaveValue('تا شنبه');
});
