/**
 * Where the keyboard focus is, for people who work from the keyboard or a screen reader:
 * opening a record puts the focus on its heading (its name is read out), and the focused
 * navigation item wears a ring the current page's item does not.
 */
import type { Locator } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

test('opening a record moves the focus to its heading, also from one record to another', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'سازمان‌ها' }).click();
  const link = page.getByTestId('contact-row').first().getByRole('link');
  const name = (await link.innerText()).trim();
  // From the keyboard, as a receptionist does: focus the link, press Enter.
  await link.focus();
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(name);
  await expect(heading).toBeFocused();

  // A member of the organisation opens in the same page: the focus follows.
  const member = page.getByTestId('profile-members').getByRole('link').first();
  const memberName = (await member.innerText()).trim();
  await member.focus();
  await page.keyboard.press('Enter');
  await expect(heading).toHaveText(memberName);
  await expect(heading).toBeFocused();
});

/** The ring a focused element wears (outline), as the browser computes it. */
const ring = (l: Locator) =>
  l.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor, background: s.backgroundColor };
  });

test('the focused navigation item has a ring; the current page has none', async ({ page }) => {
  await openApp(page, '/');
  const nav = page.getByRole('navigation');
  const current = nav.locator('[aria-current="page"]');
  await expect(current).toHaveCount(1);

  // Tab from the top of the page until the keyboard reaches the navigation's second item.
  const target = nav.getByRole('link').nth(1);
  await expect(target).not.toHaveAttribute('aria-current', 'page');
  for (let i = 0; i < 20 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();

  const focused = await ring(target);
  const currentPage = await ring(current);
  expect(focused.style).toBe('solid');
  expect(focused.width).toBeGreaterThanOrEqual(2);
  expect(currentPage.style).toBe('none');
  // The tint alone does not tell them apart; the ring does.
  expect(focused).not.toEqual(currentPage);

  // Back onto the current page's item: it too wears the ring while focused.
  await page.keyboard.press('Shift+Tab');
  await expect(current).toBeFocused();
  expect((await ring(current)).style).toBe('solid');
});
