/**
 * The link to the backend: the token leaves the address but survives a reload; a dropped
 * socket shows a banner and reconnects by itself; a page opened without the token says so.
 */
import type { WebSocketRoute } from '@playwright/test';
import { expect, hostUrl, openApp, test } from './fixtures';

test('a reload keeps working without the token in the address', async ({ page }) => {
  await openApp(page, '/contacts');
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
});

test('a dropped connection shows a banner, then reconnects', async ({ page }) => {
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/rpc\?token=/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await openApp(page);
  expect(sockets).toHaveLength(1);
  await sockets[0]!.close({ code: 1012, reason: 'test' });
  // One assertion: on a busy machine the banner may already be gone again by a second one.
  await expect(page.getByTestId('connection-banner')).toContainText('ارتباط');
  // It comes back by itself and the page works again.
  await expect(page.getByTestId('connection-banner')).toHaveCount(0);
  expect(sockets.length).toBeGreaterThanOrEqual(2);
  await page.getByRole('navigation').getByRole('link', { name: 'هویت‌ها و مخاطبین' }).click();
  await expect(page.getByTestId('contact-row').first()).toBeVisible();
});

test('a page opened without the token says how to open it', async ({ page }) => {
  await page.goto(new URL(hostUrl()).origin + '/');
  await expect(page.getByTestId('connection-banner')).toBeVisible();
  await expect(page.getByTestId('connection-banner')).toContainText('پیوند');
});
