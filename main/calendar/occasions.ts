/**
 * The official holidays and occasions the app ships with (data/iran-holidays.json, whose
 * README names the sources and the rows to double-check), turned into `occasions` rows.
 * Seeded rows get ids derived from their content, so every device seeds the same ids and
 * sync sees one row, not one per device; a row an administrator deleted stays deleted.
 */
import { createHash } from 'node:crypto';
import data from './data/iran-holidays.json';
import type { OccasionKind } from './schema';

interface DataRow {
  jalali: string;
  gregorian: string;
  title_fa: string;
  title_en: string;
  holiday: boolean;
  kind: 'solar' | 'lunar' | 'gregorian';
}

export interface SeedOccasion {
  id: string;
  year: number;
  date: string;
  jalali_date: string;
  title_fa: string;
  title_en: string;
  day_off: number;
  kind: OccasionKind;
  uncertain: number;
  note: string | null;
}

/** A UUID (version 8, RFC 9562) made from a name: the same name gives the same id everywhere. */
export function stableId(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const CLOSURE_NOTE =
  'تعطیلی یک‌بارهٔ سراسری که فقط یک منبع آن را ثبت کرده است؛ پیش از اتکا تأیید کنید. / A one-off closure from a single source; confirm before relying on it.';
const MOON_NOTE =
  'تاریخ قمری پیش‌محاسبه‌شده؛ اعلام رؤیت هلال ممکن است آن را یک روز جابه‌جا کند (time.ir را ببینید). / A precomputed lunar date; a moon-sighting announcement may move it by a day (check time.ir).';
const DISAGREE_NOTE =
  'منبع دیگری (بستهٔ holidays) یک روز بعد را تخمین زده است؛ تاریخ رسمی نگه داشته شد. / Another source (the holidays package) estimates the next day; the official date is kept.';

/** The rows of the shipped data, with the data README's uncertain rows marked and explained. */
export function seedOccasions(): SeedOccasion[] {
  return (data as DataRow[]).map((r) => {
    const closure = r.jalali >= '1404-12-10' && r.jalali <= '1404-12-16' && r.holiday && r.kind === 'solar' && r.title_fa.includes('یک‌باره');
    const lateLunar = r.kind === 'lunar' && r.jalali >= '1405-07-01';
    const note = closure ? CLOSURE_NOTE : lateLunar ? (r.jalali === '1405-12-09' && r.holiday ? `${MOON_NOTE} ${DISAGREE_NOTE}` : MOON_NOTE) : null;
    return {
      id: stableId(`occasion:${r.gregorian}:${r.kind}:${r.title_fa}`),
      year: Number(r.jalali.slice(0, 4)),
      date: r.gregorian,
      jalali_date: r.jalali,
      title_fa: r.title_fa,
      title_en: r.title_en,
      day_off: r.holiday ? 1 : 0,
      kind: closure ? 'closure' : r.kind,
      uncertain: closure || lateLunar ? 1 : 0,
      note,
    };
  });
}

export const OCCASIONS_CALENDAR_ID = stableId('calendar:occasions');
export const OFFICE_CALENDAR_ID = stableId('calendar:office');
