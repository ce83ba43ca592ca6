/**
 * Nothing typed is lost silently: Escape or a click beside a form that holds unsaved input
 * asks first ("keep editing" is the default answer); an untouched form just closes, and
 * "Cancel" is an explicit choice that closes at once.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test, uniqueWord } from './fixtures';

const DISCARD_QUESTION = 'آنچه نوشته‌اید کنار گذاشته شود؟';

async function newIdentityForm(page: Page) {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await expect(dialog).toBeVisible();
  return { dialog, prompt: page.getByRole('dialog', { name: DISCARD_QUESTION }) };
}

test('an untouched new-identity form closes on Escape without a question', async ({ page }) => {
  const { dialog, prompt } = await newIdentityForm(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(prompt).toBeHidden();
});

test('Escape on a typed name asks; "keep editing" (the default, also Escape) keeps every letter', async ({ page }) => {
  const { dialog, prompt } = await newIdentityForm(page);
  const lastName = `نگه‌داشته ${uniqueWord()}`;
  await dialog.getByLabel('نام خانوادگی').fill(lastName);
  await page.keyboard.press('Escape');
  await expect(prompt).toBeVisible();
  await expect(prompt.getByTestId('discard-keep')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(prompt).toBeHidden();
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveValue(lastName);

  await dialog.getByLabel('نام خانوادگی').press('Escape');
  await expect(prompt).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(prompt).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveValue(lastName);
});

test('a click beside a typed form asks; "discard" closes it and nothing is saved', async ({ page }) => {
  const { dialog, prompt } = await newIdentityForm(page);
  const lastName = `دورریخته ${uniqueWord()}`;
  await dialog.getByLabel('نام خانوادگی').fill(lastName);
  await page.mouse.click(5, 5);
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: 'کنار گذاشتن' }).click();
  await expect(prompt).toBeHidden();
  await expect(dialog).toBeHidden();
  await page.getByTestId('contacts-search').fill(lastName);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
});

async function editForm(page: Page) {
  await openApp(page, '/contacts');
  await page.locator('[data-testid="contact-row"][data-kind="person"]').first().getByRole('link').click();
  await page.getByRole('button', { name: 'ویرایش' }).click();
  const dialog = page.getByRole('dialog', { name: 'ویرایش هویت' });
  const job = dialog.getByLabel('سمت');
  const before = await job.inputValue();
  return { dialog, job, before, changed: `${before} ${uniqueWord()}`.trim(), prompt: page.getByRole('dialog', { name: DISCARD_QUESTION }) };
}

test('the edit form asks before Escape throws away a change, and not once the change is undone', async ({ page }) => {
  const { dialog, job, before, changed, prompt } = await editForm(page);
  await job.fill(changed);
  await page.keyboard.press('Escape');
  await expect(prompt).toBeVisible();
  await prompt.getByTestId('discard-keep').click();
  await expect(job).toHaveValue(changed);

  // Put back as it was: nothing would be lost, so Escape just closes.
  await job.fill(before);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(prompt).toBeHidden();
});

test('Cancel is the person\'s own choice: the edit form closes at once, without a question', async ({ page }) => {
  const { dialog, job, changed, prompt } = await editForm(page);
  await job.fill(changed);
  await dialog.getByRole('button', { name: 'انصراف' }).click();
  await expect(dialog).toBeHidden();
  await expect(prompt).toBeHidden();
});
