/** Persian first, English second: the switch flips text, direction and digits, and back. */
import { expect, openApp, test } from './fixtures';

test.afterEach(async ({ page }) => {
  // Leave the shared store in Persian whatever happened above.
  if ((await page.locator('html').getAttribute('dir')) === 'ltr') {
    await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('language-fa').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  }
});

test('switches to English and back, flipping dir', async ({ page }) => {
  await openApp(page, '/settings');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('تنظیمات');

  await page.getByTestId('language-en').click();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Contacts' })).toBeVisible();
  // The navigation moves to the left with the direction.
  const navBox = await page.getByRole('navigation').boundingBox();
  expect(navBox!.x).toBeLessThan(10);
  // About card counts in Latin digits now.
  await expect(page.getByTestId('about')).toContainText(/[0-9]/);
  await expect(page.getByTestId('about')).not.toContainText(/[۰-۹]/);

  // The choice is a setting: a reload keeps it.
  await page.reload();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('today')).toHaveText(/^[A-Za-z]+ \d{1,2} [A-Za-z]+ \d{4}$/);
  await page.screenshot({ path: (await import('./fixtures')).screenshotPath('dashboard-en') });

  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByTestId('language-fa').click();
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'fa');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('تنظیمات');
  const navBoxFa = await page.getByRole('navigation').boundingBox();
  expect(navBoxFa!.x + navBoxFa!.width).toBeGreaterThan(1270);
});

test('in English, the backend explains bad input in English too', async ({ page }) => {
  await openApp(page, '/settings');
  await page.getByTestId('language-en').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('button', { name: 'New identity' }).click();
  const dialog = page.getByRole('dialog', { name: 'New identity' });
  await dialog.getByLabel('Last name').fill('Test');
  await dialog.getByTestId('phone-number-0').fill('12');
  await dialog.getByRole('button', { name: 'Create identity' }).click();
  await expect(dialog.getByTestId('phone-error-0')).toHaveText('“12” is not a valid phone number.');
  await expect(dialog.getByTestId('form-error')).not.toContainText(/[\u0600-\u06FF]/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});
