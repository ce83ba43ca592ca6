/**
 * What a page may do outside its own content: almost nothing. The renderer is a
 * single-page app, so it never needs to navigate away, open windows, embed webviews or
 * ask for permissions other than the microphone (and camera) for calls.
 */
import { isAppUrl } from './app-origin';
import type { FrameLike, SessionLike, WebContentsLike } from './shell-types';
import type { ShellLog } from './log';

/** Links to the web open in the user's browser; no other scheme leaves the app. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Applied to every webContents the app creates (app 'web-contents-created'). */
export function guardWebContents(
  contents: WebContentsLike,
  openExternal: (url: string) => Promise<void>,
  log: ShellLog,
): void {
  const handOut = (url: string) => {
    if (!isExternalWebUrl(url)) return;
    openExternal(url).catch((err: unknown) => log.warn('openExternal failed', { url, error: String(err) }));
  };

  // In-app navigation (a reload) stays; anything else is stopped, and web links go to the browser.
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('navigation denied', { url: event.url });
    handOut(event.url);
  });

  // app:// never redirects, so a redirect means something unexpected: stop it.
  contents.on('will-redirect', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log.warn('redirect denied', { url: event.url });
  });

  contents.setWindowOpenHandler(({ url }) => {
    handOut(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Only the app's own page may use the microphone/camera; every other permission is refused. */
export function isPermissionAllowed(permission: string, origin: string): boolean {
  return permission === 'media' && isAppUrl(origin);
}

export function installPermissionHandlers(session: SessionLike, log: ShellLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const allowed = isPermissionAllowed(permission, details.requestingUrl);
    if (!allowed) log.warn('permission denied', { permission, url: details.requestingUrl });
    callback(allowed);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}

/**
 * IPC is answered only for the app page's main frame. A subframe or a page that somehow
 * loaded another origin gets nothing, not even a port to the backend.
 */
export function isTrustedSender(frame: FrameLike | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}
