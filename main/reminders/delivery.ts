import type { WindowPresence } from './presence';
import type { DesktopNotification, DesktopNotifier } from '../api/capability';
import type { Reminder } from './schema';

export type DeliverySentence =
  | 'reminder.notification.body'
  | 'reminder.notification.late'
  | 'reminder.notification.many'
  | 'reminder.itemGone'
  | 'reminder.waiting.title'
  | 'reminder.waiting.one'
  | 'reminder.waiting.many';

export interface ReminderDeliveryDeps {
  /** Pushes `reminder.due` to every open window (each shows the popup). */
  emit(reminder: Reminder): void;
  /**
   * Pushes `reminder.waiting` to every open window while nobody is signed in: the sign-in
   * screen plays the sound. It carries nothing of the reminders.
   */
  emitWaiting(): void;
  /** The person signed in at this desk (null: signed out or locked): only their reminders pop up here. */
  currentUser(): string | null;
  /** A user's display name, for "a reminder is due for …". */
  userName(userId: string): string;
  presence: WindowPresence;
  /** null: no desktop (tests, tools); the popup event is all there is. */
  notifier: DesktopNotifier | null;
  /** The sentence for a notification in the desk's language. */
  sentence(key: DeliverySentence, params?: Record<string, string | number>): string;
  onNotifyError(err: unknown): void;
}

/** More fired at once than this become one summary notification instead of a stack. */
export const MAX_SEPARATE_NOTIFICATIONS = 3;

/**
 * What happens when reminders fire: the popup event for the signed-in user's reminders,
 * and a native notification when no window of the app is both visible and focused.
 *
 * While nobody is signed in (signed out, or the desk locked), a fired reminder waits for its
 * owner: the popup comes from `reminders.active` once they sign in. It still announces
 * itself, without its content, to whoever sits at the desk: the sign-in screen's sound and a
 * native notification that names only whose it is ("a reminder is due for Sara — sign in to
 * see it"). The sign-in screen shows no reminder, so that notification does not depend on a
 * window being in front.
 */
export class ReminderDelivery {
  constructor(private readonly deps: ReminderDeliveryDeps) {}

  deliver(fired: readonly Reminder[]): void {
    const me = this.deps.currentUser();
    if (me === null) return this.announceWaiting(fired);
    const mine = fired.filter((r) => r.ownerId === me);
    for (const r of mine) this.deps.emit(r);
    const notifier = this.deps.notifier;
    if (mine.length === 0 || !notifier || this.deps.presence.attended()) return;
    const notes: DesktopNotification[] =
      mine.length > MAX_SEPARATE_NOTIFICATIONS
        ? [{ title: 'Daftar', body: this.deps.sentence('reminder.notification.many', { n: mine.length }) }]
        : mine.map((r) => this.notification(r));
    this.show(notes);
  }

  private announceWaiting(fired: readonly Reminder[]): void {
    if (fired.length === 0) return;
    this.deps.emitWaiting();
    const perOwner = new Map<string, number>();
    for (const r of fired) perOwner.set(r.ownerId, (perOwner.get(r.ownerId) ?? 0) + 1);
    const title = this.deps.sentence('reminder.waiting.title');
    this.show(
      [...perOwner].map(([owner, n]) => {
        const name = this.deps.userName(owner);
        return { title, body: n === 1 ? this.deps.sentence('reminder.waiting.one', { name }) : this.deps.sentence('reminder.waiting.many', { name, n }) };
      }),
    );
  }

  private show(notes: readonly DesktopNotification[]): void {
    const notifier = this.deps.notifier;
    if (!notifier) return;
    for (const n of notes) notifier.show(n).catch((err: unknown) => this.deps.onNotifyError(err));
  }

  private notification(r: Reminder): DesktopNotification {
    const title = r.title ?? this.deps.sentence('reminder.itemGone');
    const body = r.note ?? this.deps.sentence('reminder.notification.body');
    return { title, body: r.late ? `${this.deps.sentence('reminder.notification.late')} ${body}` : body };
  }
}
