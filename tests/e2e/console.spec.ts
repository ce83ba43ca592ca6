/**
 * Chromium's console stays empty while a person goes through the app: no library adverts
 * (i18next's, React DevTools'), no 404 for a favicon the page never named, no errors.
 * Anything printed there is either a bug or noise that hides the next real one.
 */
import type { ConsoleMessage } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

test('the console stays empty from the first page to a profile and settings', async ({ page }) => {
  const printed: string[] = [];
  const describe = (m: ConsoleMessage) => `${m.type()}: ${m.text()} (${m.location().url || 'no url'})`;
  page.on('console', (m) => printed.push(describe(m)));
  page.on('pageerror', (e) => printed.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) printed.push(`HTTP ${r.status()} ${r.url()}`);
  });

  await openApp(page);
  await expect(page.getByTestId('today')).toBeVisible();
  // The page names its icon, and the host serves it.
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const served = await page.request.get(new URL(icon!, page.url()).href);
  expect(served.status()).toBe(200);
  expect(served.headers()['content-type']).toBe('image/png');

  await page.getByRole('navigation').getByRole('link', { name: 'هویت‌ها' }).click();
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  await page.getByTestId('contact-row').first().getByRole('link').click();
  await expect(page.getByTestId('profile-name')).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'تنظیمات' }).click();
  await expect(page.getByTestId('about')).toBeVisible();
  // Late arrivals (the favicon is fetched after load) get a moment to show up.
  await page.waitForLoadState('networkidle');

  expect(printed).toEqual([]);
});
