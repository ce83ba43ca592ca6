/**
 * A real desktop for notification tests: a private X display (Xvfb), a private session bus
 * and Debian's notification-daemon, started once per test file with xvfb-run and
 * dbus-run-session (notification-session-inner.sh), and stopped afterwards. What the daemon
 * was asked to show is read back from dbus-monitor and from the display's window list.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

export interface ShownNotification {
  summary: string;
  body: string;
  /** The id the daemon answered the Notify call with: it took the notification. */
  id: number | null;
}

export interface NotificationSession {
  /** The display and session bus addresses, for the process that notifies. */
  readonly env: { DISPLAY: string; XAUTHORITY: string; DBUS_SESSION_BUS_ADDRESS: string };
  /** Every Notify call so far, with the daemon's answer. */
  notifications(): ShownNotification[];
  /** Titles of the daemon's notification windows now on the display. */
  notificationWindows(): string[];
  stop(): Promise<void>;
}

export async function startNotificationSession(): Promise<NotificationSession> {
  const runDir = mkdtempSync(join(tmpdir(), 'daftar-notify-'));
  const child = spawn('xvfb-run', ['-a', 'dbus-run-session', '--', join(HERE, 'notification-session-inner.sh'), runDir], {
    detached: true,
    stdio: 'ignore',
  });
  const envFile = join(runDir, 'session.env');
  const started = Date.now();
  while (!existsSync(envFile)) {
    if (child.exitCode !== null || Date.now() - started > 20_000) {
      rmSync(runDir, { recursive: true, force: true });
      throw new Error('the notification session did not start (xvfb-run, dbus-run-session, notification-daemon)');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const vars = Object.fromEntries(
    readFileSync(envFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const env = { DISPLAY: vars.DISPLAY ?? '', XAUTHORITY: vars.XAUTHORITY ?? '', DBUS_SESSION_BUS_ADDRESS: vars.DBUS_SESSION_BUS_ADDRESS ?? '' };
  return {
    env,
    notifications: () => parseMonitor(readFileSync(join(runDir, 'monitor.log'), 'utf8')),
    notificationWindows: () =>
      execFileSync('xwininfo', ['-root', '-tree'], { env: { ...process.env, ...env }, encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('"notification-daemon"') && l.includes('"Notification"'))
        .map((l) => l.trim()),
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise<boolean>((r) => child.once('exit', () => r(true)));
        const timeout = (ms: number) => new Promise<boolean>((r) => setTimeout(() => r(false), ms));
        // The inner script ends; dbus-run-session then stops the bus, and xvfb-run stops
        // Xvfb and removes its temporary folder (it does not when it is killed itself).
        process.kill(Number(readFileSync(join(runDir, 'inner.pid'), 'utf8')), 'SIGTERM');
        if (!(await Promise.race([exited, timeout(5000)]))) {
          process.kill(-child.pid, 'SIGKILL'); // the group xvfb-run leads, as a last resort
          await Promise.race([exited, timeout(2000)]);
        }
      }
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/** Notify calls (summary, body) and the reply to each (the notification id), from dbus-monitor's log. */
export function parseMonitor(log: string): ShownNotification[] {
  const blocks = log.split(/\n(?=(?:method call|method return|signal|error) )/);
  const calls: (ShownNotification & { sender: string; serial: string })[] = [];
  const replies = new Map<string, number>();
  for (const b of blocks) {
    const head = b.split('\n')[0] ?? '';
    if (head.startsWith('method call') && head.includes('member=Notify')) {
      // dbus-monitor prints a string between quotes without escaping the quotes inside.
      const strings = [...b.matchAll(/^ {3}string "(.*)"$/gm)].map((m) => m[1] ?? '');
      // Notify(app_name, replaces_id, app_icon, summary, body, actions, hints, timeout)
      calls.push({
        sender: /sender=(\S+)/.exec(head)?.[1] ?? '',
        serial: /serial=(\d+)/.exec(head)?.[1] ?? '',
        summary: strings[2] ?? '',
        body: strings[3] ?? '',
        id: null,
      });
    } else if (head.startsWith('method return')) {
      const to = /destination=(\S+)/.exec(head)?.[1];
      const serial = /reply_serial=(\d+)/.exec(head)?.[1];
      const id = /^\s+uint32 (\d+)$/m.exec(b)?.[1];
      if (to && serial && id) replies.set(`${to}#${serial}`, Number(id));
    }
  }
  return calls.map(({ sender, serial, ...n }) => ({ ...n, id: replies.get(`${sender}#${serial}`) ?? null }));
}
