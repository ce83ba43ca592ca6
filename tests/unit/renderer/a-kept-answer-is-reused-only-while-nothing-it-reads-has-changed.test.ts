import { describe, expect, it } from 'vitest';
import { ChangeFeed } from '../../../renderer/api/changeFeed';
import { QueryCache } from '../../../renderer/api/queryCache';

const SETTINGS = ['calendar_settings'];

describe('the answers kept across screens', () => {
  it('gives back a kept answer while nothing it reads has been written', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    cache.put('calendar.settings.get:{}', { zone: 'Asia/Tehran' }, SETTINGS, cache.mark());
    feed.changed(['notes', 'identities']);
    expect(cache.get('calendar.settings.get:{}')).toEqual({ data: { zone: 'Asia/Tehran' } });
    expect(cache.get('calendar.calendars.list:{}')).toBeUndefined();
  });

  it('drops a kept answer once a table it reads was written', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    cache.put('k', 1, SETTINGS, cache.mark());
    feed.changed(['calendar_settings']);
    expect(cache.get('k')).toBeUndefined();
    // Dropped for good: the change stays in the feed, and it is not kept again by itself.
    expect(cache.get('k')).toBeUndefined();
  });

  it('treats a change made while the question was on its way as making the answer stale', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    const asked = cache.mark();
    feed.changed(['calendar_settings']); // the answer may or may not include it
    cache.put('k', 'maybe old', SETTINGS, asked);
    expect(cache.get('k')).toBeUndefined();
    // Asked again after the change: kept.
    cache.put('k', 'new', SETTINGS, cache.mark());
    expect(cache.get('k')).toEqual({ data: 'new' });
  });

  it('keeps nothing across a reset: another user, or a connection that came back', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    const beforeReset = cache.mark();
    cache.put('k', 'admin view', SETTINGS, beforeReset);
    feed.reset();
    expect(cache.get('k')).toBeUndefined();
    // An answer to a question asked before the reset arrives after it: not kept either.
    cache.put('k', 'admin view, late', SETTINGS, beforeReset);
    expect(cache.get('k')).toBeUndefined();
  });

  it('does not let an older answer replace a newer one that arrived first', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    const first = cache.mark();
    feed.changed(['notes']);
    const second = cache.mark();
    cache.put('k', 'second', SETTINGS, second);
    cache.put('k', 'first', SETTINGS, first);
    expect(cache.get('k')).toEqual({ data: 'second' });
  });

  it('forgets an answer on request (a refetch asked for on purpose), and holds at most 100', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    cache.put('k', 1, SETTINGS, cache.mark());
    cache.forget('k');
    expect(cache.get('k')).toBeUndefined();

    for (let i = 0; i < 100; i++) cache.put(`q${i}`, i, SETTINGS, cache.mark());
    expect(cache.get('q0')).toEqual({ data: 0 }); // used: now the newest
    cache.put('q100', 100, SETTINGS, cache.mark());
    expect(cache.get('q1')).toBeUndefined(); // the least recently used went
    expect(cache.get('q0')).toEqual({ data: 0 });
    expect(cache.get('q100')).toEqual({ data: 100 });
  });

  it('sends a question asked early once, however often the page draws, and hands it over once', async () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    let sent = 0;
    let answer: (value: string) => void = () => {};
    const send = () => new Promise<string>((resolve) => ((sent += 1), (answer = resolve)));
    cache.ask('list', ['appointments'], send);
    cache.ask('list', ['appointments'], send);
    expect(sent).toBe(1);
    const taken = cache.take<string>('list');
    // Taken but not answered yet: drawing again while waiting sends nothing more, and a
    // second effect (a refetch) gets nothing to take and asks for itself.
    cache.ask('list', ['appointments'], send);
    expect(sent).toBe(1);
    expect(cache.take('list')).toBeUndefined();
    answer('the week');
    expect(await taken?.answer).toBe('the week');
    // Answered and taken: gone, so a later page asks anew.
    cache.ask('list', ['appointments'], send);
    expect(sent).toBe(2);
  });

  it('asks again when a table the early question reads is written before it is taken', () => {
    const feed = new ChangeFeed();
    const cache = new QueryCache(feed);
    let sent = 0;
    const send = () => new Promise<string>(() => void (sent += 1));
    cache.ask('list', ['appointments'], send);
    feed.changed(['identities']);
    expect(cache.take('list')).toBeDefined();
    cache.ask('other', ['appointments'], send);
    feed.changed(['appointments']);
    // Its answer may miss that write: not handed over, and a new question goes out.
    expect(cache.take('other')).toBeUndefined();
    cache.ask('other', ['appointments'], send);
    expect(sent).toBe(3);
    expect(cache.take('other')).toBeDefined();
  });
});
