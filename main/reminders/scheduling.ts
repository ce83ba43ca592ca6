import type { Store } from '../../db/writer';
import type { Timers } from '../api/capability';
import { ReminderScheduler, type SchedulerOptions } from './scheduler';
import type { Reminder } from './schema';
import type { ReminderService } from './service';

export interface RunningScheduler {
  scheduler: ReminderScheduler<Reminder>;
  stop(): void;
}

/**
 * Starts the scheduler on a store: it fires what fell due while closed, then sleeps until
 * the next reminder, and looks again whenever a committed write touched reminders (a new
 * one, a snooze, a sync that brought one in).
 */
export function scheduleReminders(
  store: Store,
  reminders: ReminderService,
  timers: Timers,
  onFired: (fired: Reminder[]) => void,
  options: SchedulerOptions = {},
): RunningScheduler {
  const scheduler = new ReminderScheduler(reminders, store.clock, timers, onFired, options);
  const unsubscribe = store.onCommit((info) => {
    if (info.tables.includes('reminders')) scheduler.reschedule();
  });
  scheduler.start();
  return {
    scheduler,
    stop: () => {
      unsubscribe();
      scheduler.stop();
    },
  };
}
