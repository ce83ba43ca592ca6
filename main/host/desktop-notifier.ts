import notifier from 'node-notifier';
import type { DesktopNotifier } from '../api/capability';

/**
 * The operating system's notification (libnotify on Linux, toasts on Windows, Notification
 * Center on macOS), through node-notifier, which never throws: its errors arrive only in
 * the callback (a missing notify-send, no display, no notification daemon), so they are
 * awaited here.
 */
export function nodeDesktopNotifier(appName = 'Daftar'): DesktopNotifier {
  return {
    show: (n) =>
      new Promise((resolve, reject) => {
        notifier.notify(
          { title: plainArgument(n.title), message: plainArgument(escapeMarkup(n.body)), 'app-name': appName, wait: false } as never,
          (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
        );
      }),
  };
}

/** Notification bodies are markup on Linux; text from outside (a task's subject) stays text. */
export function escapeMarkup(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A title starting with "-" would be read by notify-send as an option; control characters go. */
export function plainArgument(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ').slice(0, 300);
  return clean.startsWith('-') ? `\u2060${clean}` : clean;
}
