/**
 * Calendar arithmetic for the views, on plain dates ("2025-03-21") and local date-times
 * ("2025-03-21T10:00") of the office's zone, as the backend hands them over; the Jalali
 * calendar is how they are read. Pure: no React, no DOM. Dates made for date-fns-jalali
 * are at local noon, so no zone's midnight change moves them to another day.
 */
import { format, getDate, getDaysInMonth, getMonth, getYear, newDate } from 'date-fns-jalali';
import { enUS, faIR } from 'date-fns-jalali/locale';
import { localiseDigits } from '../../format/digits';
import type { Language } from '../../format/language';

const DAY = 86_400_000;

function parts(date: string): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function floating(date: string): number {
  const [y, m, d] = parts(date);
  return Date.UTC(y, m - 1, d);
}

function plain(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return plain(floating(date) + n * DAY);
}

export function daysBetween(a: string, b: string): number {
  return Math.round((floating(b) - floating(a)) / DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(floating(date)).getUTCDay();
}

/** The Saturday that starts the Iranian week of `date`. */
export function weekStart(date: string): string {
  return addDays(date, -((weekday(date) + 1) % 7));
}

export function weekDays(date: string): string[] {
  const first = weekStart(date);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

function noon(date: string): Date {
  const [y, m, d] = parts(date);
  return new Date(y, m - 1, d, 12);
}

function plainOfLocal(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface JalaliDay {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export function jalaliOf(date: string): JalaliDay {
  const d = noon(date);
  return { year: getYear(d), month: getMonth(d) + 1, day: getDate(d) };
}

export function dateOfJalali(j: JalaliDay): string {
  const d = newDate(j.year, j.month - 1, j.day);
  d.setHours(12);
  return plainOfLocal(d);
}

export function jalaliMonthLength(year: number, month: number): number {
  const d = newDate(year, month - 1, 1);
  d.setHours(12);
  return getDaysInMonth(d);
}

/** The Jalali month of `date` moved by `n` months (to its first day). */
export function addJalaliMonths(date: string, n: number): string {
  const j = jalaliOf(date);
  const index = j.year * 12 + (j.month - 1) + n;
  return dateOfJalali({ year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 });
}

/**
 * The weeks (Saturday to Friday) that show the Jalali month of `date`: days of the
 * neighbouring months fill the first and last week.
 */
export function monthGrid(date: string): { month: JalaliDay; weeks: string[][] } {
  const j = jalaliOf(date);
  const first = dateOfJalali({ year: j.year, month: j.month, day: 1 });
  const last = addDays(first, jalaliMonthLength(j.year, j.month) - 1);
  const weeks: string[][] = [];
  for (let start = weekStart(first); start <= last; start = addDays(start, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(start, i)));
  }
  return { month: { year: j.year, month: j.month, day: 1 }, weeks };
}

function jalaliFormat(date: string, pattern: string, language: Language): string {
  return localiseDigits(format(noon(date), pattern, { locale: language === 'fa' ? faIR : enUS }), language);
}

/** "شنبه ۳۰ فروردین" — a day column's header. */
export const dayHeader = (date: string, language: Language) => jalaliFormat(date, 'EEEE d MMMM', language);
/** "ش" / "Sa" — the month grid's weekday header. */
export const weekdayShort = (date: string, language: Language) => jalaliFormat(date, language === 'fa' ? 'EEEEE' : 'EEEEEE', language);
/** "فروردین ۱۴۰۴" */
export const monthTitle = (date: string, language: Language) => jalaliFormat(date, 'MMMM yyyy', language);
/** "۳۰" */
export const dayNumber = (date: string, language: Language) => localiseDigits(String(jalaliOf(date).day), language);
/** "۳۰ فروردین ۱۴۰۴" */
export const longDate = (date: string, language: Language) => jalaliFormat(date, 'd MMMM yyyy', language);
/** "شنبه ۳۰ فروردین ۱۴۰۴" */
export const fullDate = (date: string, language: Language) => jalaliFormat(date, 'EEEE d MMMM yyyy', language);
/** "۱۰:۳۰" from a local date-time. */
export const timeOf = (local: string, language: Language) => localiseDigits(local.slice(11, 16), language);
/** timeOf for one language that writes out each distinct date-time once (a crowded week repeats a few). */
export function rememberedTimes(language: Language): (local: string) => string {
  const known = new Map<string, string>();
  return (local) => {
    let text = known.get(local);
    if (text === undefined) {
      text = timeOf(local, language);
      known.set(local, text);
    }
    return text;
  };
}
/** "۰۹" for the hour rows. */
export const hourLabel = (hour: number, language: Language) => localiseDigits(`${String(hour).padStart(2, '0')}:00`, language);

/** Minutes after midnight of a local date-time. */
export function minutesOf(local: string): number {
  return Number(local.slice(11, 13)) * 60 + Number(local.slice(14, 16));
}

export function localAt(date: string, minutes: number): string {
  const overflow = Math.floor(minutes / 1440);
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${addDays(date, overflow)}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes from `a` to `b`, both local date-times. */
export function minutesBetween(a: string, b: string): number {
  return daysBetween(a.slice(0, 10), b.slice(0, 10)) * 1440 + minutesOf(b) - minutesOf(a);
}

export function roundTo(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}

/** The part of a timed item on one day column: minutes from midnight, clipped to the day. */
export function segmentOn(date: string, startLocal: string, endLocal: string): { top: number; bottom: number } | null {
  const dayStart = `${date}T00:00`;
  const from = minutesBetween(dayStart, startLocal);
  const to = minutesBetween(dayStart, endLocal);
  if (to <= 0 || from >= 1440) return null;
  return { top: Math.max(0, from), bottom: Math.min(1440, to) };
}

export interface Placed<T> {
  item: T;
  top: number;
  bottom: number;
  /** Column among overlapping items, and how many columns their cluster needs. */
  column: number;
  columns: number;
}

/**
 * Side-by-side columns for overlapping items of one day, as calendars draw them: items
 * that overlap share a cluster; each takes the first free column.
 */
export function layoutDay<T>(segments: { item: T; top: number; bottom: number }[]): Placed<T>[] {
  const sorted = [...segments].sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const out: Placed<T>[] = [];
  let cluster: Placed<T>[] = [];
  let clusterEnd = -1;
  // Where each column of the current cluster ends, kept as items are placed (a crowded day's
  // cluster holds hundreds: recounting it for every item was quadratic).
  let ends: number[] = [];
  const close = () => {
    for (const p of cluster) p.columns = Math.max(1, ends.length);
    cluster = [];
    ends = [];
  };
  for (const s of sorted) {
    if (s.top >= clusterEnd) {
      close();
      clusterEnd = -1;
    }
    let column = 0;
    while (ends[column] !== undefined && ends[column]! > s.top) column += 1;
    ends[column] = Math.max(ends[column] ?? -1, s.bottom);
    const placed = { ...s, column, columns: 1 };
    cluster.push(placed);
    out.push(placed);
    clusterEnd = Math.max(clusterEnd, s.bottom);
  }
  close();
  return out;
}

/**
 * One "+N" marker in a day column: the items of a stretch that needs more lanes than fit
 * readably, drawn as a single box in the last lane (docs/architecture.md, the week view).
 */
export interface LaneMarker<T> {
  /** Minutes from midnight: from the earliest hidden item's start to the latest one's end. */
  top: number;
  bottom: number;
  /** The last lane of the `columns` the collapsed cluster is drawn in. */
  column: number;
  columns: number;
  /** The items it stands for, earliest first. */
  hidden: T[];
}

/**
 * A day's lanes with no cluster wider than `maxLanes`: where a cluster of overlapping items
 * needs more lanes, its items in lanes 0..maxLanes-2 are drawn as they are (in a cluster
 * `maxLanes` wide), and the rest go into "+N" markers in the last lane, one per stretch of
 * them that overlap one another. A stretch of last-lane items with nothing deeper beside it
 * fits, and is drawn in the last lane. Clusters that fit are returned untouched.
 * Every item ends up either drawn or in exactly one marker.
 */
export function collapseLanes<T>(placed: Placed<T>[], maxLanes: number): { drawn: Placed<T>[]; markers: LaneMarker<T>[] } {
  const lanes = Math.max(1, Math.floor(maxLanes));
  const last = lanes - 1;
  const drawn: Placed<T>[] = [];
  const rest: Placed<T>[] = [];
  for (const p of placed) {
    if (p.columns <= lanes) drawn.push(p);
    else if (p.column < last) drawn.push({ ...p, columns: lanes });
    else rest.push(p);
  }
  // The rest, in stretches of items that overlap one another (clusters never overlap, so a
  // stretch stays inside its cluster).
  rest.sort((a, b) => a.top - b.top || b.bottom - a.bottom);
  const markers: LaneMarker<T>[] = [];
  let stretch: Placed<T>[] = [];
  let end = -1;
  const close = () => {
    if (stretch.length === 0) return;
    if (stretch.some((p) => p.column > last)) {
      markers.push({ top: stretch[0]!.top, bottom: end, column: last, columns: lanes, hidden: stretch.map((p) => p.item) });
    } else {
      for (const p of stretch) drawn.push({ ...p, columns: lanes });
    }
    stretch = [];
  };
  for (const p of rest) {
    if (p.top >= end) {
      close();
      end = -1;
    }
    stretch.push(p);
    end = Math.max(end, p.bottom);
  }
  close();
  return { drawn, markers };
}

/**
 * One formatter per zone: making an Intl.DateTimeFormat costs about a millisecond, and the
 * calendar page asks for today and now at each render.
 */
const clockFormats = new Map<string, Intl.DateTimeFormat>();
function clockIn(zone: string): Intl.DateTimeFormat {
  let f = clockFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    clockFormats.set(zone, f);
  }
  return f;
}

/** Today's date in a zone ("what day is it in the office"). */
export function todayIn(zone: string, now = Date.now()): string {
  return nowIn(zone, now).slice(0, 10);
}

/**
 * The last answer per zone, with its minute: the page asks at each of its renders, and
 * formatToParts took about 0.5 ms a call in the calendar's profile. Within one UTC minute the
 * local minute cannot change (zone offsets are whole minutes).
 */
const lastNow = new Map<string, { minute: number; local: string }>();

/** The local date-time now in a zone. */
export function nowIn(zone: string, now = Date.now()): string {
  const minute = Math.floor(now / 60_000);
  const last = lastNow.get(zone);
  if (last?.minute === minute) return last.local;
  const p = Object.fromEntries(clockIn(zone).formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  const local = `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
  lastNow.set(zone, { minute, local });
  return local;
}
