/**
 * What locks the desk besides the menu: Ctrl+L (the key under the L, whatever the keyboard
 * layout: on a Persian layout that key types «م»), and no input for the configured number
 * of minutes. Input in any window of the desk counts (BroadcastChannel), so a window in the
 * background does not lock the desk someone is working at in another one.
 */
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/ApiProvider';

const CHECK_EVERY_MS = 10_000;
const SHARE_AT_MOST_EVERY_MS = 5_000;
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function useLockTriggers(active: boolean, lockAfterMinutes: number): void {
  const api = useApi();
  const lastInput = useRef(0);

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.code === 'KeyL') {
        e.preventDefault();
        void api.call('session.lock', {});
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [api, active]);

  useEffect(() => {
    if (!active || lockAfterMinutes <= 0) return;
    lastInput.current = Date.now();
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('daftar.activity') : null;
    let lastShared = 0;
    const onInput = () => {
      const now = Date.now();
      lastInput.current = now;
      if (channel && now - lastShared > SHARE_AT_MOST_EVERY_MS) {
        lastShared = now;
        channel.postMessage(now);
      }
    };
    if (channel) channel.onmessage = (e: MessageEvent<number>) => (lastInput.current = Math.max(lastInput.current, Number(e.data) || 0));
    for (const ev of ACTIVITY) window.addEventListener(ev, onInput, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - lastInput.current >= lockAfterMinutes * 60_000) void api.call('session.lock', {});
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      channel?.close();
      for (const ev of ACTIVITY) window.removeEventListener(ev, onInput, { capture: true });
    };
  }, [api, active, lockAfterMinutes]);
}
