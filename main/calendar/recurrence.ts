/**
 * Repeating appointments: RFC 5545 RRULE text, expanded to occurrences.
 *
 * Daily and weekly rules go through the `rrule` package. A "monthly" appointment in an
 * Iranian office repeats on a Jalali day of the month (the 30th of every month, Esfand's
 * 30th only in leap years), which Gregorian RRULEs cannot say; RFC 7529 can:
 * `RSCALE=PERSIAN;FREQ=MONTHLY;BYMONTHDAY=30;SKIP=BACKWARD`. `rrule` does not know RSCALE,
 * so those rules are expanded here with the Jalali calendar.
 *
 * Rules are expanded on the wall clock of the appointment's zone ("every Monday 10:00 in
 * Berlin" stays 10:00 across daylight saving), then turned into instants. Every series is
 * bounded: a rule without COUNT or UNTIL, or with more than MAX_OCCURRENCES occurrences,
 * is refused before anything is written.
 */
import ICAL from 'ical.js';
import { RRule, type Options } from 'rrule';
import { fromJalali, jalaliMonthLength, toJalali } from './jalali';
import {
  addDays,
  floating,
  formatDate,
  parseDate,
  startOfDay,
  toUtc,
  wallOf,
  wallOfFloating,
  type Wall,
} from '../api/zoned-time';

export const MAX_OCCURRENCES = 1000;

export const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type WeekdayCode = (typeof WEEKDAYS)[number];

/** What the appointment form offers; any other valid rule (from an .ics file) is kept as text. */
export interface Recurrence {
  freq: 'daily' | 'weekly' | 'monthly';
  interval: number;
  /** weekly: the days it repeats on. */
  weekdays?: WeekdayCode[];
  /** monthly: the Jalali day of the month (default: the start's). */
  monthDay?: number;
  /** Inclusive last date (Gregorian, YYYY-MM-DD); or `count`. */
  until?: string;
  count?: number;
}

export type RecurrenceProblem = 'tooMany' | 'unbounded' | 'invalid' | 'empty';

export class RecurrenceError extends Error {
  constructor(
    readonly problem: RecurrenceProblem,
    readonly limit = MAX_OCCURRENCES,
  ) {
    super(`recurrence ${problem}`);
    this.name = 'RecurrenceError';
  }
}

/** The shape of a series: its first occurrence and its rule. */
export interface Series {
  rrule: string | null;
  zone: string;
  allDay: boolean;
  /** Timed: the first start (wall clock in `zone`). All-day: the first date at 00:00. */
  start: Wall;
  /** Timed: length in milliseconds. */
  durationMs: number;
  /** All-day: how many days each occurrence covers (1 = one day). */
  days: number;
}

export interface Occurrence {
  /** The occurrence's start as the rule made it (UTC ms): its key, as RECURRENCE-ID is. */
  original: number;
  start: number;
  end: number;
  /** All-day: the first and last (inclusive) date. */
  startDate?: string;
  endDate?: string;
}

/** The RRULE text the form's choices mean, for a series starting at `start` in `zone`. */
export function ruleText(r: Recurrence, start: Wall, zone: string, allDay: boolean): string {
  const parts: string[] = [];
  if (r.freq === 'monthly') {
    const day = r.monthDay ?? toJalali(formatDate(start)).day;
    parts.push('RSCALE=PERSIAN', 'FREQ=MONTHLY', `BYMONTHDAY=${day}`, 'SKIP=BACKWARD');
  } else {
    parts.push(`FREQ=${r.freq === 'daily' ? 'DAILY' : 'WEEKLY'}`);
    // Iranian weeks start on Saturday; it matters for "every other week".
    if (r.freq === 'weekly') parts.push('WKST=SA', `BYDAY=${(r.weekdays?.length ? r.weekdays : [weekdayCode(start)]).join(',')}`);
  }
  if (r.interval > 1) parts.push(`INTERVAL=${r.interval}`);
  if (r.count !== undefined) parts.push(`COUNT=${r.count}`);
  else if (r.until !== undefined) parts.push(`UNTIL=${untilText(r.until, zone, allDay)}`);
  return parts.join(';');
}

/** UNTIL is inclusive: the end of that day in the zone, in UTC (RFC 5545 for zoned starts). */
function untilText(until: string, zone: string, allDay: boolean): string {
  if (allDay) return until.replace(/-/g, '');
  const end = startOfDay(addDays(until, 1), zone) - 1000;
  return new Date(end).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function weekdayCode(w: Wall): WeekdayCode {
  return WEEKDAYS[new Date(floating(w)).getUTCDay()]!;
}

/**
 * One spelling per rule, so a rule read back from an .ics file equals the stored one:
 * Gregorian rules as ical.js writes them, Jalali ones in a fixed order of parts.
 */
export function canonicalRule(text: string): string {
  const parts = ruleParts(text);
  if (!parts) throw new RecurrenceError('invalid');
  if (parts.has('RSCALE')) {
    const order = ['RSCALE', 'FREQ', 'BYMONTHDAY', 'SKIP', 'INTERVAL', 'COUNT', 'UNTIL'];
    if ([...parts.keys()].some((k) => !order.includes(k))) throw new RecurrenceError('invalid');
    return order.filter((k) => parts.has(k)).map((k) => `${k}=${parts.get(k)}`).join(';');
  }
  try {
    return ICAL.Recur.fromString(text.replace(/^RRULE:/i, '')).toString();
  } catch {
    throw new RecurrenceError('invalid');
  }
}

/** The form's choices read back from a rule; null when the rule says more than the form can. */
export function describeRule(text: string, zone: string): Recurrence | null {
  const parts = ruleParts(text);
  if (!parts) return null;
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST', 'RSCALE', 'BYMONTHDAY', 'SKIP']);
  if ([...parts.keys()].some((k) => !known.has(k))) return null;
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const r: Recurrence = { freq: 'daily', interval };
  const freq = parts.get('FREQ');
  if (freq === 'MONTHLY' && parts.get('RSCALE') === 'PERSIAN') {
    r.freq = 'monthly';
    r.monthDay = Number(parts.get('BYMONTHDAY'));
  } else if (freq === 'WEEKLY' && !parts.has('RSCALE')) {
    r.freq = 'weekly';
    const days = (parts.get('BYDAY') ?? '').split(',').filter(Boolean);
    if (!days.every((d): d is WeekdayCode => (WEEKDAYS as readonly string[]).includes(d))) return null;
    r.weekdays = days;
  } else if (freq !== 'DAILY' || parts.has('RSCALE') || parts.has('BYDAY')) {
    return null;
  }
  if (parts.has('COUNT')) r.count = Number(parts.get('COUNT'));
  const until = parts.get('UNTIL');
  if (until) r.until = untilDate(until, zone);
  return r;
}

function untilDate(until: string, zone: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (!m) return until;
  if (!m[4]) return `${m[1]}-${m[2]}-${m[3]}`;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return formatDate(m[7] === 'Z' ? wallOf(ms, zone) : wallOfFloating(ms));
}

function ruleParts(text: string): Map<string, string> | null {
  const parts = new Map<string, string>();
  for (const p of text.replace(/^RRULE:/i, '').split(';')) {
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0) return null;
    parts.set(p.slice(0, eq).toUpperCase(), p.slice(eq + 1).toUpperCase());
  }
  return parts.has('FREQ') ? parts : null;
}

/**
 * Every occurrence of the series, in order (before exceptions). Throws RecurrenceError when
 * the rule is not valid, has no end, or makes more than `limit` occurrences.
 */
export function expand(series: Series, limit = MAX_OCCURRENCES): Occurrence[] {
  const starts = series.rrule ? floatingStarts(series.rrule, series.start, series.zone, limit) : [floating(series.start)];
  if (starts.length === 0) throw new RecurrenceError('empty');
  return starts.map((f) => occurrenceAt(series, f));
}

function occurrenceAt(series: Series, floatingStart: number): Occurrence {
  const wall = wallOfFloating(floatingStart);
  if (series.allDay) {
    const startDate = formatDate(wall);
    const endDate = addDays(startDate, series.days - 1);
    const start = startOfDay(startDate, series.zone);
    return { original: start, start, end: startOfDay(addDays(endDate, 1), series.zone), startDate, endDate };
  }
  const start = toUtc(wall, series.zone);
  return { original: start, start, end: start + series.durationMs };
}

/** Occurrence starts as floating times (the wall clock read as UTC). */
function floatingStarts(text: string, start: Wall, zone: string, limit: number): number[] {
  const parts = ruleParts(text);
  if (!parts) throw new RecurrenceError('invalid');
  if (!parts.has('COUNT') && !parts.has('UNTIL')) throw new RecurrenceError('unbounded', limit);
  const count = parts.has('COUNT') ? Number(parts.get('COUNT')) : null;
  if (count !== null && (!Number.isInteger(count) || count < 1)) throw new RecurrenceError('invalid');
  // Refused before expanding: 100,000 occurrences are never made just to be counted.
  if (count !== null && count > limit) throw new RecurrenceError('tooMany', limit);
  const until = parts.has('UNTIL') ? floatingUntil(parts.get('UNTIL')!, zone) : null;
  if (until !== null && Number.isNaN(until)) throw new RecurrenceError('invalid');
  const starts =
    parts.get('RSCALE') === 'PERSIAN'
      ? jalaliMonthlyStarts(parts, start, count, until, limit)
      : parts.has('RSCALE')
        ? invalidRule()
        : gregorianStarts(text, start, count, until, limit);
  if (starts.length > limit) throw new RecurrenceError('tooMany', limit);
  return starts;
}

function invalidRule(): never {
  throw new RecurrenceError('invalid');
}

/** UNTIL as a floating time: a UTC instant read on the zone's wall clock; a date means its whole day. */
function floatingUntil(until: string, zone: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]) - 1;
  const d = Number(m[3]);
  if (!m[4]) return Date.UTC(y, mo, d, 23, 59, 59);
  const ms = Date.UTC(y, mo, d, Number(m[4]), Number(m[5]), Number(m[6]));
  return m[7] === 'Z' ? floating(wallOf(ms, zone)) : ms;
}

const ALLOWED_FREQ = new Set(['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);

function gregorianStarts(text: string, start: Wall, count: number | null, until: number | null, limit: number): number[] {
  const parts = ruleParts(text)!;
  if (!ALLOWED_FREQ.has(parts.get('FREQ') ?? '')) throw new RecurrenceError('invalid');
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text.replace(/^RRULE:/i, ''));
  } catch {
    throw new RecurrenceError('invalid');
  }
  // Floating arithmetic: no tzid, dtstart and until are wall-clock times read as UTC.
  delete options.tzid;
  delete options.dtstart;
  options.until = until === null ? null : new Date(until);
  options.count = count;
  let rule: RRule;
  try {
    rule = new RRule({ ...options, dtstart: new Date(floating(start)) });
  } catch {
    throw new RecurrenceError('invalid');
  }
  // The iterator stops one past the limit: enough to know the rule is too long.
  return rule.all((_, i) => i <= limit).map((d) => d.getTime());
}

/** RSCALE=PERSIAN;FREQ=MONTHLY: the same Jalali day every INTERVAL months. */
function jalaliMonthlyStarts(
  parts: Map<string, string>,
  start: Wall,
  count: number | null,
  until: number | null,
  limit: number,
): number[] {
  if (parts.get('FREQ') !== 'MONTHLY') throw new RecurrenceError('invalid');
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const first = toJalali(formatDate(start));
  const wanted = Number(parts.get('BYMONTHDAY') ?? first.day);
  const skip = parts.get('SKIP') ?? 'OMIT';
  if (!Number.isInteger(interval) || interval < 1 || !Number.isInteger(wanted) || wanted === 0 || wanted < -31 || wanted > 31) {
    throw new RecurrenceError('invalid');
  }
  if (!['OMIT', 'BACKWARD', 'FORWARD'].includes(skip)) throw new RecurrenceError('invalid');
  const timeOfDay = floating(start) - floating({ ...start, hour: 0, minute: 0, second: 0 });
  const startFloating = floating(start);
  const starts: number[] = [];
  // OMIT can skip months, so the walk is bounded by months, not by occurrences found.
  for (let k = 0; k < (limit + 2) * 12; k += 1) {
    const index = first.month - 1 + k * interval;
    const year = first.year + Math.floor(index / 12);
    const month = (index % 12) + 1;
    const length = jalaliMonthLength(year, month);
    const day = wanted > 0 ? wanted : length + wanted + 1;
    let date: string | null = null;
    if (day >= 1 && day <= length) date = fromJalali({ year, month, day });
    // The 31st in a 30-day month: the month's last day (BACKWARD) or the next month's first (FORWARD).
    else if (skip === 'BACKWARD') date = fromJalali({ year, month, day: day < 1 ? 1 : length });
    else if (skip === 'FORWARD') date = day < 1 ? fromJalali({ year, month, day: 1 }) : addDaysOrNull(fromJalali({ year, month, day: length }), 1);
    if (!date) continue;
    const at = floating(parseDate(date)!) + timeOfDay;
    if (at < startFloating) continue;
    if (until !== null && at > until) break;
    starts.push(at);
    if (count !== null && starts.length >= count) break;
    if (starts.length > limit) break;
  }
  return starts;
}

function addDaysOrNull(date: string | null, n: number): string | null {
  return date === null ? null : addDays(date, n);
}
