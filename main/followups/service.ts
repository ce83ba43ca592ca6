import { forbidden, notFound } from '../api/errors';
import { jalaliToUtc, startOfZoneDay, type JalaliWallTime } from '../api/jalali-input';
import type { Store, Writer } from '../../db/writer';
import type { UserRef } from '../organisation/schema';
import type { TimelineSource } from '../api/capability';
import type { ItemRef, ItemRegistry } from '../api/items';
import type { FollowUp, FollowUpAgenda, FollowUpEntryData } from './schema';
import { FollowUpStore, type FollowUpRow } from './store';

/** Each list of the widget shows at most this many; the rest wait until these are handled. */
const AGENDA_LIMIT = 50;

/**
 * Follow-ups on any item: a note, the next date, done or not. Each belongs to the person
 * who wrote it; everyone who may see the item sees its follow-ups.
 */
export class FollowUpService {
  readonly rows: FollowUpStore;

  constructor(
    private readonly store: Store,
    private readonly items: ItemRegistry,
    private readonly userRef: (id: string | null) => UserRef | null,
    private readonly zone: () => string,
  ) {
    this.rows = new FollowUpStore(store);
  }

  create(input: { item: ItemRef; note: string; next?: JalaliWallTime | undefined }, userId: string | null): FollowUp {
    const me = requireUser(userId);
    const next = input.next ? this.instant(input.next) : null;
    const id = this.store.write(me, (w) => this.attach(w, { item: input.item, note: input.note, next }, me));
    return this.get(id);
  }

  /**
   * A follow-up written as part of another capability's action (a logged call's "follow up
   * tomorrow"), in that action's transaction; the same checks as `create`.
   */
  attach(w: Writer, input: { item: ItemRef; note: string; next: { at: number; hasTime: boolean } | null }, ownerId: string): string {
    this.items.requireExisting(input.item, ownerId);
    return w.insert('followups', {
      owner_id: ownerId,
      item_kind: input.item.kind,
      item_id: input.item.id,
      identity_id: this.items.identityOf(input.item),
      note: input.note,
      next_at: input.next?.at ?? null,
      next_time: input.next?.hasTime ? 1 : 0,
      done: 0,
    });
  }

  update(
    input: { id: string; note?: string | undefined; next?: JalaliWallTime | null | undefined; done?: boolean | undefined },
    userId: string | null,
  ): FollowUp {
    const me = requireUser(userId);
    const next = input.next ? this.instant(input.next) : null;
    this.store.write(me, (w) => {
      const row = this.rows.get(input.id);
      // Another person's follow-up is theirs to change.
      if (!row || row.owner_id !== me) throw notFound('followup.notFound');
      w.update('followups', row.id, {
        ...(input.note !== undefined ? { note: input.note } : {}),
        ...(input.next !== undefined ? { next_at: next?.at ?? null, next_time: next?.hasTime ? 1 : 0 } : {}),
        ...(input.done !== undefined
          ? { done: input.done ? 1 : 0, done_at: input.done ? (row.done_at ?? this.store.clock.now()) : null }
          : {}),
      });
    });
    return this.get(input.id);
  }

  get(id: string): FollowUp {
    const row = this.rows.get(id);
    if (!row) throw notFound('followup.notFound');
    return this.toFollowUp(row);
  }

  forItem(item: ItemRef, userId: string | null): FollowUp[] {
    const me = requireUser(userId);
    this.items.requireExisting(item, me);
    return this.rows.forItem(item).map((r) => this.toFollowUp(r));
  }

  /**
   * The caller's open follow-ups: overdue (its day or time has passed), today, tomorrow, and
   * without a date. Days are the office zone's days.
   */
  agenda(userId: string | null): FollowUpAgenda {
    const me = requireUser(userId);
    const now = this.store.clock.now();
    const tomorrow = startOfZoneDay(now, this.zone(), 1);
    const dayAfter = startOfZoneDay(now, this.zone(), 2);
    const map = (rows: FollowUpRow[]) => rows.map((r) => this.toFollowUp(r));
    return {
      overdue: map(this.rows.dueBetween(me, null, now, AGENDA_LIMIT)),
      today: map(this.rows.dueBetween(me, now, tomorrow, AGENDA_LIMIT)),
      tomorrow: map(this.rows.dueBetween(me, tomorrow, dayAfter, AGENDA_LIMIT)),
      undated: map(this.rows.undated(me, AGENDA_LIMIT)),
    };
  }

  /** Follow-ups on an identity or on its items, in its history (kind `followup`). */
  timelineSource(): TimelineSource {
    return {
      kind: 'followup',
      page: (identityId, before, limit) =>
        this.rows.forIdentity(identityId, before, limit).map((r) => {
          const f = this.toFollowUp(r);
          const data: FollowUpEntryData = {
            followupId: f.id,
            item: f.item,
            itemTitle: f.item.id === identityId ? null : f.title,
            note: f.note,
            next: f.next,
            done: f.done,
          };
          return { kind: 'followup', key: r.id, at: r.created_at, actorId: r.owner_id, data };
        }),
    };
  }

  toFollowUp(r: FollowUpRow): FollowUp {
    const item = { kind: r.item_kind, id: r.item_id };
    const described = this.items.describe(item);
    return {
      id: r.id,
      item,
      title: described?.title ?? null,
      link: described?.link ?? null,
      note: r.note,
      next: r.next_at === null ? null : { at: r.next_at, hasTime: r.next_time === 1 },
      done: r.done === 1,
      doneAt: r.done_at,
      owner: this.userRef(r.owner_id) ?? { id: r.owner_id, displayName: '—' },
      createdAt: r.created_at,
    };
  }

  private instant(w: JalaliWallTime): { at: number; hasTime: boolean } {
    return { at: jalaliToUtc(w, this.zone()), hasTime: w.time !== null };
  }
}

function requireUser(userId: string | null): string {
  if (!userId) throw forbidden();
  return userId;
}
