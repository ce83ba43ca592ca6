/**
 * The Solar Hijri (Jalali) calendar for the backend: converting plain dates, month
 * lengths (Esfand has 30 days in leap years), and dates as invitation messages print them.
 * date-fns-jalali works on local Date objects; every Date made here is at local noon, so
 * no zone's midnight change can move it to another day.
 */
import { format, getDate, getDaysInMonth, getMonth, getYear, newDate } from 'date-fns-jalali';
import { enUS, faIR } from 'date-fns-jalali/locale';
import { formatDate, parseDate, type Wall } from '../api/zoned-time';
import { toPersianDigits as persianDigits } from '../../db/text';

export interface JalaliDate {
  year: number;
  /** 1–12 (Farvardin = 1) */
  month: number;
  day: number;
}

function localNoon(date: string): Date {
  const w = parseDate(date);
  if (!w) throw new Error(`not a date: ${date}`);
  return new Date(w.year, w.month - 1, w.day, 12);
}

function plain(d: Date): string {
  const w: Wall = { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: 0, minute: 0, second: 0 };
  return formatDate(w);
}

export function toJalali(date: string): JalaliDate {
  const d = localNoon(date);
  return { year: getYear(d), month: getMonth(d) + 1, day: getDate(d) };
}

/** The Gregorian date of a Jalali date; null when that day does not exist (1404/12/30). */
export function fromJalali(j: JalaliDate): string | null {
  if (j.month < 1 || j.month > 12 || j.day < 1 || j.day > jalaliMonthLength(j.year, j.month)) return null;
  const d = newDate(j.year, j.month - 1, j.day);
  d.setHours(12);
  return plain(d);
}

export function jalaliMonthLength(year: number, month: number): number {
  const d = newDate(year, month - 1, 1);
  d.setHours(12);
  return getDaysInMonth(d);
}

/** "1404-01-01" ↔ { 1404, 1, 1 } */
export function parseJalali(s: string): JalaliDate | null {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  if (!m) return null;
  const j = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return fromJalali(j) ? j : null;
}

export function formatJalali(j: JalaliDate): string {
  return `${j.year}-${String(j.month).padStart(2, '0')}-${String(j.day).padStart(2, '0')}`;
}

/** The first and last Gregorian dates of a Jalali month. */
export function jalaliMonthRange(year: number, month: number): { first: string; last: string } {
  const first = fromJalali({ year, month, day: 1 });
  const last = fromJalali({ year, month, day: jalaliMonthLength(year, month) });
  if (!first || !last) throw new Error(`no such month ${year}/${month}`);
  return { first, last };
}


/** Persian digits for a date or time inside a Persian sentence (one converter, db/text). */
export { persianDigits };

/** "شنبه ۲ فروردین ۱۴۰۴" / "Saturday 2 Farvardin 1404": the date as a message prints it. */
export function longJalaliDate(date: string, language: 'fa' | 'en'): string {
  const text = format(localNoon(date), 'EEEE d MMMM yyyy', { locale: language === 'fa' ? faIR : enUS });
  return language === 'fa' ? persianDigits(text) : text;
}
