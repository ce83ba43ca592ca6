/**
 * The dashboard and the app's frame: Jalali date with Persian digits, counts from the
 * backend, recent identities that open, quick actions that work, and the areas not built
 * yet saying what they will do.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp, screenshotPath, test } from './fixtures';
import { REPO } from './paths';

const JALALI_MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور', 'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const WEEKDAYS = ['شنبه', 'یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه'];

test('shows today in Jalali with Persian digits, counts and recent identities', async ({ page }) => {
  await openApp(page);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fa');

  const today = (await page.getByTestId('today').innerText()).trim();
  // e.g. "شنبه ۸ آذر ۱۴۰۴": weekday, day, month name, year — and no Latin digit.
  const m = /^(\S+) ([۰-۹]{1,2}) (\S+) ([۰-۹]{4})$/.exec(today);
  expect(m, `today is "${today}"`).not.toBeNull();
  expect(WEEKDAYS).toContain(m![1]);
  expect(JALALI_MONTHS).toContain(m![3]);
  // The same date computed independently with Intl's Persian calendar in Tehran.
  const expected = new Intl.DateTimeFormat('fa-IR-u-ca-persian-nu-arabext', {
    timeZone: 'Asia/Tehran',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).formatToParts(new Date());
  const part = (t: string) => expected.find((p) => p.type === t)?.value;
  expect(m![2]).toBe(part('day'));
  expect(m![3]).toBe(part('month'));
  expect(m![4]).toBe(part('year'));

  // Demo data: hundreds of people, in Persian digits.
  await expect(page.getByTestId('count-persons')).toHaveText(/^[۰-۹٬]+$/);
  await expect(page.getByTestId('count-organisations')).toHaveText(/^[۰-۹٬]+$/);
  const recent = page.getByTestId('recent-identities').getByRole('link');
  await expect(recent.first()).toBeVisible();
  await expect(page.getByTestId('recent-identities')).not.toContainText(/[0-9]/);

  await page.screenshot({ path: screenshotPath('dashboard') });
  // The README's picture is refreshed on request only, so a test run leaves the tree clean.
  if (process.env.UPDATE_README_SCREENSHOT === '1') {
    mkdirSync(join(REPO, 'build/readme'), { recursive: true });
    copyFileSync(screenshotPath('dashboard'), join(REPO, 'build/readme/dashboard.png'));
  }

  const name = (await recent.first().locator('.MuiListItemText-primary').innerText()).trim();
  await recent.first().click();
  await expect(page).toHaveURL(/#\/identities\//);
  await expect(page.getByTestId('profile-name')).toHaveText(name);
});

test('quick search goes to contacts with the query', async ({ page }) => {
  await openApp(page);
  await page.getByRole('searchbox', { name: 'جستجوی مخاطبین' }).fill('علی');
  await page.getByRole('searchbox', { name: 'جستجوی مخاطبین' }).press('Enter');
  await expect(page).toHaveURL(/#\/contacts\?q=/);
  await expect(page.getByTestId('contacts-search')).toHaveValue('علی');
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
});

test('the quick action "new identity" opens the form, and Escape closes it', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('نام', { exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('areas not built yet say what they will hold', async ({ page }) => {
  await openApp(page);
  const nav = page.getByRole('navigation');
  for (const [label, area] of [
    ['مکاتبات', 'correspondence'],
    ['سوابق', 'history'],
  ] as const) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`#/${area}$`));
    const planned = page.getByTestId(`planned-${area}`);
    await expect(planned.getByRole('heading', { level: 1 })).toHaveText(label);
    await expect(planned.getByRole('listitem').first()).toBeVisible();
    // Nothing on these pages pretends to work.
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
    await expect(nav.getByRole('link', { name: label })).toHaveAttribute('aria-current', 'page');
  }
});

test('keyboard: the navigation is reachable with Tab and shows focus', async ({ page }) => {
  await openApp(page);
  const contacts = page.getByRole('navigation').getByRole('link', { name: 'هویت‌ها و مخاطبین' });
  await contacts.focus();
  await expect(contacts).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/contacts/);
  await expect(page.getByTestId('contacts-search')).toBeFocused();
});
