import { ApiError, forbidden, invalid, notFound } from '../api/errors';
import { jalaliToUtc, type JalaliWallTime } from '../api/jalali-input';
import type { Store } from '../../db/writer';
import type { ItemRef, ItemRegistry } from '../api/items';
import { WindowPresence } from './presence';
import type { DueItems } from './scheduler';
import type { Reminder } from './schema';
import { ReminderStore, type ReminderRow } from './store';

/** Fired this much after its time, a reminder is marked late (the popup says so). */
export const LATE_AFTER_MS = 60_000;

/** What other capabilities may ask of reminders (the task cartable's yellow rows). */
export interface ReminderFacts {
  /** Ids among `ids` (items of `kind`) on which the owner has a reminder whose time has come. */
  passed(ownerId: string, kind: string, ids: readonly string[]): Set<string>;
}

/**
 * Reminders on any item: created for a day and time, fired once by the scheduler, shown
 * until handled (snooze, dismiss). Only the owner sees or handles a reminder.
 */
export class ReminderService implements DueItems<Reminder>, ReminderFacts {
  readonly rows: ReminderStore;
  /** Which windows a person is looking at (for the native-notification decision). */
  readonly presence: WindowPresence;

  constructor(
    private readonly store: Store,
    private readonly items: ItemRegistry,
    private readonly zone: () => string,
  ) {
    this.rows = new ReminderStore(store);
    this.presence = new WindowPresence(() => store.clock.now());
  }

  create(input: { item: ItemRef; at: JalaliWallTime; note?: string | undefined }, ownerId: string | null): Reminder {
    const dueAt = this.futureInstant(input.at, ['at']);
    return this.createAt({ item: input.item, dueAt, note: input.note }, ownerId);
  }

  /** A reminder at an exact instant (what `create` does once the typed time is read). */
  createAt(input: { item: ItemRef; dueAt: number; note?: string | undefined }, ownerId: string | null): Reminder {
    const owner = requireUser(ownerId);
    const id = this.store.write(owner, (w) => {
      this.items.requireExisting(input.item, owner);
      return w.insert('reminders', {
        owner_id: owner,
        item_kind: input.item.kind,
        item_id: input.item.id,
        note: input.note || null,
        due_at: input.dueAt,
        state: 'pending',
        late: 0,
      });
    });
    return this.get(id, owner);
  }

  get(id: string, ownerId: string | null): Reminder {
    return this.toReminder(this.owned(id, ownerId));
  }

  snooze(input: { id: string; minutes?: number | undefined; until?: JalaliWallTime | undefined }, ownerId: string | null): Reminder {
    const owner = requireUser(ownerId);
    const dueAt = input.until ? this.futureInstant(input.until, ['until']) : this.store.clock.now() + (input.minutes ?? 0) * 60_000;
    this.store.write(owner, (w) => {
      const row = this.owned(input.id, owner);
      if (row.state === 'dismissed') throw new ApiError('conflict', 'reminder.handled');
      w.update('reminders', row.id, { due_at: dueAt, state: 'pending', fired_at: null, late: 0 });
    });
    return this.get(input.id, owner);
  }

  dismiss(id: string, ownerId: string | null): Reminder {
    const owner = requireUser(ownerId);
    this.store.write(owner, (w) => {
      const row = this.owned(id, owner);
      w.update('reminders', row.id, { state: 'dismissed' });
    });
    return this.get(id, owner);
  }

  remove(id: string, ownerId: string | null): { id: string } {
    const owner = requireUser(ownerId);
    this.store.write(owner, (w) => {
      this.owned(id, owner);
      w.softDelete('reminders', id);
    });
    return { id };
  }

  /** The popups to show now: fired and not yet handled (they survive a restart). */
  active(ownerId: string | null): Reminder[] {
    return this.rows.fired(requireUser(ownerId)).map((r) => this.toReminder(r));
  }

  list(ownerId: string | null, item: ItemRef | null): Reminder[] {
    return this.rows.open(requireUser(ownerId), item).map((r) => this.toReminder(r));
  }

  passed(ownerId: string, kind: string, ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    return new Set(this.rows.passed(ownerId, kind, ids, this.store.clock.now()));
  }

  nextDueAt(): number | null {
    return this.rows.nextDueAt();
  }

  /**
   * Moves due reminders from pending to fired in one transaction; the read and the write
   * are one step, so a reminder fires once even if two wakes race or the clock steps back.
   */
  fireDue(now: number, startedAt: number, limit: number): Reminder[] {
    const fired = this.store.write(null, (w) => {
      const rows = this.rows.due(now, limit);
      for (const r of rows) {
        r.state = 'fired';
        r.fired_at = now;
        r.late = r.due_at < startedAt || now - r.due_at > LATE_AFTER_MS ? 1 : 0;
        w.update('reminders', r.id, { state: 'fired', fired_at: now, late: r.late });
      }
      return rows;
    });
    return fired.map((r) => this.toReminder(r));
  }

  private owned(id: string, ownerId: string | null): ReminderRow {
    const row = this.rows.get(id);
    // Someone else's reminder is answered as missing: its existence is not theirs to know.
    if (!row || row.owner_id !== ownerId) throw notFound('reminder.notFound');
    return row;
  }

  private futureInstant(at: JalaliWallTime, path: string[]): number {
    const ms = jalaliToUtc(at, this.zone());
    if (ms <= this.store.clock.now()) throw invalid('reminder.inPast', [{ path, key: 'reminder.inPast' }]);
    return ms;
  }

  private toReminder(r: ReminderRow): Reminder {
    const item = { kind: r.item_kind, id: r.item_id };
    const described = this.items.describe(item);
    return {
      id: r.id,
      ownerId: r.owner_id,
      item,
      title: described?.title ?? null,
      link: described?.link ?? null,
      note: r.note,
      dueAt: r.due_at,
      state: r.state,
      firedAt: r.fired_at,
      late: r.late === 1,
    };
  }
}

function requireUser(userId: string | null): string {
  if (!userId) throw forbidden();
  return userId;
}
