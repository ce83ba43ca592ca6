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
 *
 * It also holds questions asked early: an `early` query sends its question while its page
 * is first being drawn (a crowded page takes tens of ms to mount, and its effects, where a
 * query would normally ask, run only after that), and its effect then takes that question
 * over instead of asking again (ask / take).
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

interface Asked {
  at: FeedMark;
  reads: readonly string[] | undefined;
  answer: Promise<unknown>;
  /** An effect has taken it over (only one may). */
  taken: boolean;
  settled: boolean;
}

export class QueryCache {
  private readonly kept = new Map<string, Kept>();
  private readonly asking = new Map<string, Asked>();

  constructor(private readonly feed: ChangeFeed) {}

  /** The feed's position now: take it when the question is sent, not when the answer comes. */
  mark(): FeedMark {
    return { seq: this.feed.seq, epoch: this.feed.epoch };
  }

  /**
   * Sends the question for `key` now, unless one that is still valid (asked since nothing it
   * reads changed) is already on its way or waiting to be taken. Safe to call on every render.
   */
  ask(key: string, reads: readonly string[] | undefined, send: () => Promise<unknown>): void {
    const old = this.asking.get(key);
    if (old && this.stillTrue(old.at, old.reads)) return;
    const asked: Asked = { at: this.mark(), reads, answer: send(), taken: false, settled: false };
    const settle = () => {
      asked.settled = true;
      if (asked.taken && this.asking.get(key) === asked) this.asking.delete(key);
    };
    asked.answer.then(settle, settle);
    this.asking.delete(key);
    this.asking.set(key, asked);
    // A page drawn and then abandoned never takes its questions: the oldest go.
    if (this.asking.size > MAX_KEPT) this.asking.delete(this.asking.keys().next().value as string);
  }

  /** The question `ask` sent for `key`, if still valid and not yet taken: handed over once. */
  take<T>(key: string): { at: FeedMark; answer: Promise<T> } | undefined {
    const asked = this.asking.get(key);
    if (!asked || asked.taken || !this.stillTrue(asked.at, asked.reads)) return undefined;
    asked.taken = true;
    if (asked.settled) this.asking.delete(key);
    return { at: asked.at, answer: asked.answer as Promise<T> };
  }

  private stillTrue(at: FeedMark, reads: readonly string[] | undefined): boolean {
    return at.epoch === this.feed.epoch && !this.feed.touched(reads, at.seq);
  }

  /** The kept answer for `key`, if nothing it reads has changed since it was asked for. */
  get(key: string): { data: unknown } | undefined {
    const k = this.kept.get(key);
    if (!k) return undefined;
    if (!this.stillTrue(k.at, k.reads)) {
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
