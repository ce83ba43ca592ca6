/**
 * A receptionist types a caller's number into a new identity, but the caller is already on
 * file: the form shows who has that number, and lets them open that record or save anyway.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, screenshotPath, test, uniqueWord } from './fixtures';

/** A person of the demo data with a phone: their name and their number as the list shows it. */
async function someoneWithAPhone(page: Page) {
  await openApp(page, '/contacts');
  const row = page.locator('[data-testid="contact-row"][data-kind="person"]').filter({ has: page.locator('.phone-number') }).first();
  return {
    name: (await row.getByRole('link').innerText()).trim(),
    phone: (await row.locator('.phone-number').innerText()).trim(),
  };
}

async function newPersonWith(page: Page, phone: string) {
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  const lastName = `تکراری ${uniqueWord()}`;
  await dialog.getByLabel('نام خانوادگی').fill(lastName);
  await dialog.getByTestId('phone-number-0').fill(phone);
  return { dialog, lastName };
}

test('a number another identity has shows who has it, and "open" goes to that record', async ({ page }) => {
  const owner = await someoneWithAPhone(page);
  const { dialog } = await newPersonWith(page, owner.phone);
  // Leaving the field is enough to see it.
  await dialog.getByLabel('نام خانوادگی').focus();
  const panel = dialog.getByTestId('duplicate-phones');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('duplicate-owner').filter({ hasText: owner.name })).toHaveCount(1);
  await expect(panel.getByTestId('duplicate-number')).toHaveText(owner.phone);

  // Saving does not go past it silently.
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();
  await expect(panel).toBeVisible();
  await expect(dialog).toBeVisible();

  await panel.getByTestId('duplicate-owner').filter({ hasText: owner.name }).getByRole('button', { name: 'باز کردن' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText(owner.name);
});

test('"save anyway" saves the new identity with the shared number', async ({ page }) => {
  const owner = await someoneWithAPhone(page);
  const { dialog, lastName } = await newPersonWith(page, owner.phone);
  // Straight to "save": the check runs before saving.
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();
  const panel = dialog.getByTestId('duplicate-phones');
  await expect(panel.getByTestId('duplicate-owner').filter({ hasText: owner.name })).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('duplicate-phone') });

  await panel.getByTestId('save-anyway').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText(lastName);
  await expect(page.getByTestId('profile-phone')).toHaveText(owner.phone);
});
