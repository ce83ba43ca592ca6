import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeFeed } from '../../../renderer/api/changeFeed';

describe('the change feed behind every query', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says a query is stale only when a table it reads was written after what it shows', () => {
    const feed = new ChangeFeed();
    const shown = feed.seq;
    feed.changed(['notes']);
    expect(feed.touched(['identities', 'identity_phones'], shown)).toBe(false);
    expect(feed.touched(['notes'], shown)).toBe(true);
    expect(feed.touched(undefined, shown)).toBe(true);
    // What it fetched after the change already includes it.
    expect(feed.touched(['notes'], feed.seq)).toBe(false);
  });

  it('tells its listeners once per burst, about 50 ms after the first change', () => {
    const feed = new ChangeFeed(50);
    const heard = vi.fn();
    feed.subscribe(heard);
    feed.changed(['identities']);
    vi.advanceTimersByTime(20);
    feed.changed(['identity_phones']);
    feed.changed(['identities']);
    expect(heard).not.toHaveBeenCalled();
    vi.advanceTimersByTime(30);
    expect(heard).toHaveBeenCalledTimes(1);
    feed.changed(['notes']);
    vi.advanceTimersByTime(50);
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('treats changes older than it keeps as touching everything', () => {
    const feed = new ChangeFeed();
    for (let i = 0; i < 1500; i++) feed.changed(['notes']);
    expect(feed.touched(['identities'], 0)).toBe(true);
    expect(feed.touched(['identities'], feed.seq - 1)).toBe(false);
  });
});
