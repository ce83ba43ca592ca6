/**
 * Answers kept across screens, so a page opened a second time (or a second component asking
 * the same thing) shows what it needs at its first render instead of waiting a round trip
 * for lookups that rarely change: settings, the calendar list, the organisation.
 *
 * A kept answer is used only while it is still true: nothing was written to a table it
 * reads since it was asked for, and there was no reset (reconnect, another user signed
 * in). The change feed decides both (docs/architecture.md, "How a request flows").
 * Only queries that name their `reads` may be kept: without them any change is a reason
 * to ask again, and a cache would hide that.
 */
import type { ChangeFeed } from './changeFeed';

/** Kept answers at most; the oldest used goes first. Lookups are few; this is a guard. */
const MAX_KEPT = 100;

/** When an answer was asked for: the feed's position then. */
export interface FeedMark {
  seq: number;
  epoch: number;
}

interface Kept {
  data: unknown;
  reads: readonly string[];
  at: FeedMark;
}

export class QueryCache {
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly feed: ChangeFeed) {}

  /** The feed's position now: take it when the question is sent, not when the answer comes. */
  mark(): FeedMark {
    return { seq: this.feed.seq, epoch: this.feed.epoch };
  }

  /** The kept answer for `key`, if nothing it reads has changed since it was asked for. */
  get(key: string): { data: unknown } | undefined {
    const k = this.kept.get(key);
    if (!k) return undefined;
    if (k.at.epoch !== this.feed.epoch || this.feed.touched(k.reads, k.at.seq)) {
      this.kept.delete(key);
      return undefined;
    }
    // Most recently used goes last, so the first in the map is the one to drop.
    this.kept.delete(key);
    this.kept.set(key, k);
    return { data: k.data };
  }

  /**
   * Keeps `data` as the answer for `key`, asked for at `at`. An answer asked before a
   * reset is not kept (it may be another user's view), nor one older than what is kept.
   */
  put(key: string, data: unknown, reads: readonly string[], at: FeedMark): void {
    if (at.epoch !== this.feed.epoch) return;
    const old = this.kept.get(key);
    if (old && old.at.epoch === at.epoch && old.at.seq > at.seq) return;
    this.kept.delete(key);
    this.kept.set(key, { data, reads, at });
    if (this.kept.size > MAX_KEPT) this.kept.delete(this.kept.keys().next().value as string);
  }

  forget(key: string): void {
    this.kept.delete(key);
  }
}
