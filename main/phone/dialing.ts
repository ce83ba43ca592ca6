/**
 * What a person types or clicks to call, made into what the PBX is sent. Offices type
 * numbers in Persian or Latin digits, with spaces, dashes and brackets ("۰۹۱۲ ۱۲۳ ۴۵۶۷",
 * "(021) 8888-1234", "+98 912…"), or an extension ("201", "*97"). Pure.
 */
import { toLatinDigits } from '../../db/text';

const SEPARATORS = /[\s\-.()/\u00A0\u200C\u200E\u200F\u2010-\u2015]/g;

/** Digits with an optional leading + and * or #, or null when the text is not a number to dial. */
export function dialableNumber(typed: string): string | null {
  const s = toLatinDigits(typed).replace(SEPARATORS, '');
  if (!/^\+?[0-9*#]{1,32}$/.test(s) || !/[0-9]/.test(s)) return null;
  return s;
}

/** The SIP URI for a number on the account's domain. */
export function dialUri(number: string, domain: string): string {
  return `sip:${number}@${domain}`;
}
