/**
 * Busy time and free slots, as pure interval arithmetic: which occurrences of a new
 * appointment clash with busy time, and where the next free slots of the same length are
 * within working hours (weekend days and days off skipped).
 */
import { addDays, dateOf, startOfDay, toUtc, weekdayOf, parseDate } from '../api/zoned-time';

export interface Interval {
  start: number;
  end: number;
}

/** Half-open intervals: a meeting ending at 11:00 does not clash with one starting at 11:00. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Sorted, disjoint union of the intervals. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** Whether `i` overlaps any interval of a sorted, disjoint list (binary search). */
export function hitsAny(merged: readonly Interval[], i: Interval): boolean {
  let lo = 0;
  let hi = merged.length;
  // First interval whose end is after i.start.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (merged[mid]!.end <= i.start) lo = mid + 1;
    else hi = mid;
  }
  const m = merged[lo];
  return m !== undefined && m.start < i.end;
}

export interface WorkingTime {
  zone: string;
  /** 0 = Sunday … 6 = Saturday; Friday (5) by default. */
  weekendDays: readonly number[];
  /** Minutes after midnight, e.g. 8:00 = 480. */
  startMinute: number;
  endMinute: number;
  /** Dates (YYYY-MM-DD) that are days off: official holidays, closures. */
  daysOff: ReadonlySet<string>;
}

export function isWorkingDay(date: string, w: WorkingTime): boolean {
  return !w.weekendDays.includes(weekdayOf(date)) && !w.daysOff.has(date);
}

export interface SlotSearch {
  /** The series to place: every occurrence moves by the same amount. The first is the anchor. */
  occurrences: readonly Interval[];
  /** Busy time of the room and mandatory attendees, sorted and disjoint (mergeIntervals). */
  busy: readonly Interval[];
  working: WorkingTime;
  /** No proposal starts before this (the requested start, or now). */
  notBefore: number;
  count?: number;
  stepMinutes?: number;
  horizonDays?: number;
  /** Rules pinned to weekdays or month days cannot move to another day. */
  sameDayOnly?: boolean;
  /** All-day items move by whole days. */
  allDay?: boolean;
}

/**
 * The next `count` free slots for the anchor occurrence, earliest first and not
 * overlapping each other, on the wall clock of the working zone in steps of `stepMinutes`.
 */
export function nextFreeSlots(s: SlotSearch): Interval[] {
  const anchor = s.occurrences[0];
  if (!anchor) return [];
  const count = s.count ?? 3;
  const step = (s.stepMinutes ?? 15) * 60_000;
  const horizon = s.sameDayOnly ? 1 : (s.horizonDays ?? 60);
  const length = anchor.end - anchor.start;
  const w = s.working;
  const free = (start: number) =>
    s.occurrences.every((o) => !hitsAny(s.busy, { start: o.start + start - anchor.start, end: o.end + start - anchor.start }));
  const found: Interval[] = [];
  const firstDay = dateOf(s.sameDayOnly ? anchor.start : Math.max(s.notBefore, anchor.start), w.zone);
  for (let d = 0; d < horizon && found.length < count; d += 1) {
    const date = addDays(firstDay, d);
    if (!isWorkingDay(date, w)) continue;
    if (s.allDay) {
      const start = startOfDay(date, w.zone);
      if (start >= s.notBefore && free(start)) found.push({ start, end: start + length });
      continue;
    }
    const day = parseDate(date)!;
    const open = toUtc({ ...day, hour: Math.floor(w.startMinute / 60), minute: w.startMinute % 60 }, w.zone);
    const close = toUtc({ ...day, hour: Math.floor(w.endMinute / 60), minute: w.endMinute % 60 }, w.zone);
    let t = open;
    while (t < s.notBefore) t += step;
    while (t + length <= close && found.length < count) {
      const last = found[found.length - 1];
      if ((!last || t >= last.end) && free(t)) {
        found.push({ start: t, end: t + length });
        t += length;
      } else {
        t += step;
      }
    }
  }
  return found;
}
