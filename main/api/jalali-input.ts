/**
 * Dates people type: Solar Hijri (Jalali) day and optional time of day, in Persian or
 * Latin digits, read in the office's time zone and stored as UTC epoch milliseconds.
 * Shared by every capability whose input has a date (task deadlines, follow-up dates,
 * reminder times), so "not a valid Jalali date" reads the same everywhere.
 */
import { getDate, getMonth, getYear, newDate } from 'date-fns-jalali';
import { z } from 'zod';
import { toLatinDigits } from '../../db/text';
import { offsetAt, toUtc } from './zoned-time';

/** A day (and maybe a time) on the office's wall clock; month is 1-based (1 = Farvardin). */
export interface JalaliWallTime {
  year: number;
  month: number;
  day: number;
  /** null: a whole day ("by 15 Ordibehesht"). */
  time: { hour: number; minute: number; second?: number } | null;
}

const PATTERN = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** Reads "1404/02/15", "۱۴۰۴/۰۲/۱۵ ۱۷:۳۰" or "1404/02/15 17:30:05"; null when it is not a real Jalali day and time. */
export function parseJalali(text: string): JalaliWallTime | null {
  const m = PATTERN.exec(toLatinDigits(text.trim()));
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1300 || year > 1600 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // newDate overflows silently (1404/12/30 becomes 1405/01/01): a real day reads back the same.
  const d = newDate(year, month - 1, day);
  if (getYear(d) !== year || getMonth(d) !== month - 1 || getDate(d) !== day) return null;
  if (m[4] === undefined) return { year, month, day, time: null };
  const [hour, minute] = [Number(m[4]), Number(m[5])];
  if (hour > 23 || minute > 59) return null;
  if (m[6] === undefined) return { year, month, day, time: { hour, minute } };
  const second = Number(m[6]);
  if (second > 59) return null;
  return { year, month, day, time: { hour, minute, second } };
}

/** A zod field for a typed Jalali date; the error names what was typed, in either language. */
export const JalaliDateInput = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const parsed = parseJalali(s);
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: 'date.invalidJalali', params: { value: s.trim() } });
      return z.NEVER;
    }
    return parsed;
  });

/** The same, and a time of day is required (a reminder fires at a moment, not a day). */
export const JalaliDateTimeInput = JalaliDateInput.refine((w) => w.time !== null, { message: 'date.timeRequired' });

function gregorianOf(w: JalaliWallTime): { y: number; m: number; d: number } {
  const local = newDate(w.year, w.month - 1, w.day);
  return { y: local.getFullYear(), m: local.getMonth() + 1, d: local.getDate() };
}

/** The UTC instant of a Gregorian wall-clock time in `zone` (a day past the month's end rolls over). */
function wallToUtc(y: number, m: number, d: number, hour: number, minute: number, zone: string, second = 0): number {
  return toUtc({ year: y, month: m, day: d, hour, minute, second }, zone);
}

/**
 * The stored instant of a typed date. A whole day counts until its last millisecond, so
 * "deadline 15 Ordibehesht" is overdue only once that day is over.
 */
export function jalaliToUtc(w: JalaliWallTime, zone: string): number {
  const g = gregorianOf(w);
  if (w.time) return wallToUtc(g.y, g.m, g.d, w.time.hour, w.time.minute, zone, w.time.second ?? 0);
  return wallToUtc(g.y, g.m, g.d + 1, 0, 0, zone) - 1;
}

/** The first instant of the zone's day containing `ms`, moved by `days` whole days. */
export function startOfZoneDay(ms: number, zone: string, days = 0): number {
  const local = new Date(ms + offsetAt(ms, zone));
  return wallToUtc(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate() + days, 0, 0, zone);
}

/** The office wall-clock day and time (to the minute) of the instant `ms`: jalaliToUtc's inverse. */
export function jalaliWallTimeOf(ms: number, zone: string): JalaliWallTime {
  const wall = new Date(ms + offsetAt(ms, zone));
  // date-fns-jalali reads a Date in the process's zone: a local Date with the wall's day.
  const day = new Date(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  return {
    year: getYear(day),
    month: getMonth(day) + 1,
    day: getDate(day),
    time: { hour: wall.getUTCHours(), minute: wall.getUTCMinutes() },
  };
}

/** The office's zone until there is a per-user setting (PRODUCT: "Asia/Tehran, or the user's zone"). */
export const DEFAULT_ZONE = 'Asia/Tehran';
