/**
 * Shared test helpers: open the app on the suite's web host, make run-unique Persian
 * names and numbers, and keep screenshots in .artifacts/.
 */
import { readFileSync } from 'node:fs';
import { expect, test as base, type Page } from '@playwright/test';
import { jalaliWallTimeOf } from '../../main/api/jalali-input';
import { ARTIFACTS, HOST_FILE, type HostInfo } from './paths';

export function hostUrl(): string {
  if (process.env.DAFTAR_URL) return process.env.DAFTAR_URL;
  return (JSON.parse(readFileSync(HOST_FILE, 'utf8')) as HostInfo).url;
}

/** The suite's host runs with --demo: every demo user has this password (main/demo/seed.ts). */
export const DEMO_PASSWORD = 'daftar-1404';

/**
 * Signs in through the sign-in screen when it is shown. The session belongs to the desk
 * (the host), so after the first test the administrator usually is signed in already.
 */
export async function signInIfAsked(page: Page, username = 'admin', password = DEMO_PASSWORD): Promise<void> {
  // Only once the session is known does the page show (or not) the sign-in screen.
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  const overlay = page.getByTestId('session-overlay');
  if (!(await overlay.isVisible())) return;
  if ((await overlay.getAttribute('data-state')) === 'locked') await page.getByTestId('lock-someone-else').click();
  await page.getByTestId('sign-in-username').fill(username);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await expect(overlay).toBeHidden();
}

/** Opens the app with the host's token (signed in as the administrator), then goes to `path` (a hash route such as /contacts). */
export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(hostUrl());
  // The shell is ready once the backend answered who is signed in.
  await expect(page.getByTestId('app-shell')).toHaveAttribute('data-ready', 'true');
  // The token was taken out of the visible address.
  await expect(page).not.toHaveURL(/token=/);
  await signInIfAsked(page);
  if (path === '/') return;
  // Go there the way a link does, then let React render the new route before the test acts
  // (the dashboard and the contacts page both have a "new identity" button).
  await page.evaluate(async (p) => {
    if (window.location.hash === `#${p}`) return;
    await new Promise((r) => {
      window.addEventListener('hashchange', r, { once: true });
      window.location.hash = `#${p}`;
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, path);
}

const PERSIAN_LETTERS = 'بپتثجچحخدذرزژسشصضطظعغفقلمنوه';
const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** A word of Persian letters unique to this run (names must not collide across tests). */
export function uniqueWord(length = 5): string {
  let s = '';
  for (let i = 0; i < length; i++) s += PERSIAN_LETTERS[Math.floor(Math.random() * PERSIAN_LETTERS.length)];
  return s;
}

/** Four random digits, as Latin and as Persian. */
export function uniqueDigits(): { latin: string; persian: string } {
  const latin = String(Math.floor(Math.random() * 10_000)).padStart(4, '0');
  return { latin, persian: latin.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!) };
}

export function screenshotPath(name: string): string {
  return `${ARTIFACTS}/${name}.png`;
}

/**
 * "1404/01/01 11:30:15": an instant as the office's wall clock shows it, to the second, as a
 * person types it into a Jalali date-time field; `withTime: false` gives the day only.
 */
export function wallText(ms: number, withTime = true): string {
  const w = jalaliWallTimeOf(ms, 'Asia/Tehran');
  const two = (n: number) => String(n).padStart(2, '0');
  const day = `${w.year}/${two(w.month)}/${two(w.day)}`;
  return withTime ? `${day} ${two(w.time!.hour)}:${two(w.time!.minute)}:${two(new Date(ms).getUTCSeconds())}` : day;
}

export const test = base;
export { expect };
