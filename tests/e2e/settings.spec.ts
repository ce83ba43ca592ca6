/** Settings: the area code, switching the local user, and the data folder card. */
import { expect, openApp, test } from './fixtures';

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

test('switches the signed-in user and back', async ({ page }) => {
  await openApp(page, '/settings');
  const me = (await page.getByTestId('signed-in-user').innerText()).trim();
  const switcher = page.getByRole('combobox', { name: 'کاربر واردشده' });
  await switcher.click();
  const options = page.getByRole('option');
  await expect(options.nth(1)).toBeVisible();
  const other = (await options.filter({ hasNotText: me }).first().innerText()).split('\n')[0]!.replace(/\s*\(.*\)$/, '').trim();
  await options.filter({ hasNotText: me }).first().click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(other);

  await switcher.click();
  await page.getByRole('option', { name: me }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(me);
});
