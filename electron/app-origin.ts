/**
 * Where the renderer lives: app://daftar/. A custom standard scheme instead of file://,
 * so the page has a real origin to check permissions, IPC senders and navigations against,
 * and file:// keeps none of its extra privileges for us.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'daftar';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for app://daftar and anything under it. Compares parts rather than URL.origin:
 * Node's URL reports "null" as the origin of a non-special scheme like app:.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
