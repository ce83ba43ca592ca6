/**
 * Two desks (two web hosts, each with its own store) and one sync server, all real
 * processes: each desk signs in to the server in Settings; a person made on one appears on
 * the other; with the server down, an edit goes on offline and reaches the other desk once
 * the server is back. Screenshots of the sync card and the indicator in both languages.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshotPath, test, uniqueWord } from './fixtures';
import { REPO } from './paths';

// Three servers and a browser on a small, busy machine: steps are slow, none is a timing assertion.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const dist = process.env.DAFTAR_DIST ?? join(REPO, 'dist');
const serverEntry = join(dist, 'server/server.js');
const hostEntry = join(dist, 'main/webhost.js');
const dirs: string[] = [];
const children = new Set<ChildProcess>();
const temp = (label: string) => {
  const d = mkdtempSync(join(tmpdir(), `daftar-e2e-sync-${label}-`));
  dirs.push(d);
  return d;
};

/** Starts a node program and waits for the line matching `ready`. */
async function start(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`not ready in 30 s: ${args.join(' ')}\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code}):\n${out}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return { child, match };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const serverDir = temp('server');
let server: ChildProcess;
let serverUrl = '';
const startServer = async (port = 0) => {
  const { child, match } = await start([serverEntry, '--data-dir', serverDir, '--port', String(port)], /listening on (http:\/\/\S+)/);
  server = child;
  serverUrl = match[1]!;
};
const desks: { url: string; name: string }[] = [];

const admin = (...args: string[]) =>
  execFileSync(process.execPath, [serverEntry, 'admin', ...args, '--data-dir', serverDir], { input: 'a-long-password\n', encoding: 'utf8' });

test.beforeAll(async () => {
  admin('role', 'add', 'مسئول دفتر', 'identities.read', 'identities.write', 'identities.delete', 'history.read', 'notes.write', 'organisation.read');
  admin('user', 'add', 'sara', '--name', 'سارا رضایی', '--role', 'مسئول دفتر', '--password-stdin');
  admin('user', 'add', 'reza', '--name', 'رضا کریمی', '--role', 'مسئول دفتر', '--password-stdin');
  await startServer();
  for (const name of ['a', 'b']) {
    const { match } = await start([hostEntry, '--data-dir', temp(name), '--port', '0'], /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/);
    desks.push({ url: match[0], name });
  }
});

test.afterAll(async () => {
  for (const c of [...children]) await stop(c);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The password each new desk's own administrator is given at its first start. */
const DESK_PASSWORD = 'desk-admin-password';

async function open(page: Page, desk: number, path = '/'): Promise<void> {
  await page.goto(desks[desk]!.url);
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  // A new desk asks for its administrator's password first (the session belongs to the host).
  const overlay = page.getByTestId('session-overlay');
  if ((await overlay.isVisible()) && (await overlay.getAttribute('data-state')) === 'setup') {
    await page.getByTestId('new-password').fill(DESK_PASSWORD);
    await page.getByTestId('repeat-password').fill(DESK_PASSWORD);
    await page.getByTestId('setup-submit').click();
    await expect(overlay).toBeHidden();
  }
  if (path !== '/') await page.evaluate((p) => (window.location.hash = `#${p}`), path);
}

async function signIn(page: Page, username: string): Promise<void> {
  const card = page.getByTestId('sync-sign-in');
  await card.getByTestId('sync-server').fill(serverUrl);
  await card.getByTestId('sync-username').fill(username);
  await card.getByTestId('sync-password').fill('a-long-password');
  await card.getByTestId('sync-sign-in-button').click();
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'upToDate');
  // The desk now works as the server's user (the app starts again at its dashboard); the sync page says who.
  await page.evaluate(() => (window.location.hash = '#/sync'));
  await expect(page.getByTestId('sync-signed-in')).toBeVisible();
}

const last = uniqueWord();

test('a desk with no server says so, and a wrong password is explained with what was typed kept', async ({ page }) => {
  await open(page, 0, '/settings');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'off');
  const card = page.getByTestId('sync-sign-in');
  await card.getByTestId('sync-server').fill(serverUrl);
  await card.getByTestId('sync-username').fill('sara');
  await card.getByTestId('sync-password').fill('not-the-password');
  await card.getByTestId('sync-sign-in-button').click();
  await expect(page.getByTestId('sync-error')).toHaveText('نام کاربری یا گذرواژه درست نیست.');
  await expect(card.getByTestId('sync-server')).toHaveValue(serverUrl);
  await expect(card.getByTestId('sync-username')).toHaveValue('sara');
  await card.getByTestId('sync-server').fill('ftp://example.ir');
  await card.getByTestId('sync-password').fill('a-long-password');
  await card.getByTestId('sync-sign-in-button').click();
  await expect(card.getByText('نشانی سرور با http:// یا https:// شروع می‌شود')).toBeVisible();
});

test('both desks sign in to the server in Settings', async ({ page }) => {
  await open(page, 0, '/settings');
  await signIn(page, 'sara');
  await expect(page.getByTestId('signed-in-user')).toHaveText('سارا رضایی');
  await open(page, 1, '/settings');
  await signIn(page, 'reza');
  await expect(page.getByTestId('signed-in-user')).toHaveText('رضا کریمی');
});

test('a person made on one desk appears on the other', async ({ page, browser }) => {
  await open(page, 0, '/contacts');
  await page.getByRole('button', { name: 'هویت تازه' }).click();
  const dialog = page.getByRole('dialog', { name: 'هویت تازه' });
  await dialog.getByLabel('نام', { exact: true }).fill('نگار');
  await dialog.getByLabel('نام خانوادگی').fill(last);
  await dialog.getByRole('button', { name: 'ثبت هویت' }).click();
  await expect(page).toHaveURL(/#\/identities\/[0-9a-f-]{36}$/);

  const other = await browser.newPage();
  await open(other, 1, '/contacts');
  await other.getByTestId('contacts-search').fill(last);
  await expect(other.getByTestId('contact-row').filter({ hasText: `نگار ${last}` })).toHaveCount(1);
  await other.close();
});

test('an edit made while the server is down reaches the other desk after it is back', async ({ page, browser }) => {
  const port = Number(new URL(serverUrl).port);
  await stop(server);
  await open(page, 0, '/contacts');
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'offline');
  await page.getByTestId('contacts-search').fill(last);
  await page.getByTestId('contact-row').filter({ hasText: last }).first().click();
  await page.getByRole('button', { name: 'ویرایش' }).click();
  const dialog = page.getByRole('dialog', { name: 'ویرایش هویت' });
  await dialog.getByLabel('نام', { exact: true }).fill('نگارین');
  await dialog.getByRole('button', { name: 'ذخیرهٔ تغییرات' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('profile-name')).toHaveText(`نگارین ${last}`);
  await expect(page.getByTestId('sync-indicator')).not.toHaveAttribute('data-pending', '0');
  await page.screenshot({ path: screenshotPath('sync-offline-fa'), fullPage: false });
  // With the server away, the password the server checked at sign-in opens this desk.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-lock').click();
  await expect(page.getByTestId('session-overlay')).toHaveAttribute('data-state', 'locked');
  await page.getByTestId('unlock-password').fill('a-long-password');
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('session-overlay')).toBeHidden();

  await startServer(port);
  // The desk reconnects on its own (growing pauses, at most a minute) and sends the edit.
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-state', 'upToDate', { timeout: 90_000 });
  await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-pending', '0');
  const other = await browser.newPage();
  await open(other, 1, '/contacts');
  await other.getByTestId('contacts-search').fill(last);
  await expect(other.getByTestId('contact-row').filter({ hasText: `نگارین ${last}` })).toHaveCount(1, { timeout: 30_000 });
  await other.close();
});

test('screenshots of the sync card and the indicator, Persian and English, 1024 and 1366 px', async ({ page }) => {
  for (const language of ['fa', 'en'] as const) {
    await open(page, 0, '/settings');
    await page.getByTestId(`language-${language}`).click();
    for (const width of [1024, 1366]) {
      await page.setViewportSize({ width, height: 800 });
      await open(page, 0, '/sync');
      await expect(page.getByTestId('sync-signed-in')).toBeVisible();
      await page.screenshot({ path: screenshotPath(`sync-page-${language}-${width}`), fullPage: true });
    }
  }
  await open(page, 0, '/settings');
  await page.getByTestId('language-fa').click();
});
