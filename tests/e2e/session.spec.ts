/**
 * Signing in for real: the first start's administrator password, the lock that keeps what
 * is on screen (Ctrl+L, the idle timer), signing out and in, an administrator's reset of a
 * password. Screenshots at 1024 and 1366 px, Persian and English.
 */
import { DEMO_PASSWORD, expect, hostUrl, openApp, screenshotPath, signInIfAsked, test } from './fixtures';
import { startOwnHost } from './own-host';

// Each test signs in and out several times on a shared, often busy machine.
test.describe.configure({ timeout: 240_000 });

test('the first start asks the administrator to choose a password, checks it, then opens the desk', async ({ page }) => {
  const host = await startOwnHost();
  try {
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.goto(host.url);
    const overlay = page.getByTestId('session-overlay');
    await expect(overlay).toHaveAttribute('data-state', 'setup');
    await expect(page.getByRole('heading', { name: 'گذرواژهٔ مدیر سیستم' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('session-setup-fa-1366') });

    await page.getByTestId('new-password').fill('short');
    await page.getByTestId('repeat-password').fill('short');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByText('گذرواژه باید دست‌کم هشت نویسه باشد.')).toBeVisible();
    await page.getByTestId('new-password').fill('a good password');
    await page.getByTestId('repeat-password').fill('a good passwort');
    await page.getByTestId('setup-submit').click();
    await expect(page.getByText('دو گذرواژه یکسان نیستند.')).toBeVisible();
    // What was typed is still there.
    await expect(page.getByTestId('new-password')).toHaveValue('a good password');

    await page.setViewportSize({ width: 1024, height: 768 });
    await page.getByTestId('session-language-en').click();
    await expect(page.getByRole('heading', { name: 'The administrator’s password' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.screenshot({ path: screenshotPath('session-setup-en-1024') });

    await page.getByTestId('repeat-password').fill('a good password');
    await page.getByTestId('setup-submit').click();
    await expect(overlay).toBeHidden();
    await expect(page.getByTestId('signed-in-user')).toHaveText('مدیر سیستم');
  } finally {
    await host.stop();
  }
});

test('Ctrl+L locks the desk without losing what is typed; a wrong password keeps it locked', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog');
  const firstName = dialog.getByLabel('نام', { exact: true });
  await firstName.fill('نوشتهٔ نیمه‌کاره');

  await page.keyboard.press('Control+KeyL');
  const overlay = page.getByTestId('session-overlay');
  await expect(overlay).toHaveAttribute('data-state', 'locked');
  await expect(page.getByText('قفل‌شده به دست مدیر سیستم', { exact: false })).toBeVisible();
  for (const [w, h] of [
    [1366, 800],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: screenshotPath(`session-locked-fa-${w}`) });
  }

  await page.getByTestId('unlock-password').fill('not the password');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('unlock-error')).toHaveText('نام کاربری یا گذرواژه درست نیست.');
  await expect(overlay).toHaveAttribute('data-state', 'locked');

  await page.getByTestId('unlock-password').fill(DEMO_PASSWORD);
  await page.getByTestId('unlock-submit').click();
  await expect(overlay).toBeHidden();
  // The half-written form is exactly as it was.
  await expect(firstName).toHaveValue('نوشتهٔ نیمه‌کاره');
  await expect(firstName).toBeFocused({ timeout: 1 }).catch(() => undefined);
  await dialog.getByRole('button', { name: 'انصراف' }).click();
});

test('the desk locks itself after the idle minutes set by an administrator, in English too', async ({ page }) => {
  await page.clock.install();
  await openApp(page, '/settings');
  await page.getByTestId('language-en').click();
  const lockAfter = page.getByRole('combobox', { name: 'Lock after being idle for' });
  await lockAfter.click();
  await page.getByRole('option', { name: '1 minute', exact: true }).click();
  await expect(lockAfter).toHaveText('1 minute');
  try {
    await page.clock.fastForward('00:50');
    await expect(page.getByTestId('session-overlay')).toHaveCount(0);
    await page.mouse.move(10, 10);
    await page.clock.fastForward('00:50');
    await expect(page.getByTestId('session-overlay')).toHaveCount(0);
    await page.clock.fastForward('00:30');
    await expect(page.getByTestId('session-overlay')).toHaveAttribute('data-state', 'locked');
    await page.setViewportSize({ width: 1024, height: 768 });
    await expect(page.getByRole('heading', { name: 'Daftar is locked' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('session-locked-en-1024') });
    await page.getByTestId('unlock-password').fill(DEMO_PASSWORD);
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('session-overlay')).toBeHidden();
  } finally {
    await signInIfAsked(page);
    await page.getByRole('combobox', { name: 'Lock after being idle for' }).click();
    await page.getByRole('option', { name: '10 minutes', exact: true }).click();
    await page.getByTestId('language-fa').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  }
});

test('signing out shows the sign-in screen; a receptionist signs in and sees no administrator sections', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-sign-out').click();
  const overlay = page.getByTestId('session-overlay');
  await expect(overlay).toHaveAttribute('data-state', 'signed-out');
  await expect(page.getByTestId('sign-in-username')).toHaveValue('admin');
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: screenshotPath('session-sign-in-fa-1024') });
  try {
    await page.getByTestId('sign-in-username').fill('reception');
    await page.getByTestId('sign-in-password').fill('wrong password');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toBeVisible();
    await page.getByTestId('sign-in-password').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await expect(overlay).toBeHidden();
    await expect(page.getByTestId('signed-in-user')).toHaveText('مریم رضایی');
    await page.goto(`${hostUrl().split('#')[0]}#/settings`);
    await expect(page.getByRole('heading', { name: 'زبان' })).toBeVisible();
    await expect(page.getByTestId('data-safety')).toHaveCount(0);
    await expect(page.getByTestId('user-passwords')).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'قفل شدن پس از بیکاری' })).toHaveAttribute('aria-disabled', 'true');
  } finally {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-sign-out').click();
    await signInIfAsked(page);
  }
});

test('an administrator sets a new password for a user who forgot theirs', async ({ page }) => {
  await openApp(page, '/settings');
  const reset = async (password: string) => {
    await page.getByTestId('set-password-sales1').click();
    const dialog = page.getByTestId('set-password-dialog');
    await dialog.getByTestId('new-password').fill(password);
    await dialog.getByTestId('repeat-password').fill(password);
    await dialog.getByTestId('set-password-save').click();
    await expect(page.getByTestId('password-set')).toContainText('سعید موسوی');
  };
  await reset('sales-new-1404');
  await page.getByTestId('settings-switch-user').click();
  const dialog = page.getByTestId('switch-user-dialog');
  await dialog.getByTestId('sign-in-username').fill('sales1');
  await dialog.getByTestId('sign-in-password').fill('sales-new-1404');
  await dialog.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('سعید موسوی');
  // Back to the administrator, and sales1's demo password as the other tests expect it.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-sign-out').click();
  await signInIfAsked(page);
  await page.goto(`${hostUrl().split('#')[0]}#/settings`);
  await reset(DEMO_PASSWORD);
});
