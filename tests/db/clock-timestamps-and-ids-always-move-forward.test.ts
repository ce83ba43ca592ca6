import { describe, expect, it, vi } from 'vitest';
import { formatHlc, Hlc, parseHlc } from '../../db/hlc';
import { fixedClock } from '../../db/ids';

function uuidTime(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

describe('hybrid logical clock', () => {
  it('formats timestamps that sort as strings in time order', () => {
    expect(formatHlc(1742544000000, 0, 'dev')).toBe('001742544000000:000000:dev');
    expect(parseHlc('001742544000000:00000z:dev')).toEqual({ wall: 1742544000000, counter: 35, node: 'dev' });
    expect(formatHlc(9, 0, 'a') < formatHlc(10, 0, 'a')).toBe(true);
    expect(formatHlc(10, 35, 'a') < formatHlc(10, 36, 'a')).toBe(true);
    expect(() => parseHlc('not a timestamp')).toThrow(/invalid HLC/);
  });

  it('refuses a node id that would break the format', () => {
    expect(() => new Hlc('a:b', () => 0)).toThrow(/node id/);
    expect(() => new Hlc('', () => 0)).toThrow(/node id/);
    expect(() => new Hlc('0193f1a2-0000-7000-8000-000000000000', () => 0)).not.toThrow();
  });

  it('strictly increases while the wall clock moves, stands still and steps back', () => {
    const clock = fixedClock(1_000_000);
    const hlc = new Hlc('dev', clock.now);
    const seen: string[] = [hlc.tick()];
    const steps = [0, 0, 0, 5, 0, -100, -100_000, 0, 1, 200_000, -1, 0];
    let highest = clock.now();
    for (const s of steps) {
      clock.advance(s);
      highest = Math.max(highest, clock.now());
      seen.push(hlc.tick());
    }
    for (let i = 1; i < seen.length; i++) expect(seen[i]! > seen[i - 1]!, `${seen[i - 1]} < ${seen[i]}`).toBe(true);
    // Wall time never goes back and a new wall resets the counter.
    expect(parseHlc(seen[seen.length - 1]!).wall).toBe(highest);
    expect(highest).toBe(1_099_906);
    expect(parseHlc(seen[0]!).counter).toBe(0);
  });

  it('many ticks in the same millisecond stay ordered', () => {
    const hlc = new Hlc('dev', () => 42);
    let prev = hlc.tick();
    for (let i = 0; i < 5000; i++) {
      const next = hlc.tick();
      expect(next > prev).toBe(true);
      prev = next;
    }
    expect(parseHlc(prev).counter).toBe(5000);
  });

  it('receive moves past a remote timestamp from the future', () => {
    const clock = fixedClock(1000);
    const hlc = new Hlc('local', clock.now);
    hlc.tick();
    const remote = formatHlc(9_000, 7, 'remote');
    hlc.receive(remote);
    const next = hlc.tick();
    expect(next > remote).toBe(true);
    expect(parseHlc(next).wall).toBe(9_000);
  });

  it('receive of the same wall time moves past the larger counter', () => {
    const hlc = new Hlc('local', () => 5000);
    hlc.tick();
    hlc.tick(); // counter 1
    const remote = formatHlc(5000, 40, 'remote');
    hlc.receive(remote);
    const next = hlc.tick();
    expect(parseHlc(next).wall).toBe(5000);
    expect(parseHlc(next).counter).toBeGreaterThan(40);
  });

  it('receive of an old timestamp never moves the clock back', () => {
    const clock = fixedClock(50_000);
    const hlc = new Hlc('local', clock.now);
    const before = hlc.tick();
    hlc.receive(formatHlc(10, 999, 'remote'));
    const after = hlc.tick();
    expect(after > before).toBe(true);
    expect(parseHlc(after).wall).toBe(50_000);
  });

  it('receive when the local clock is ahead of both takes the local time', () => {
    const clock = fixedClock(1000);
    const hlc = new Hlc('local', clock.now);
    hlc.tick();
    clock.set(100_000);
    hlc.receive(formatHlc(2000, 3, 'remote'));
    const t = hlc.tick();
    expect(parseHlc(t).wall).toBe(100_000);
  });

  // The counter is six base-36 digits (db/hlc.ts), so receive keeps it as small as the
  // hybrid logical clock's rule allows: one past the larger counter only when the walls tie.
  it('receive sets the counter by the clock rule: one past the tied counter, one more for an old remote, zero when local time leads', () => {
    // Local wall and remote wall tie: one past the larger of the two counters.
    const tied = new Hlc('local', () => 5000);
    for (let i = 0; i < 10; i++) tied.tick(); // counter 9
    tied.receive(formatHlc(5000, 3, 'remote'));
    expect(parseHlc(tied.tick()).counter).toBe(11);

    // A remote from the future: its counter plus one, whatever the local counter was.
    const behind = new Hlc('local', () => 1000);
    for (let i = 0; i < 10; i++) behind.tick(); // counter 9
    behind.receive(formatHlc(9000, 7, 'remote'));
    expect(parseHlc(behind.tick())).toEqual({ wall: 9000, counter: 9, node: 'local' });

    // An old remote: the local counter moves by one, the remote counter is ignored.
    const ahead = new Hlc('local', () => 50_000);
    ahead.tick(); // counter 0
    ahead.receive(formatHlc(10, 999, 'remote'));
    expect(parseHlc(ahead.tick())).toEqual({ wall: 50_000, counter: 2, node: 'local' });

    // Local time has moved past both: a new wall, counter back to zero.
    const clock = fixedClock(1000);
    const moved = new Hlc('local', clock.now);
    moved.tick();
    clock.set(100_000);
    moved.receive(formatHlc(2000, 3, 'remote'));
    expect(parseHlc(moved.tick())).toEqual({ wall: 100_000, counter: 1, node: 'local' });
  });

  it('refuses a remote timestamp with anything before it or a second line after it', () => {
    expect(() => parseHlc('x001742544000000:000000:dev')).toThrow(/invalid HLC/);
    expect(() => parseHlc('001742544000000:000000:dev\nmore')).toThrow(/invalid HLC/);
  });

  it('rejects a malformed remote timestamp', () => {
    const hlc = new Hlc('local', () => 1);
    expect(() => hlc.receive('12:ab:x')).toThrow(/invalid HLC/);
  });
});

/**
 * The real clock, loaded afresh inside the test that reads it: it is made when db/ids.ts
 * loads, and a mutation run switches its mutant on only as the tests start.
 */
async function freshSystemClock() {
  vi.resetModules();
  return (await import('../../db/ids')).systemClock;
}

describe('ids', () => {
  it('systemClock makes UUIDv7 ids that sort in creation order', async () => {
    const systemClock = await freshSystemClock();
    const ids = Array.from({ length: 2000 }, () => systemClock.newId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const t = uuidTime(ids[0]!);
    expect(Math.abs(t - Date.now())).toBeLessThan(60_000);
  });

  it('systemClock tells the wall-clock time', async () => {
    const systemClock = await freshSystemClock();
    const before = Date.now();
    const now = systemClock.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('fixedClock ids carry the clock time, are unique in one millisecond and ordered as time advances', () => {
    const clock = fixedClock(1_742_544_000_000);
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      ids.push(clock.newId(), clock.newId());
      clock.advance(i % 3);
    }
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidTime(ids[0]!)).toBe(1_742_544_000_000);
    expect(clock.now()).toBe(1_742_544_000_000 + 49);
  });

  it('fixedClock only moves when told', () => {
    const clock = fixedClock(10);
    expect(clock.now()).toBe(10);
    expect(clock.now()).toBe(10);
    clock.advance(5);
    expect(clock.now()).toBe(15);
    clock.set(3);
    expect(clock.now()).toBe(3);
  });
});
