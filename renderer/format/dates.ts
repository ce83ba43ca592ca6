/**
 * Dates as people read them: Solar Hijri (Jalali) everywhere, with Persian digits in the
 * Persian interface. The English interface keeps the Jalali calendar (the office's
 * calendar does not change with the interface language) with English month names and
 * Latin digits. Stored times are UTC epoch milliseconds; they are shown in the user's
 * zone, or in an explicit IANA zone when one is given (tests pin Asia/Tehran).
 */
import { format } from 'date-fns-jalali';
import { enUS, faIR } from 'date-fns-jalali/locale';
import { localiseDigits } from './digits';
import type { Language } from './language';

export interface DateOptions {
  /** IANA zone, e.g. 'Asia/Tehran'. Default: the zone of this computer. */
  timeZone?: string;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * date-fns formats in the process's local zone. To show a time in another zone, make a
 * local Date whose wall clock equals the wall clock in that zone.
 */
function wallClock(ms: number, timeZone: string | undefined): Date {
  if (!timeZone) return new Date(ms);
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormatters.set(timeZone, f);
  }
  const part: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return new Date(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
}

function jalali(ms: number, pattern: string, language: Language, options: DateOptions): string {
  const text = format(wallClock(ms, options.timeZone), pattern, { locale: language === 'fa' ? faIR : enUS });
  return localiseDigits(text, language);
}

/** ۱ فروردین ۱۴۰۴ — 1 Farvardin 1404 */
export function formatDate(ms: number, language: Language, options: DateOptions = {}): string {
  return jalali(ms, 'd MMMM yyyy', language, options);
}

/** ۱ فروردین ۱۴۰۴، ساعت ۰۸:۳۰ — 1 Farvardin 1404, 08:30 */
export function formatDateTime(ms: number, language: Language, options: DateOptions = {}): string {
  return jalali(ms, language === 'fa' ? "d MMMM yyyy'، ساعت' HH:mm" : "d MMMM yyyy', 'HH:mm", language, options);
}

/** جمعه ۱ فروردین ۱۴۰۴ — Friday 1 Farvardin 1404 (the dashboard's "today"). */
export function formatLongDate(ms: number, language: Language, options: DateOptions = {}): string {
  return jalali(ms, 'EEEE d MMMM yyyy', language, options);
}

/** ۱۴۰۴/۰۱/۰۱ — compact, for tables. */
export function formatShortDate(ms: number, language: Language, options: DateOptions = {}): string {
  return jalali(ms, 'yyyy/MM/dd', language, options);
}
