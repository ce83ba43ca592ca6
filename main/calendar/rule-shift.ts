/**
 * Moving a series by wall-clock time: a dragged repeating appointment keeps its weekdays
 * (or month day) relative to its new first day, and its local times across DST.
 */
import type { Wall } from '../api/zoned-time';
import { wallOf } from '../api/zoned-time';

export function floatingOf(ms: number, zone: string): number {
  const w = wallOf(ms, zone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function addMinutesWall(w: Wall, minutes: number): Wall {
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) + minutes * 60_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() };
}

export const WEEK = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** A rule pinned to weekdays (or a month day) moved by whole days, as a dragged series is. */
export function shiftRule(rule: string, days: number): string {
  if (days === 0) return rule;
  return rule
    .split(';')
    .map((part) => {
      const [k, v] = part.split('=');
      if (k === 'BYDAY' && v) {
        return `BYDAY=${v
          .split(',')
          .map((d) => {
            const m = /^([+-]?\d*)([A-Z]{2})$/.exec(d);
            if (!m) return d;
            const i = WEEK.indexOf(m[2]!);
            return `${m[1]}${WEEK[(((i + days) % 7) + 7) % 7]}`;
          })
          .join(',')}`;
      }
      if (k === 'BYMONTHDAY' && v && Number(v) > 0) {
        const n = Number(v) + days;
        return n >= 1 && n <= 31 ? `BYMONTHDAY=${n}` : part;
      }
      return part;
    })
    .join(';');
}

