/**
 * Data safety as an administrator meets it: a backup from Settings, then a damaged store
 * found by the full check, the banner on every page, and "restore the newest good backup".
 * On a host of its own: the suite's shared store is never damaged.
 */
import { DEMO_PASSWORD, expect, screenshotPath, signInIfAsked, test } from './fixtures';
import { damageStore, startOwnHost } from './own-host';

test.describe.configure({ timeout: 300_000 });

test('a damaged store is found by the full check, every page says so, and the newest good backup restores it', async ({ page }) => {
  let host = await startOwnHost(['--demo']);
  const dataDir = host.dataDir;
  const go = async (path: string) => page.goto(`${host.url.split('#')[0]}#${path}`);
  /** Stops the host, damages its store, starts it again on the same folder and signs in. */
  const damageAndRestart = async () => {
    await host.pause();
    await damageStore(dataDir);
    host = await startOwnHost([], dataDir);
    await page.goto(host.url);
    await signInIfAsked(page, 'admin', DEMO_PASSWORD);
    await go('/settings');
    await page.getByTestId('storage-check').click();
  };
  try {
    await page.setViewportSize({ width: 1366, height: 800 });
    await page.goto(host.url);
    await signInIfAsked(page, 'admin', DEMO_PASSWORD);
    await go('/settings');
    const safety = page.getByTestId('data-safety');
    await expect(safety.getByTestId('storage-state')).toHaveText('پروندهٔ داده‌ها سالم و نوشتنی است.');
    await safety.getByTestId('storage-backup').click();
    await expect(safety.getByTestId('storage-result')).toHaveText('پشتیبان ساخته و وارسی شد.');
    await expect(safety.getByTestId('backup-row')).toHaveCount(1);
    await expect(safety.getByTestId('backup-row').first()).toContainText('دستی');
    await safety.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath('storage-settings-fa-1366') });

    // Persian: found by the full check, shown on every page, restored from the banner.
    await damageAndRestart();
    await expect(page.getByTestId('storage-result')).toContainText('بررسی مشکل پیدا کرد');
    const banner = page.getByTestId('storage-banner');
    await expect(banner).toContainText('آسیب دیده است');
    await expect(banner).toContainText(`${dataDir}/daftar.sqlite`);
    await page.screenshot({ path: screenshotPath('storage-damaged-fa-1366') });
    await go('/contacts');
    await expect(banner).toBeVisible();
    await page.getByTestId('storage-banner-restore').click();
    const dialog = page.getByTestId('restore-dialog');
    await expect(dialog).toContainText('تغییرهای پس از آن از دست می‌روند');
    await dialog.getByTestId('restore-confirm').click();
    await expect(page.getByTestId('storage-restored')).toContainText('بازگردانده شد');
    await expect(page.getByTestId('storage-restored')).toContainText(`${dataDir}/damaged/`);
    await expect(banner).toHaveCount(0);

    // English, 1024 px: the same, restored this time from the list of backups in Settings.
    await go('/settings');
    await page.getByTestId('language-en').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
    await page.setViewportSize({ width: 1024, height: 768 });
    await damageAndRestart();
    await expect(page.getByTestId('storage-result')).toContainText('The check found problems');
    await expect(banner).toContainText('is damaged');
    await page.screenshot({ path: screenshotPath('storage-damaged-en-1024') });
    await page.getByTestId('backup-restore').first().click();
    await expect(dialog).toContainText('changes made after it are lost');
    await dialog.getByTestId('restore-confirm').click();
    await expect(page.getByTestId('storage-result')).toContainText('was restored');
    await expect(banner).toHaveCount(0);
    // The backup was taken while the desk spoke Persian: its settings came back with it.
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByTestId('storage-check').click();
    await expect(page.getByTestId('storage-result')).toContainText('مشکلی پیدا نشد');
    await page.screenshot({ path: screenshotPath('storage-settings-fa-1024') });
  } finally {
    await host.stop();
  }
});
