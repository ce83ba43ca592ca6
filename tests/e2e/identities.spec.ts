/**
 * The identity journey a receptionist makes: create a person with a number typed in
 * Persian digits, find them again however the name or number is typed, open the profile,
 * and see who created and edited the record, and when (Jalali, Persian digits).
 */
import { expect, openApp, screenshotPath, test, uniqueDigits, uniqueWord } from './fixtures';

// One identity, followed through the steps in order.
test.describe.configure({ mode: 'serial' });

const suffix = uniqueWord();
const digits = uniqueDigits();
const firstName = 'کیوان'; // Persian keheh U+06A9 and Farsi yeh U+06CC
const lastName = `یزدانی ${suffix}`;
const fullName = `${firstName} ${lastName}`;
const typedMobile = `۰۹۱۲ ۳۴۵ ${digits.persian}`;
let profileUrl = '';
/** The profile's route; each test has a fresh page, which must start from the host's URL. */
const profilePath = () => new URL(profileUrl).hash.slice(1);

/** No Latin digit anywhere: dates and numbers are shown in Persian digits. */
const PERSIAN_DATE_TIME = /^[۰-۹]{1,2} [\u0600-\u06FF\u200c]+ [۰-۹]{4}، ساعت [۰-۹]{2}:[۰-۹]{2}$/;

test('creates a person whose mobile is typed in Persian digits', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('نام', { exact: true }).fill(firstName);
  await dialog.getByLabel('نام خانوادگی').fill(lastName);
  await dialog.getByTestId('phone-number-0').fill(typedMobile);
  await dialog.getByTestId('tags-input').fill('مشتری');
  await dialog.getByTestId('tags-input').press('Enter');
  await expect(dialog.getByRole('button', { name: 'مشتری' })).toBeVisible();
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();

  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/#\/identities\/[0-9a-f-]{36}$/);
  profileUrl = page.url();
  await expect(page.getByTestId('profile-name')).toHaveText(fullName);
  const phone = page.getByTestId('profile-phone');
  await expect(phone).toHaveText(`۰۹۱۲ ۳۴۵ ${digits.persian}`);
  await expect(phone).toHaveAttribute('dir', 'ltr');
});

test('finds it by the name typed with Arabic letters (ك ي)', async ({ page }) => {
  await openApp(page, '/contacts');
  const arabic = `\u0643\u064a\u0648\u0627\u0646 \u064a\u0632\u062f\u0627\u0646\u064a ${suffix}`; // كيوان يزداني
  expect(arabic).not.toContain('ک');
  expect(arabic).not.toContain('ی');
  await page.getByTestId('contacts-search').fill(arabic);
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(fullName);
  await expect(rows.first()).toContainText(`۰۹۱۲`);
  await page.screenshot({ path: screenshotPath('contacts-search'), fullPage: false });
});

test('finds it by the number typed as +98 912 345 …', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByTestId('contacts-search').fill(`+98 912 345 ${digits.latin}`);
  await expect(page.getByTestId('contact-row').filter({ hasText: fullName })).toHaveCount(1);
  // The search is kept in the address, so a reload (or "back") shows the same list.
  await expect(page).toHaveURL(/q=/);
});

test('shows the change log, and an edit with the changed field', async ({ page }) => {
  await openApp(page, profilePath());
  const me = (await page.getByTestId('signed-in-user').innerText()).trim();
  expect(me.length).toBeGreaterThan(0);
  await expect(page.getByTestId('profile-name')).toHaveText(fullName);

  await page.getByRole('tab', { name: 'سوابق' }).click();
  const created = page.locator('[data-testid="timeline-entry"][data-action="created"]');
  await expect(created).toHaveCount(1);
  await expect(created.getByTestId('timeline-title')).toHaveText('ایجاد شد');
  await expect(created.getByTestId('timeline-actor')).toHaveText(`توسط ${me}`);
  await expect(created.getByTestId('timeline-date')).toHaveText(PERSIAN_DATE_TIME);

  await page.getByRole('button', { name: 'ویرایش' }).click();
  const dialog = page.getByRole('dialog', { name: 'ویرایش هویت' });
  await expect(dialog.getByLabel('نام خانوادگی')).toHaveValue(lastName);
  await expect(dialog.getByTestId('phone-number-0')).toHaveValue(/۳۴۵|345/);
  await dialog.getByLabel('سمت').fill('مدیر فروش');
  await dialog.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
  await expect(dialog).toBeHidden();

  const edited = page.locator('[data-testid="timeline-entry"][data-action="edited"]');
  await expect(edited).toHaveCount(1);
  await expect(edited.getByTestId('timeline-title')).toHaveText('ویرایش شد');
  await expect(edited.getByTestId('timeline-actor')).toHaveText(`توسط ${me}`);
  await expect(edited.getByTestId('timeline-date')).toHaveText(PERSIAN_DATE_TIME);
  await expect(edited.getByTestId('change-field')).toContainText(['سمت:']);
  await expect(edited.getByTestId('change-field').filter({ hasText: 'سمت' })).toContainText('مدیر فروش');
  // Newest first: the edit is above the creation.
  await expect(page.getByTestId('timeline-entry').first()).toHaveAttribute('data-action', 'edited');

  await page.getByTestId('note-body').fill('تماس گرفت و پیش‌فاکتور خواست.');
  await page.getByRole('button', { name: 'ثبت یادداشت' }).click();
  await expect(page.getByTestId('timeline-entry').first()).toHaveAttribute('data-kind', 'note');
  await expect(page.getByTestId('timeline-entry').first()).toContainText('پیش‌فاکتور');
  await page.screenshot({ path: screenshotPath('profile-history') });

  await page.getByRole('tab', { name: 'مشخصات' }).click();
  await expect(page.getByTestId('profile-phones')).toBeVisible();
  await expect(page.getByTestId('profile-subtitle')).toHaveText('مدیر فروش');
  await expect(page.getByTestId('profile-record')).not.toContainText(/[0-9]/);
  await page.screenshot({ path: screenshotPath('profile') });
});

test('deletes it after confirmation, and it leaves the list', async ({ page }) => {
  await openApp(page, profilePath());
  await expect(page.getByTestId('profile-name')).toHaveText(fullName);
  await page.getByRole('button', { name: 'حذف' }).click();
  const confirm = page.getByRole('dialog', { name: 'حذف هویت' });
  await expect(confirm).toContainText(fullName);
  await confirm.getByTestId('confirm-delete').click();
  await expect(page).toHaveURL(/#\/contacts/);
  await page.getByTestId('contacts-search').fill(fullName);
  await expect(page.getByTestId('contacts-empty')).toBeVisible();
});
