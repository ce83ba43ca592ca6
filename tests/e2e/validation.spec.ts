/**
 * Bad input: the backend refuses it with Persian messages, each shown next to its field;
 * the form keeps everything typed, and nothing is created.
 */
import { expect, openApp, test, uniqueWord } from './fixtures';

test('a phone "12" is refused next to the phone field, and nothing is created', async ({ page }) => {
  const lastName = `نادرست ${uniqueWord()}`;
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await dialog.getByLabel('نام', { exact: true }).fill('آزمون');
  await dialog.getByLabel('نام خانوادگی').fill(lastName);
  await dialog.getByTestId('phone-number-0').fill('12');
  // Enter in a field submits the form.
  await dialog.getByLabel('نام خانوادگی').press('Enter');

  await expect(dialog.getByTestId('form-error')).toBeVisible();
  await expect(dialog.getByTestId('form-error')).toContainText(/[\u0600-\u06FF]/);
  const phoneError = dialog.getByTestId('phone-error-0');
  await expect(phoneError).toBeVisible();
  await expect(phoneError).toContainText(/[\u0600-\u06FF]/);
  await expect(phoneError).not.toContainText(/[a-zA-Z]{3,}/);
  await expect(dialog.getByTestId('phone-number-0')).toHaveAttribute('aria-invalid', 'true');
  // The form keeps what was typed.
  await expect(dialog.getByLabel('نام', { exact: true })).toHaveValue('آزمون');
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveValue(lastName);
  await expect(dialog.getByTestId('phone-number-0')).toHaveValue('12');
  // The cursor goes to the first field to fix.
  await expect(dialog.getByTestId('phone-number-0')).toBeFocused();

  // Fixing a field clears its error.
  await dialog.getByTestId('phone-number-0').fill('');
  await expect(phoneError).toBeHidden();

  // A bad e-mail is refused under the e-mail field, in Persian, the rest still kept.
  await dialog.getByRole('button', { name: 'افزودن ایمیل' }).click();
  await dialog.getByTestId('email-address-0').fill('not-an-email');
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();
  await expect(dialog.getByTestId('email-address-0')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByTestId('email-address-0')).toBeFocused();
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveValue(lastName);

  await dialog.getByRole('button', { name: 'انصراف' }).click();
  await expect(dialog).toBeHidden();
  await page.getByTestId('contacts-search').fill(lastName);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
  await expect(page.getByTestId('contact-row')).toHaveCount(0);
});

test('a person without a name is refused with the message under the last name', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText('نام یا نام خانوادگی را وارد کنید.');
});
