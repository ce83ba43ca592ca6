import { describe, expect, it } from 'vitest';
import { BAND_STEP_PX, MIN_TEXT_LANE_PX, OVERSCAN_PX, showsText, textBand } from '../../../renderer/features/calendar/views/shownText';
import { layoutDay } from '../../../renderer/features/calendar/calendarGrid';

describe('the week view draws an item’s text', () => {
  it('in the scrolled-to hours and a margin around them, in steps, not beyond', () => {
    const band = textBand(1000, 400);
    expect(band.top).toBeLessThanOrEqual(1000 - OVERSCAN_PX);
    expect(band.bottom).toBeGreaterThanOrEqual(1400 + OVERSCAN_PX);
    expect(band.top % BAND_STEP_PX).toBe(0);
    expect(band.bottom % BAND_STEP_PX).toBe(0);
    // A scroll of a few px keeps the band (no re-render per pixel).
    expect(textBand(1003, 400)).toEqual(band);
    expect(textBand(0, 400).top).toBe(0);
    expect(showsText(1200, 30, 100, band)).toBe(true);
    expect(showsText(band.bottom, 30, 100, band)).toBe(false);
    expect(showsText(band.top - 30, 30, 100, band)).toBe(false);
    // An item reaching into the band from above is drawn.
    expect(showsText(band.top - 20, 30, 100, band)).toBe(true);
  });

  it('only in lanes wide enough to show some of it', () => {
    const band = textBand(0, 500);
    expect(showsText(10, 30, MIN_TEXT_LANE_PX, band)).toBe(true);
    expect(showsText(10, 30, MIN_TEXT_LANE_PX - 1, band)).toBe(false);
  });
});

describe('a crowded day', () => {
  it('puts hundreds of overlapping items in side-by-side lanes, each lane free where its item sits', () => {
    const items = Array.from({ length: 400 }, (_, i) => ({ item: i, top: 480 + ((i * 37) % 480), bottom: 480 + ((i * 37) % 480) + 30 + ((i * 13) % 60) }));
    const placed = layoutDay(items);
    expect(placed).toHaveLength(400);
    for (const a of placed) {
      for (const b of placed) {
        if (a === b || a.column !== b.column) continue;
        expect(a.bottom <= b.top || b.bottom <= a.top).toBe(true);
      }
      expect(a.column).toBeLessThan(a.columns);
    }
    // Items that touch nothing else stand alone in one lane.
    expect(layoutDay([{ item: 'a', top: 0, bottom: 30 }, { item: 'b', top: 30, bottom: 60 }]).map((p) => [p.column, p.columns])).toEqual([[0, 1], [0, 1]]);
  });
});
