import { describe, expect, it } from 'vitest';
import { LABELS, labelBetween, type LabelParams, type LabelTable } from '../../main/identities/name-order';

/** The label table as a sorted array, counting how many rows each insert moved. */
class Labels implements LabelTable {
  readonly rows: { rid: number; label: number; key: string }[] = [];
  moved = 0;
  largestMove = 0;
  private nextRid = 1;

  constructor(private readonly p: LabelParams) {}

  between(lo: number, hi: number) {
    return this.rows.slice(this.firstAtLeast(lo), this.firstAtLeast(hi)).map(({ rid, label }) => ({ rid, label }));
  }
  count(lo: number, hi: number) {
    return this.firstAtLeast(hi) - this.firstAtLeast(lo);
  }
  move(moves: { rid: number; from: number; to: number }[]) {
    const rows = moves.map((m) => {
      const row = this.rows[this.firstAtLeast(m.from)]!;
      if (row.rid !== m.rid) throw new Error(`row ${m.rid} is not at label ${m.from}`);
      return row;
    });
    rows.forEach((row, i) => (row.label = moves[i]!.to));
    this.moved += moves.length;
    this.largestMove = Math.max(this.largestMove, moves.length);
  }

  private firstAtLeast(label: number): number {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]!.label < label) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(key: string): void {
    const at = this.rows.findIndex((r) => r.key > key);
    const i = at < 0 ? this.rows.length : at;
    const label = labelBetween(this.rows[i - 1]?.label ?? null, this.rows[i]?.label ?? null, this, this.p);
    this.rows.splice(i, 0, { rid: this.nextRid++, label, key });
  }

  expectInOrder(): void {
    const wrong = this.rows.filter(
      (r, i) => !Number.isInteger(r.label) || r.label < 0 || r.label >= this.p.universe || (i > 0 && r.label <= this.rows[i - 1]!.label),
    );
    expect(wrong).toEqual([]);
  }
}

const key = (n: number) => String(n).padStart(8, '0');
// A small space makes the respreading happen after a handful of inserts.
const SMALL: LabelParams = { universe: 2 ** 20, step: 8, spacing: 8, first: 2 ** 12, density: 1.25 };

describe('name-order labels', () => {
  it.each([
    ['in name order (an import sorted by name)', (i: number) => key(i)],
    ['in reverse name order', (i: number) => key(1_000_000 - i)],
    ['always at the same spot (before the previous one)', (i: number) => `m${key(1_000_000 - i)}`],
    ['alternating around one spot', (i: number) => (i % 2 ? `m${key(1_000_000 - i)}` : `m${key(i)}`)],
    ['in random order', (i: number) => key((i * 7_919) % 3_001)],
  ])('stay strictly increasing with names inserted %s', (_, keyOf) => {
    const t = new Labels(SMALL);
    t.insert('a');
    t.insert('z');
    for (let i = 0; i < 3_000; i++) t.insert(keyOf(i));
    t.expectInOrder();
    expect(t.rows.map((r) => r.key)).toEqual([...t.rows.map((r) => r.key)].sort());
  });

  it('move few rows per insert on average, even at one hot spot', () => {
    const t = new Labels(SMALL);
    t.insert('a');
    t.insert('z');
    for (let i = 0; i < 3_000; i++) t.insert(`m${key(1_000_000 - i)}`);
    t.expectInOrder();
    // Measured: 11.4 rows per insert, 1,851 at most, for 3,000 inserts at one spot.
    expect(t.moved / 3_000).toBeLessThan(20);
  });

  it('append and prepend a step apart, and split a gap in the middle', () => {
    const none: LabelTable = { between: () => [], count: () => 0, move: () => expect.fail('nothing to move') };
    expect(labelBetween(null, null, none)).toBe(LABELS.first);
    expect(labelBetween(1000, null, none)).toBe(1000 + LABELS.step);
    expect(labelBetween(null, 2 ** 40, none)).toBe(2 ** 40 - LABELS.step);
    expect(labelBetween(100, 200, none)).toBe(150);
    // Near the edges of the space, half the remaining gap instead of a step.
    expect(labelBetween(null, 10, none)).toBe(4);
    expect(labelBetween(LABELS.universe - 10, null, none)).toBe(LABELS.universe - 5);
  });

  it('refuse neighbours given out of order', () => {
    const none: LabelTable = { between: () => [], count: () => 0, move: () => undefined };
    expect(() => labelBetween(5, 5, none)).toThrow(/out of order/);
  });

  it('report a full space instead of breaking the order', () => {
    const tiny: LabelParams = { universe: 16, step: 1, spacing: 1, first: 8, density: 1.25 };
    const t = new Labels(tiny);
    expect(() => {
      for (let i = 0; i < 40; i++) t.insert(key(i));
    }).toThrow(/label space is full/);
    t.expectInOrder();
  });
});
