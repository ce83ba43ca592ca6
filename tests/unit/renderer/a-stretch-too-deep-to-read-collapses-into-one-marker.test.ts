import { describe, expect, it } from 'vitest';
import { collapseLanes, layoutDay, type Placed } from '../../../renderer/features/calendar/calendarGrid';
import { MIN_READABLE_LANE_PX, lanesThatFit } from '../../../renderer/features/calendar/views/shownText';

/** `n` items that all overlap, starting a minute apart from `from` (minutes after midnight), an hour each. */
const deep = (name: string, n: number, from: number) => Array.from({ length: n }, (_, i) => ({ item: `${name}${i}`, top: from + i, bottom: from + i + 60 }));

/** Each item is drawn or in exactly one marker: none lost, none twice. */
function expectEachOnce(items: string[], out: ReturnType<typeof collapseLanes<string>>) {
  const seen = [...out.drawn.map((p) => p.item), ...out.markers.flatMap((m) => m.hidden)];
  expect([...seen].sort()).toEqual([...items].sort());
}

describe('a stretch of a day too deep to read', () => {
  it('gets as many lanes as fit readably in its column, and at least one', () => {
    expect(lanesThatFit(MIN_READABLE_LANE_PX * 3)).toBe(3);
    expect(lanesThatFit(MIN_READABLE_LANE_PX * 3 - 1)).toBe(2);
    expect(lanesThatFit(10)).toBe(1);
    expect(lanesThatFit(0)).toBe(1);
  });

  it('leaves clusters that fit untouched', () => {
    const placed = layoutDay([...deep('a', 3, 600), ...deep('b', 1, 900)]);
    const out = collapseLanes(placed, 3);
    expect(out.markers).toEqual([]);
    expect(out.drawn).toEqual(placed);
  });

  it('draws the first lanes as they are and puts the rest into one marker in the last lane', () => {
    const items = deep('a', 12, 600);
    const out = collapseLanes(layoutDay(items), 4);
    expect(out.drawn.map((p) => p.column).sort()).toEqual([0, 1, 2]);
    for (const p of out.drawn) expect(p.columns).toBe(4);
    expect(out.markers).toHaveLength(1);
    const marker = out.markers[0]!;
    expect(marker.column).toBe(3);
    expect(marker.columns).toBe(4);
    expect(marker.hidden).toHaveLength(9);
    // Its span covers every item it hides, and no more.
    const hidden = items.filter((x) => marker.hidden.includes(x.item));
    expect(marker.top).toBe(Math.min(...hidden.map((x) => x.top)));
    expect(marker.bottom).toBe(Math.max(...hidden.map((x) => x.bottom)));
    expectEachOnce(items.map((x) => x.item), out);
  });

  it('gives two separate deep clusters a marker each, and loses or repeats no item', () => {
    const items = [...deep('a', 8, 480), ...deep('b', 5, 720), ...deep('c', 2, 900)];
    const out = collapseLanes(layoutDay(items), 2);
    expect(out.markers.map((m) => m.hidden.length)).toEqual([7, 4]);
    expect(out.markers[0]!.hidden.every((x) => x.startsWith('a'))).toBe(true);
    expect(out.markers[1]!.hidden.every((x) => x.startsWith('b'))).toBe(true);
    // The pair fits in two lanes: drawn as it was.
    expect(out.drawn.filter((p) => p.item.startsWith('c')).map((p) => p.columns)).toEqual([2, 2]);
    expectEachOnce(items.map((x) => x.item), out);
  });

  it('draws no two items in the same lane at the same time, nor over a marker', () => {
    // A crowded day of chained overlaps, as the bench week has.
    const items = Array.from({ length: 300 }, (_, i) => ({ item: `x${i}`, top: 480 + ((i * 37) % 540), bottom: 480 + ((i * 37) % 540) + 30 + ((i * 13) % 90) }));
    for (const lanes of [1, 2, 3, 5]) {
      const out = collapseLanes(layoutDay(items), lanes);
      expectEachOnce(items.map((x) => x.item), out);
      const boxes: Pick<Placed<string>, 'top' | 'bottom' | 'column' | 'columns'>[] = [...out.drawn, ...out.markers];
      for (const a of boxes) {
        expect(a.column).toBeLessThan(lanes);
        for (const b of boxes) {
          if (a === b || a.column !== b.column) continue;
          expect(a.bottom <= b.top || b.bottom <= a.top).toBe(true);
        }
      }
      for (const m of out.markers) expect(m.hidden.length).toBeGreaterThan(1);
    }
  });
});
