/**
 * Wall-clock time in an IANA zone, from the platform's Intl data; no zone library. Shared
 * machinery: the calendar and every typed Jalali date (jalali-input.ts) convert through it.
 * Appointments are stored as UTC milliseconds with the zone they were made in; people pick
 * and read times as the wall clock of that zone ("10:00 in Tehran"). These pure functions
 * convert between the two, including daylight-saving gaps and overlaps.
 *
 * Plain dates ("2025-03-21") and local date-times ("2025-03-21T10:00") are Gregorian
 * strings; Jalali is only how a person reads them (jalali.ts, the renderer).
 */

export interface Wall {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isZone(zone: string): boolean {
  if (formatters.has(zone)) return true;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock of instant `ms` in `zone`. */
export function wallOf(ms: number, zone: string): Wall {
  const w: Wall = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(zone).formatToParts(new Date(ms))) {
    if (p.type === 'year') w.year = Number(p.value);
    else if (p.type === 'month') w.month = Number(p.value);
    else if (p.type === 'day') w.day = Number(p.value);
    else if (p.type === 'hour') w.hour = Number(p.value);
    else if (p.type === 'minute') w.minute = Number(p.value);
    else if (p.type === 'second') w.second = Number(p.value);
  }
  return w;
}

/** The wall clock read as if it were UTC: a "floating" time, handy for calendar arithmetic. */
export function floating(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

export function wallOfFloating(ms: number): Wall {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** How far `zone` is ahead of UTC at instant `ms`, in milliseconds. */
export function offsetAt(ms: number, zone: string): number {
  const whole = ms - (((ms % 1000) + 1000) % 1000);
  return floating(wallOf(whole, zone)) - whole;
}

const HALF_DAY = 12 * 3600_000;

/**
 * The instant the wall clock `w` shows in `zone`. A time that happens twice (clocks set
 * back) is the earlier one; a time that never happens (clocks set forward) is read with
 * the offset before the change, so 02:30 on a spring-forward night is 03:30 — both as
 * RFC 5545 prescribes for DTSTART.
 */
export function toUtc(w: Wall, zone: string): number {
  const local = floating(w);
  const before = offsetAt(local - HALF_DAY, zone);
  const after = offsetAt(local + HALF_DAY, zone);
  const candidates = [local - before, local - after].filter((t) => offsetAt(t, zone) === local - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return local - before;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2025-03-21" → a wall clock at midnight; null when not a real date. */
export function parseDate(s: string): Wall | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  return checked({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: 0, minute: 0, second: 0 });
}

/** "2025-03-21T10:00" → a wall clock; null when not a real date and time. */
export function parseLocal(s: string): Wall | null {
  const m = LOCAL_RE.exec(s);
  if (!m) return null;
  return checked({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
  });
}

function checked(w: Wall): Wall | null {
  if (w.hour > 23 || w.minute > 59 || w.second > 59) return null;
  const back = wallOfFloating(floating(w));
  return back.year === w.year && back.month === w.month && back.day === w.day ? w : null;
}

const pad = (n: number, len = 2) => String(n).padStart(len, '0');

export function formatDate(w: Wall): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

export function formatLocal(w: Wall): string {
  return `${formatDate(w)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** The date `n` days after `date` (calendar days, not 24-hour periods). */
export function addDays(date: string, n: number): string {
  const w = parseDate(date);
  if (!w) throw new Error(`not a date: ${date}`);
  return formatDate(wallOfFloating(floating(w) + n * 86_400_000));
}

/** 0 = Sunday … 6 = Saturday, as Date.getDay(). */
export function weekdayOf(date: string): number {
  const w = parseDate(date);
  if (!w) throw new Error(`not a date: ${date}`);
  return new Date(floating(w)).getUTCDay();
}

/** The instant `date` begins in `zone` (midnight, or the first minute after a midnight gap). */
export function startOfDay(date: string, zone: string): number {
  const w = parseDate(date);
  if (!w) throw new Error(`not a date: ${date}`);
  return toUtc(w, zone);
}

/** The calendar date of instant `ms` in `zone`. */
export function dateOf(ms: number, zone: string): string {
  return formatDate(wallOf(ms, zone));
}

/** Whole calendar days from `a` to `b` ("2025-03-21" → "2025-03-23" is 2). */
export function daysBetween(a: string, b: string): number {
  const wa = parseDate(a);
  const wb = parseDate(b);
  if (!wa || !wb) throw new Error(`not dates: ${a}, ${b}`);
  return Math.round((floating(wb) - floating(wa)) / 86_400_000);
}

/**
 * A fast "instant → local date-time text" for long lists: the zone's offset is looked up
 * once per half hour of time (offset changes happen on the hour or half hour), not once
 * per item, and each instant is written out once (a crowded week's 4,000 starts and ends
 * are a few hundred distinct instants).
 */
export function localFormatter(zone: string): (ms: number) => string {
  const offsets = new Map<number, number>();
  const written = new Map<number, string>();
  return (ms) => {
    let text = written.get(ms);
    if (text !== undefined) return text;
    const bucket = Math.floor(ms / 1_800_000);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = offsetAt(bucket * 1_800_000, zone);
      offsets.set(bucket, offset);
    }
    text = formatLocal(wallOfFloating(ms + offset));
    written.set(ms, text);
    return text;
  };
}
