/**
 * Tells the backend whether this window is visible and focused: whenever that changes,
 * whenever the connection (re)opens, and again every PRESENCE_HEARTBEAT_MS while the window
 * is open (a report runs out, so a window that vanished stops counting). The backend
 * decides from it whether a reminder also needs a native notification.
 */
import { useEffect, useMemo } from 'react';
import { useApi, useConnectionStatus } from '../../api/ApiProvider';

const HEARTBEAT_MS = 20_000;

function newWindowId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `w-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
}

export function usePresenceReport(): void {
  const api = useApi();
  const status = useConnectionStatus();
  const windowId = useMemo(() => newWindowId(), []);
  useEffect(() => {
    if (status !== 'open') return;
    const report = () =>
      void api.call('reminders.presence', { windowId, visible: document.visibilityState === 'visible', focused: document.hasFocus() });
    report();
    const beat = setInterval(report, HEARTBEAT_MS);
    document.addEventListener('visibilitychange', report);
    window.addEventListener('focus', report);
    window.addEventListener('blur', report);
    return () => {
      clearInterval(beat);
      document.removeEventListener('visibilitychange', report);
      window.removeEventListener('focus', report);
      window.removeEventListener('blur', report);
    };
  }, [api, status, windowId]);
}
