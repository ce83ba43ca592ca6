import type { WindowPresence } from './presence';
import type { DesktopNotification, DesktopNotifier } from '../api/capability';
import type { Reminder } from './schema';

export interface ReminderDeliveryDeps {
  /** Pushes `reminder.due` to every open window (each shows the popup). */
  emit(reminder: Reminder): void;
  /** The person signed in at this desk: only their reminders pop up here. */
  currentUser(): string | null;
  presence: WindowPresence;
  /** null: no desktop (tests, tools); the popup event is all there is. */
  notifier: DesktopNotifier | null;
  /** The sentence for a notification in the desk's language. */
  sentence(key: 'reminder.notification.body' | 'reminder.notification.late' | 'reminder.notification.many' | 'reminder.itemGone', params?: Record<string, string | number>): string;
  onNotifyError(err: unknown): void;
}

/** More fired at once than this become one summary notification instead of a stack. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

/**
 * What happens when reminders fire: the popup event for the signed-in user's reminders,
 * and a native notification when no window of the app is both visible and focused.
 */
export class ReminderDelivery {
  constructor(private readonly deps: ReminderDeliveryDeps) {}

  deliver(fired: readonly Reminder[]): void {
    const me = this.deps.currentUser();
    const mine = fired.filter((r) => r.ownerId === me);
    for (const r of mine) this.deps.emit(r);
    const notifier = this.deps.notifier;
    if (mine.length === 0 || !notifier || this.deps.presence.attended()) return;
    const notes: DesktopNotification[] =
      mine.length > MAX_SEPARATE_NOTIFICATIONS
        ? [{ title: 'Daftar', body: this.deps.sentence('reminder.notification.many', { n: mine.length }) }]
        : mine.map((r) => this.notification(r));
    for (const n of notes) notifier.show(n).catch((err: unknown) => this.deps.onNotifyError(err));
  }

  private notification(r: Reminder): DesktopNotification {
    const title = r.title ?? this.deps.sentence('reminder.itemGone');
    const body = r.note ?? this.deps.sentence('reminder.notification.body');
    return { title, body: r.late ? `${this.deps.sentence('reminder.notification.late')} ${body}` : body };
  }
}
