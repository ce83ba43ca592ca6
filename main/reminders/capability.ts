import { defineCapability, event, method, NoInput } from '../api/capability';
import { DEFAULT_ZONE } from '../api/jalali-input';
import { text } from '../api/messages';
import type { OrganisationService } from '../organisation/service';
import type { SessionService } from '../session/service';
import type { SettingsService } from '../settings/service';
import { ReminderDelivery } from './delivery';
import { REMINDER_MESSAGES } from './messages';
import { scheduleReminders, type RunningScheduler } from './scheduling';
import { ReminderCreate, ReminderList, ReminderPreferences, ReminderRef, ReminderSnooze, WindowPresenceReport, type Reminder } from './schema';
import { ReminderService } from './service';

const running = new WeakMap<ReminderService, RunningScheduler>();
const SOUND_KEY = 'reminders.sound';

/**
 * Reminders on any item: the persistent scheduler runs in the backend (it fires while no
 * window is open, and at start fires what fell due while the app was closed); each firing
 * reaches the windows as `reminder.due`, and the desktop as a native notification when no
 * window is both visible and focused (windows report that through `reminders.presence`).
 * One that falls due while nobody is signed in waits for its owner and says only that it
 * is there: `reminder.waiting` (the sign-in screen's sound) and a native notification that
 * names whose it is (delivery.ts).
 */
export const reminders = defineCapability({
  name: 'reminders',
  permissions: { 'reminders.use': ['office-manager', 'receptionist', 'staff'] },
  messages: REMINDER_MESSAGES,
  events: {
    'reminder.due': event<Reminder>(),
    /** Reminders fell due while nobody is signed in; nothing of them is said (the sign-in screen's sound). */
    'reminder.waiting': event<Record<string, never>>(),
  },
  service: (ctx) => new ReminderService(ctx.store, ctx.items(), () => DEFAULT_ZONE),
  methods: (svc, ctx) => {
    // Read when called: a method table is built before it is needed (and listed in tests without a context).
    const settings = () => ctx.use<SettingsService>('settings');
    const preferences = () => ({ sound: settings().local(SOUND_KEY) !== 'off' });
    return {
      'reminders.create': method(ReminderCreate, 'reminders.use', (input, caller) => svc.create(input, caller.userId)),
      'reminders.snooze': method(ReminderSnooze, 'reminders.use', (input, caller) => svc.snooze(input, caller.userId)),
      'reminders.dismiss': method(ReminderRef, 'reminders.use', (input, caller) => svc.dismiss(input.id, caller.userId)),
      'reminders.remove': method(ReminderRef, 'reminders.use', (input, caller) => svc.remove(input.id, caller.userId)),
      'reminders.active': method(NoInput, 'reminders.use', (_input, caller) => svc.active(caller.userId)),
      'reminders.list': method(ReminderList, 'reminders.use', (input, caller) => svc.list(caller.userId, input.item ?? null)),
      'reminders.presence': method(WindowPresenceReport, null, (input) => {
        svc.presence.report(input.windowId, input);
        return {};
      }),
      'reminders.preferences': method(NoInput, null, () => preferences()),
      'reminders.setPreferences': method(ReminderPreferences, null, (input) => {
        settings().setLocal(SOUND_KEY, input.sound ? 'on' : 'off');
        return preferences();
      }),
    };
  },
  start: (svc, ctx) => {
    const session = ctx.use<SessionService>('session');
    const organisation = ctx.use<OrganisationService>('organisation');
    const delivery = new ReminderDelivery({
      emit: (r) => ctx.emit('reminder.due', r),
      emitWaiting: () => ctx.emit('reminder.waiting', {}),
      currentUser: () => session.caller().userId,
      userName: (id) => organisation.userRef(id)?.displayName ?? '—',
      presence: svc.presence,
      notifier: ctx.notifier,
      sentence: (key, params) => text(key, ctx.language(), params),
      onNotifyError: (err) => ctx.log.warn('native notification failed', { err }),
    });
    running.set(
      svc,
      scheduleReminders(ctx.store, svc, ctx.timers, (fired) => delivery.deliver(fired), {
        onError: (err) => ctx.log.error('reminder scheduler', { err }),
      }),
    );
  },
  stop: (svc) => running.get(svc)?.stop(),
});
