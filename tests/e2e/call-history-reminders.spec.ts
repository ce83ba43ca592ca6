/**
 * Reminders and follow-ups on a call, from the call history: a real missed call (sipp through
 * Kamailio to the desk's SIP user agent) is listed; its line offers "remind me" and "follow
 * up" (the reminders and follow-ups features' `itemActions`). A reminder set there is listed
 * on the call and pops up at its time; a follow-up added there is in the dashboard's widget.
 */
import type { Page } from '@playwright/test';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { sipp } from '../services/sip/sipp';
import { DEMO_PASSWORD, expect, openApp, screenshotPath, test, uniqueDigits, uniqueWord, wallText } from './fixtures';
import { callHost } from './host-api';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const suffix = uniqueWord();
const fullName = `نرگس توکلی ${suffix}`;
const mobile = `0913 ${uniqueDigits().latin.slice(0, 3)} ${uniqueDigits().latin}`;
const e164 = `+98${mobile.replace(/\D/g, '').slice(1)}`;
let pbx: Kamailio;

async function until<T>(what: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  pbx = await startKamailio({ auth: true });
  await callHost('session.signIn', { username: 'admin', password: DEMO_PASSWORD });
  await callHost('identities.create', { kind: 'person', firstName: 'نرگس', lastName: `توکلی ${suffix}`, phones: [{ kind: 'mobile', number: mobile }] });
  await callHost('phone.account.save', { server: pbx.wsUrl, user: '100', password: pbx.password });
  await until(async () => ((await callHost<{ state: string }>('phone.status', {})).state === 'registered' ? true : undefined));
  // A missed call from her: the desk's user agent records it with no window open.
  await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: e164, holdMs: 500 });
  await until(async () => {
    const page = await callHost<{ items: { identity: { displayName: string } | null }[] }>('phone.calls.list', { filter: 'missed', limit: 10 });
    return page.items.some((c) => c.identity?.displayName === fullName) ? true : undefined;
  });
});

test.afterAll(async () => {
  await callHost('phone.account.save', { server: pbx.wsUrl, user: '100', enabled: false }).catch(() => {});
  await callHost('settings.update', { language: 'fa' });
  await pbx.close();
});

const callLine = (page: Page) => page.getByTestId('call-line').filter({ hasText: fullName }).first();

test('from the call history, a reminder on a call is listed on it and pops up at its time', async ({ page }) => {
  await openApp(page, '/phone');
  const line = callLine(page);
  await line.getByTestId('item-remind').click();
  const dialog = page.getByTestId('remind-dialog');
  await expect(dialog).toContainText(fullName);
  await dialog.getByTestId('reminder-at').fill(wallText(Date.now() + 10_000));
  await dialog.getByTestId('reminder-note').fill('دوباره با او تماس بگیر');
  await page.screenshot({ path: screenshotPath('call-history-remind-dialog-fa-1280') });
  await dialog.getByTestId('reminder-save').click();
  await expect(dialog).toBeHidden();

  // Listed on the call: opened again, the dialog shows it.
  await line.getByTestId('item-remind').click();
  await expect(dialog.getByTestId('item-reminder')).toContainText('دوباره با او تماس بگیر');
  await dialog.getByRole('button', { name: 'انصراف' }).click();
  await expect(dialog).toBeHidden();

  // It fires: the popup names the call and carries the note.
  const popup = page.getByTestId('reminder-popup').filter({ hasText: 'دوباره با او تماس بگیر' });
  await expect(popup).toBeVisible({ timeout: 30_000 });
  await expect(popup).toContainText(`تماس ورودی از ${fullName}`);
  await popup.getByTestId('reminder-dismiss').click();
  await expect(popup).toBeHidden();
});

test('a typed reminder note is not thrown away by Escape without asking', async ({ page }) => {
  await openApp(page, '/phone');
  await callLine(page).getByTestId('item-remind').click();
  const dialog = page.getByTestId('remind-dialog');
  await dialog.getByTestId('reminder-note').fill('نیمه‌کاره');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('discard-keep')).toBeVisible();
  await page.getByTestId('discard-keep').click();
  await expect(dialog.getByTestId('reminder-note')).toHaveValue('نیمه‌کاره');
  await dialog.getByRole('button', { name: 'انصراف' }).click();
  await expect(dialog).toBeHidden();
});

test('from the call history, a follow-up on a call appears in the dashboard’s follow-up widget', async ({ page }) => {
  const note = `پیش‌فاکتور را بفرست ${suffix}`;
  await openApp(page, '/phone');
  await callLine(page).getByTestId('item-follow-up').click();
  const dialog = page.getByTestId('follow-up-dialog');
  await expect(dialog).toContainText(fullName);
  await dialog.getByTestId('followup-note').fill(note);
  await dialog.getByTestId('followup-next').fill(wallText(Date.now(), false));
  await dialog.getByTestId('followup-save').click();
  await expect(dialog).toBeHidden();

  // A fresh load of the start page (openApp on the page already open would only change the hash).
  await page.goto('about:blank');
  await openApp(page, '/');
  await expect(page.getByTestId('followup-widget').getByTestId('followups-today')).toContainText(note);
});

test('screenshots: the call history with its per-call actions and the dialogs, fa/en at 1024 and 1366', async ({ page }) => {
  for (const language of ['fa', 'en'] as const) {
    await callHost('settings.update', { language });
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('about:blank');
      await openApp(page, '/phone');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      const line = callLine(page);
      await line.scrollIntoViewIfNeeded();
      await expect(line.getByTestId('item-remind')).toBeInViewport();
      await expect(line.getByTestId('item-follow-up')).toBeInViewport();
      await page.screenshot({ path: screenshotPath(`call-history-actions-${language}-${width}`) });
      await line.getByTestId('item-follow-up').click();
      await expect(page.getByTestId('follow-up-dialog')).toBeVisible();
      await page.screenshot({ path: screenshotPath(`call-history-follow-up-dialog-${language}-${width}`) });
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('follow-up-dialog')).toBeHidden();
    }
  }
});
