/**
 * Phone numbers in display and search. The backend normalises and formats numbers; the
 * UI only localises digits and decides whether a search box holds a number.
 */
import { localiseDigits, toLatinDigits } from './digits';
import type { Language } from './language';

/** The backend's national display form (Latin digits) in the interface's digits. */
export function displayPhone(display: string, language: Language): string {
  return localiseDigits(display, language);
}

/**
 * True when what was typed is a phone number rather than a name: digits with the usual
 * separators and at least four digits (+98 912 345 6789, ۰۹۱۲-۳۴۵, (021) 8888 0000).
 */
export function looksLikePhone(query: string): boolean {
  const s = toLatinDigits(query).trim();
  if (!/^\+?[\d\s\-().]+$/.test(s)) return false;
  return (s.match(/\d/g) ?? []).length >= 4;
}
