/**
 * Queries refetch only when a table they read was written (docs/architecture.md, "How a
 * request flows"): the window that saved shows its own answer without asking again, a note
 * does not reload the identity, and another window's edit does.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test, uniqueWord } from './fixtures';

/** Counts the calls of `method` this page sends over its WebSocket from now on. */
function countCalls(page: Page, method: string): { count(): number } {
  let n = 0;
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString();
      if (text.includes(`"method":"${method}"`)) n++;
    }),
  );
  return { count: () => n };
}

test("saving an identity shows the answer without fetching it again; a note does not reload it; another window's edit does", async ({ page, browser }) => {
  test.setTimeout(150_000); // two windows on a small, busy machine
  const gets = countCalls(page, 'identities.get');
  await openApp(page, '/contacts');
  const name = uniqueWord();
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const create = page.getByRole('dialog', { name: 'هویت تازه' });
  await create.getByLabel('نام خانوادگی').fill(name);
  await create.getByRole('button', { name: 'ثبت هویت' }).click();
  await expect(page.getByTestId('profile-name')).toContainText(name);
  await expect.poll(() => gets.count()).toBeGreaterThan(0);
  const afterOpen = gets.count();

  // Edit and save: the dialog's answer is the record; no second identities.get.
  await page.getByRole('button', { name: 'ویرایش' }).click();
  const edit = page.getByRole('dialog', { name: 'ویرایش هویت' });
  await edit.getByLabel('سمت').fill('حسابدار');
  await edit.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
  await expect(page.getByTestId('profile-subtitle')).toHaveText('حسابدار');
  await page.waitForTimeout(400); // past the 50 ms coalescing of data.changed, many times over
  expect(gets.count()).toBe(afterOpen);

  // A note touches only the notes table: the identity is not read again.
  await page.getByRole('tab', { name: 'سوابق' }).click();
  await page.getByTestId('note-body').fill('یادداشت آزمایشی');
  await page.getByRole('button', { name: 'ثبت یادداشت' }).click();
  await expect(page.getByTestId('timeline-entry').first()).toHaveAttribute('data-kind', 'note');
  await page.waitForTimeout(400);
  expect(gets.count()).toBe(afterOpen);

  // Another window edits the same identity: this one reloads it and shows the change.
  const other = await browser.newPage();
  await openApp(other, new URL(page.url()).hash.slice(1).replace(/\?.*$/, ''));
  await other.getByRole('button', { name: 'ویرایش' }).click();
  const otherEdit = other.getByRole('dialog', { name: 'ویرایش هویت' });
  await otherEdit.getByLabel('سمت').fill('مدیر مالی');
  await otherEdit.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
  await other.close();
  await page.getByRole('tab', { name: 'مشخصات' }).click();
  await expect(page.getByTestId('profile-subtitle')).toHaveText('مدیر مالی');
  expect(gets.count()).toBeGreaterThan(afterOpen);
});
