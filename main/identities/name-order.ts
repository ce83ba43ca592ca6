/**
 * Name-order labels: every listed identity has an integer label, and labels increase with
 * (sort key, id). The search index uses the label as its rowid, so the index hands out hits
 * already in name order and a page stops after `limit` hits, however many rows match.
 *
 * A new row takes a label between its neighbours'. When two neighbours are adjacent
 * integers, a few rows around them are spread out again ("order maintenance", after Bender,
 * Cole, Demaine, Farach-Colton and Zito, "Two simplified algorithms for maintaining order in
 * a list", 2002): the smallest aligned label range around the spot whose density is at most
 * DENSITY^-j (j = log2 of its size) is relabelled evenly. That keeps the amortised cost to a
 * few rows per insert; a store grown one row at a time from empty will now and then respread
 * a large range (measured: docs/… see tests/identities/name-order…).
 *
 * A rebuild (an import, a migration) packs labels 2^12 apart: the search index stores rowid
 * deltas, and close labels keep it small (measured at 1M identities: 56 MB for the words
 * index with consecutive labels, 82 MB 2^8 apart, twice that 2^16 apart). SPACING and
 * DENSITY are chosen together so a rebuilt store meets every density bound up to about 40
 * million rows (DENSITY^j <= SPACING for every level j that spans rows). Rows added at either
 * end step 2^28 away, so a store grown one row at a time from empty starts with wide gaps
 * (simulated with the bench's 100,000 names: 0.27 rows moved per insert, against 1.4 with
 * 2^12 steps).
 */

export interface LabelParams {
  /** Labels are integers in [0, universe); 2^52 keeps them exact as JavaScript numbers. */
  universe: number;
  /** Gap left after the last row and before the first. */
  step: number;
  /** Gap between rows after a rebuild. */
  spacing: number;
  /** The label of the first row of an empty list, and of the first row after a rebuild. */
  first: number;
  /** The density bound's base: a range of 2^j labels holds at most 2^j / density^j rows. */
  density: number;
}

export const LABELS: LabelParams = { universe: 2 ** 52, step: 2 ** 28, spacing: 2 ** 12, first: 2 ** 51, density: 1.25 };

export interface LabelledRow {
  rid: number;
  label: number;
}

/** Where the labels live: the store's table, or an array in a test. */
export interface LabelTable {
  /** Rows whose label is in [lo, hi), in label order. */
  between(lo: number, hi: number): LabelledRow[];
  count(lo: number, hi: number): number;
  /** Gives rows new labels, all at once (a new label may be another moved row's old one). */
  move(moves: { rid: number; from: number; to: number }[]): void;
}

/**
 * The label for a row going right after the row labelled `prev` and right before the row
 * labelled `next` (null at either end of the list). Relabels other rows through `table`
 * when there is no free integer between the two.
 */
export function labelBetween(prev: number | null, next: number | null, table: LabelTable, p: LabelParams = LABELS): number {
  if (prev !== null && next !== null && !(prev < next)) throw new Error(`labels out of order: ${prev} >= ${next}`);
  const low = prev ?? -1;
  const high = next ?? p.universe;
  if (high - low >= 2) {
    const middle = low + Math.floor((high - low) / 2);
    if (prev === null && next === null) return p.first;
    // At the ends, step instead of halving: rows appended in name order (an import sorted
    // by name, many people of one name) would otherwise use up the space in 52 steps.
    if (prev === null) return next! - p.step > low ? next! - p.step : middle;
    if (next === null) return prev + p.step < high ? prev + p.step : middle;
    return middle;
  }
  return respread(prev, next, table, p);
}

function respread(prev: number | null, next: number | null, table: LabelTable, p: LabelParams): number {
  const anchor = prev ?? next!;
  for (let size = 2; size <= p.universe; size *= 2) {
    const lo = Math.floor(anchor / size) * size;
    const hi = lo + size;
    const j = Math.log2(size);
    const rows = table.count(lo, hi) + 1;
    if (rows > size / p.density ** j) continue;
    const current = table.between(lo, hi);
    // The new row's place among them: after every row up to prev (none when it goes first).
    const at = prev === null ? 0 : current.filter((r) => r.label <= prev).length;
    const spread = current.length + 1;
    const labelAt = (i: number) => lo + Math.floor((size / (2 * spread)) * (2 * i + 1));
    const moves: { rid: number; from: number; to: number }[] = [];
    current.forEach((r, i) => {
      const to = labelAt(i < at ? i : i + 1);
      if (to !== r.label) moves.push({ rid: r.rid, from: r.label, to });
    });
    const label = labelAt(at);
    // Never expected (the spacing is at least density^j), but a wrong order would be silent.
    for (let i = 1; i < spread; i++) if (!(labelAt(i) > labelAt(i - 1))) throw new Error('label respread lost the order');
    table.move(moves);
    return label;
  }
  throw new Error('the label space is full');
}
