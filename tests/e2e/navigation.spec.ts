/**
 * The frame around the pages (renderer/app/Shell.tsx): a new page starts at its top, the
 * window's title names it, and its navigation entry is the current one.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const main = (page: Page) => page.locator('main');
const scrollTop = (page: Page) => main(page).evaluate((el) => el.scrollTop);

test('a new page starts at its top, the window is named after it, and its entry is the current one', async ({ page }) => {
  await openApp(page, '/contacts');
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  await expect(page).toHaveTitle('هویت‌ها و مخاطبین — دفتر');

  // Read down the contacts, then go to the settings: a page long enough to stay scrolled
  // if nothing brought it back to its top.
  await main(page).evaluate((el) => el.scrollTo({ top: 600 }));
  await expect.poll(() => scrollTop(page)).toBeGreaterThan(0);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'تنظیمات' }).click();
  await expect(page).toHaveTitle('تنظیمات — دفتر');
  expect(await main(page).evaluate((el) => el.scrollHeight - el.clientHeight)).toBeGreaterThan(600);
  await expect.poll(() => scrollTop(page)).toBe(0);
  await expect(nav.getByRole('link', { name: 'تنظیمات' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'هویت‌ها و مخاطبین' })).not.toHaveAttribute('aria-current', 'page');

  // A page left at its top is not scrolled at all, and the title follows each page.
  await nav.getByRole('link', { name: 'تقویم' }).click();
  await expect(page).toHaveTitle('تقویم — دفتر');
  await expect(nav.getByRole('link', { name: 'تقویم' })).toHaveAttribute('aria-current', 'page');
});
