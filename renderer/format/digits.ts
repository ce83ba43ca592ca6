/**
 * Digits for display and input. Persian is read with Persian digits (۰–۹); people type
 * either Persian, Arabic-Indic or Latin digits, and the backend wants Latin ones.
 * Pure functions: no DOM, no React.
 */
import type { Language } from './language';

const PERSIAN = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

export function toPersianDigits(s: string): string {
  return s.replace(/[0-9]/g, (d) => PERSIAN[Number(d)] ?? d);
}

/** Persian and Arabic-Indic digits to Latin; everything else unchanged. */
export function toLatinDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (d) => {
    const i = PERSIAN.indexOf(d);
    return String(i >= 0 ? i : ARABIC_INDIC.indexOf(d));
  });
}

/** Digits as the interface language reads them. Only for text the app formats itself. */
export function localiseDigits(s: string, language: Language): string {
  return language === 'fa' ? toPersianDigits(s) : toLatinDigits(s);
}

/** A count or amount with thousands separators: ۱٬۲۳۴ in Persian, 1,234 in English. */
export function formatNumber(n: number, language: Language): string {
  const latin = Math.trunc(n) === n ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (language === 'en') return latin;
  // Persian thousands separator U+066C and decimal separator U+066B.
  return toPersianDigits(latin.replace(/,/g, '\u066C').replace(/\./g, '\u066B'));
}
