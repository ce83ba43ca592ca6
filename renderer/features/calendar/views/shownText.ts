/**
 * Which week-view items draw their text. Every item is always in the page (its box, colour,
 * role, aria-label and tab stop: keyboard and assistive tech reach every one), but laying
 * out and painting text is what a crowded week costs (for ~1,800 items, nine tenths of a
 * frame; boxes without text take a tenth). So an item writes its start time and subject only
 * where a person can see them: inside the scrolled-to hours (with a margin, so a short
 * scroll finds them already drawn) and in a lane wide enough for a glyph of it.
 * Pure: positions in px of the hours grid, no DOM.
 */

/** Px drawn above and below the scrolled-to hours, so a short scroll finds text already there. */
export const OVERSCAN_PX = 360;
/** The band moves in steps of this many px, so scrolling re-renders now and then, not per pixel. */
export const BAND_STEP_PX = 120;
/**
 * A lane narrower than this shows no text: an item's box takes 13 px of borders and padding
 * (see the item styles), so below 20 px less than one digit of it would show.
 */
export const MIN_TEXT_LANE_PX = 20;

/**
 * A lane narrower than this is not readable: a stretch of a day that needs more lanes than
 * fit at this width collapses into one "+N" marker (collapseLanes in calendarGrid.ts). 40,
 * not 48: at 1024 px a week column is about 88 px, and two overlapping meetings, the common
 * case, should stay two boxes there rather than become "+2". At 40 px, after the box's 13 px
 * of borders and padding, a start time in Persian digits fits; in Latin digits its last
 * digit is cut ("09:…"), and the whole label is in the tooltip and the aria-label.
 */
export const MIN_READABLE_LANE_PX = 40;

/** How many lanes a day column `columnPx` wide draws side by side: at least one. */
export function lanesThatFit(columnPx: number): number {
  return Math.max(1, Math.floor(columnPx / MIN_READABLE_LANE_PX));
}

export interface Band {
  top: number;
  bottom: number;
}

/** The hours (px from the grid's top) that get text, for a scroller at `scrollTop` showing `height` px. */
export function textBand(scrollTop: number, height: number): Band {
  const top = Math.max(0, Math.floor((scrollTop - OVERSCAN_PX) / BAND_STEP_PX) * BAND_STEP_PX);
  const bottom = Math.ceil((scrollTop + height + OVERSCAN_PX) / BAND_STEP_PX) * BAND_STEP_PX;
  return { top, bottom };
}

/** Does an item at `y` (px), `h` high, in a lane `lanePx` wide, draw its text? */
export function showsText(y: number, h: number, lanePx: number, band: Band): boolean {
  return lanePx >= MIN_TEXT_LANE_PX && y < band.bottom && y + h > band.top;
}
