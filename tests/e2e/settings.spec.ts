/** Settings: the area code, switching the local user (with a password), and the data folder card. */
import { DEMO_PASSWORD, expect, openApp, test } from './fixtures';

test('shows where the data is, with counts in Persian digits', async ({ page }) => {
  await openApp(page, '/settings');
  const about = page.getByTestId('about');
  await expect(about).toContainText('daftar-e2e-');
  await expect(about).toContainText('daftar.sqlite');
  await expect(about.locator('dd').nth(4)).toHaveText(/^[۰-۹٬]+$/);
});

test('saves the area code typed in Persian digits and refuses a bad one', async ({ page }) => {
  await openApp(page, '/settings');
  const field = page.getByTestId('area-code');
  await field.fill('۳۱');
  await field.press('Enter');
  await expect(page.getByText('ذخیره شد.')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('area-code')).toHaveValue('۳۱');

  await page.getByTestId('area-code').fill('1');
  await page.getByTestId('area-code').press('Enter');
  await expect(page.getByTestId('area-code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('پیش‌شمارهٔ شهر باید دو یا سه رقم باشد، مانند ۲۱.')).toBeVisible();

  await page.getByTestId('area-code').fill('21');
  await page.getByTestId('area-code').press('Enter');
  await expect(page.getByText('ذخیره شد.')).toBeVisible();
});

test('switches the signed-in user with that user’s password, and back', async ({ page }) => {
  await openApp(page, '/settings');
  const me = (await page.getByTestId('signed-in-user').innerText()).trim();
  const switchTo = async (username: string, password: string) => {
    await page.getByTestId('settings-switch-user').click();
    const dialog = page.getByTestId('switch-user-dialog');
    await dialog.getByTestId('sign-in-username').fill(username);
    await dialog.getByTestId('sign-in-password').fill(password);
    await dialog.getByTestId('sign-in-submit').click();
    return dialog;
  };
  // A wrong password leaves the session as it was, and the dialog keeps what was typed.
  const dialog = await switchTo('reception', 'not-her-password');
  await expect(dialog.getByTestId('sign-in-error')).toHaveText('نام کاربری یا گذرواژه درست نیست.');
  await expect(dialog.getByTestId('sign-in-username')).toHaveValue('reception');
  // Escape asks before the typed name is thrown away (the dialog is a form); discarding closes it.
  await page.keyboard.press('Escape');
  await page.getByTestId('discard-prompt').getByTestId('discard-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('signed-in-user')).toHaveText(me);

  await switchTo('reception', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in-user')).toHaveText('مریم رضایی');
  // The receptionist's desk starts on the dashboard.
  await expect(page).toHaveURL(/#\/$/);

  await page.goto(`${page.url().split('#')[0]}#/settings`);
  await switchTo('admin', DEMO_PASSWORD);
  await expect(page.getByTestId('signed-in-user')).toHaveText(me);
});
