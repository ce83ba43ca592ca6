/**
 * One Daftar per user session: two instances would share one SQLite file and register
 * the same SIP account twice. A second launch hands over to the first and quits.
 */
import type { AppLike } from './shell-types';

/** Returns false when another instance holds the lock; this one is then already quitting. */
export function claimSingleInstance(
  app: Pick<AppLike, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  onSecondInstance: () => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondInstance);
  return true;
}
