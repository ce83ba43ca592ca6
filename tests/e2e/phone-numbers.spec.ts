/**
 * A phone number is read as one thing: in the contacts list it never breaks over two lines,
 * from a 1024 px wide window up (the receptionist's small screen), however the other
 * columns squeeze.
 */
import { expect, openApp, test } from './fixtures';

for (const width of [1024, 1366]) {
  test(`phone numbers stay on one line in the contacts list at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await openApp(page, '/contacts');
    const phones = page.getByTestId('contact-row').locator('.phone-number');
    await expect(phones.first()).toBeVisible();
    const lines = await phones.evaluateAll((els) => els.map((el) => ({ text: el.textContent, lines: el.getClientRects().length })));
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.filter((l) => l.lines !== 1)).toEqual([]);
  });
}
