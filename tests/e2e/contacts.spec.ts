/** The contacts list over the demo data: paging by "load more", the kind filter, organisations. */
import { expect, openApp, screenshotPath, test } from './fixtures';

test('pages on with "load more" without repeating anyone', async ({ page }) => {
  await openApp(page, '/contacts');
  const rows = page.getByTestId('contact-row');
  await expect(rows).toHaveCount(50);
  await page.screenshot({ path: screenshotPath('contacts') });
  await page.getByRole('button', { name: 'نمایش موارد بیشتر' }).click();
  await expect(rows).toHaveCount(100);
  const hrefs = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(new Set(hrefs).size).toBe(100);
});

test('filters by kind, and an organisation lists its members', async ({ page }) => {
  await openApp(page, '/contacts');
  await page.getByRole('button', { name: 'سازمان‌ها' }).click();
  await expect(page).toHaveURL(/kind=organisation/);
  const rows = page.getByTestId('contact-row');
  await expect(rows.first()).toBeVisible();
  await expect(rows.and(page.locator('[data-kind="person"]'))).toHaveCount(0);
  await expect(rows.first()).toHaveAttribute('data-kind', 'organisation');

  await rows.first().getByRole('link').click();
  await expect(page.getByTestId('profile-members')).toBeVisible();
  const member = page.getByTestId('profile-members').getByRole('link').first();
  await expect(member).toBeVisible();
  await page.screenshot({ path: screenshotPath('organisation') });
  const memberName = (await member.innerText()).trim();
  const orgName = (await page.getByTestId('profile-name').innerText()).trim();
  await member.click();
  await expect(page.getByTestId('profile-name')).toHaveText(memberName);
  // The person's header links back to the organisation.
  await page.getByTestId('profile-subtitle').getByRole('link', { name: orgName }).click();
  await expect(page.getByTestId('profile-name')).toHaveText(orgName);
});
