/**
 * The persistent reminder scheduler: one timer, set for the earliest pending reminder.
 *
 * - It sleeps until the next due item: one indexed query finds it (no loop over reminders).
 * - Node's timers run on the monotonic clock, but reminders are due on the wall clock. So a
 *   sleep is capped (`maxSleepMs`): after a wall-clock jump forward, what fell due fires at
 *   the next wake, marked late; a wake costs one index probe. A jump back fires nothing
 *   twice, because firing moves a reminder out of `pending` in the same transaction that
 *   reads it.
 * - At start it fires everything that fell due while the app was closed, marked late.
 * - Firing is batched and yields between batches, so 100,000 overdue reminders at start
 *   never freeze the backend.
 */

import type { Timers } from '../api/capability';

/** Where the scheduler finds and fires due items (the reminder service). */
export interface DueItems<T> {
  nextDueAt(): number | null;
  /**
   * Fires up to `limit` items due at or before `now` and returns them. `startedAt` is when
   * the scheduler started: items due before it fell due while the app was closed.
   */
  fireDue(now: number, startedAt: number, limit: number): T[];
}

export interface SchedulerOptions {
  /** Longest sleep, so a wall-clock jump is noticed within it. */
  maxSleepMs?: number;
  /** Items fired per transaction before yielding. */
  batch?: number;
  /** Told about a failure (a locked or read-only store); the scheduler retries after a sleep. */
  onError?: (err: unknown) => void;
}

export const DEFAULT_MAX_SLEEP_MS = 30_000;

export class ReminderScheduler<T> {
  private timer: unknown = null;
  private wakeAt: number | null = null;
  private running = false;
  private startedAt = 0;
  private readonly maxSleepMs: number;
  private readonly batch: number;

  constructor(
    private readonly items: DueItems<T>,
    private readonly clock: { now(): number },
    private readonly timers: Timers,
    private readonly onFired: (fired: T[]) => void,
    private readonly options: SchedulerOptions = {},
  ) {
    this.maxSleepMs = options.maxSleepMs ?? DEFAULT_MAX_SLEEP_MS;
    this.batch = options.batch ?? 500;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.startedAt = this.clock.now();
    this.wake();
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
  }

  /** Reminders changed (created, snoozed, removed, synced in): look again for the next one. */
  reschedule(): void {
    if (this.running) this.arm();
  }

  /** When the timer is set to wake next (wall-clock ms), for tests and diagnostics. */
  nextWake(): number | null {
    return this.wakeAt;
  }

  private wake(): void {
    this.timer = null;
    this.wakeAt = null;
    if (!this.running) return;
    let full = false;
    try {
      const fired = this.items.fireDue(this.clock.now(), this.startedAt, this.batch);
      full = fired.length >= this.batch;
      if (fired.length > 0) this.onFired(fired);
    } catch (err) {
      this.options.onError?.(err);
      this.setTimer(this.maxSleepMs);
      return;
    }
    if (full) this.setTimer(0);
    else this.arm();
  }

  private arm(): void {
    this.clearTimer();
    let next: number | null;
    try {
      next = this.items.nextDueAt();
    } catch (err) {
      this.options.onError?.(err);
      this.setTimer(this.maxSleepMs);
      return;
    }
    // Nothing pending: no timer at all. A new reminder calls reschedule().
    if (next === null) return;
    this.setTimer(Math.min(Math.max(next - this.clock.now(), 0), this.maxSleepMs));
  }

  private setTimer(ms: number): void {
    this.clearTimer();
    this.wakeAt = this.clock.now() + ms;
    this.timer = this.timers.set(() => this.wake(), ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.wakeAt = null;
  }
}
