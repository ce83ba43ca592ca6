import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { toLatinDigits } from '../../db/text';

/**
 * Phone numbers as Iranian offices type them: 0912…, +98 912…, 0098…, 912…, 021-8888…,
 * in Persian or Arabic digits, with spaces, dashes, brackets, or an extension after.
 * Everything is brought to E.164 (+98…) so a caller-ID lookup is one index probe.
 */

export interface NormalisedPhone {
  e164: string;
  /**
   * For display (Latin digits): national format for Iranian numbers, e.g. "0912 123 4567";
   * international for others, e.g. "+44 20 7946 0958", so they are not misread as local.
   */
  national: string;
}

export interface PhoneOptions {
  /** Area code (without 0) for local 8-digit numbers typed without one, e.g. "21". */
  defaultAreaCode?: string;
}

const EXTENSION = /\s*(?:داخلی|ext\.?|x|#)\s*\d+\s*$/i;
/**
 * A number as a PBX sends it or as pasted: ASCII digits and punctuation only. There is
 * nothing to fold, strip or cut off (no other script, no invisible mark, no extension), so
 * caller-ID skips that work (a few µs of a lookup).
 */
const PLAIN_ASCII = /^[+0-9 ()./-]+$/;

export function normalisePhone(typed: string, options: PhoneOptions = {}): NormalisedPhone | null {
  const text = parserText(typed, options);
  return text === null ? null : parsed(text);
}

/**
 * The E.164 form alone, for caller-ID: the same answer as normalisePhone(...)?.e164, without
 * formatting the display form nobody reads there.
 */
export function phoneE164(typed: string, options: PhoneOptions = {}): string | null {
  const text = parserText(typed, options);
  if (text === null) return null;
  const kept = PARSED.get(text);
  if (kept !== undefined) return kept && kept.e164;
  const number = parsePhoneNumberFromString(text, 'IR');
  return number && number.isValid() ? number.number : null;
}

/** The text libphonenumber is given for what was typed; null when it is not a number at all. */
function parserText(typed: string, options: PhoneOptions): string | null {
  let text = PLAIN_ASCII.test(typed)
    ? typed.trim()
    : toLatinDigits(typed)
        // ZWSP, ZWNJ, ZWJ, word joiner, BOM and bidi marks: invisible, pasted along with numbers.
        .replace(/[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\u061C]/g, '')
        .replace(EXTENSION, '')
        .trim();
  if (!/^[+\d\s\-()./]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  // A local fixed line typed without its area code: 8 digits, not a mobile.
  if (!text.startsWith('+') && digits.length === 8 && !digits.startsWith('0') && options.defaultAreaCode) {
    text = `0${options.defaultAreaCode}${digits}`;
  }
  return text;
}

/**
 * Reading a number with libphonenumber is most of what normalising costs (tens of µs), and
 * a number being saved is read twice: by the schema (isAcceptedPhone) and again by the
 * service with the desk's area code. The last results are kept, keyed by the text the
 * parser is given (after the area code was added), so the second read is a lookup. Results
 * are frozen: callers share them.
 */
const PARSED = new Map<string, NormalisedPhone | null>();
const PARSED_KEPT = 256;

function parsed(text: string): NormalisedPhone | null {
  const kept = PARSED.get(text);
  if (kept !== undefined) return kept;
  const number = parsePhoneNumberFromString(text, 'IR');
  const result =
    number && number.isValid()
      ? Object.freeze({
          e164: number.number,
          national: number.country === 'IR' ? number.formatNational() : number.formatInternational(),
        })
      : null;
  // Cleared when full rather than kept in use order: the repeats it serves come right after.
  if (PARSED.size >= PARSED_KEPT) PARSED.clear();
  PARSED.set(text, result);
  return result;
}

/** Digit strings a person may type to find this number in a search box. */
export function phoneSearchTokens(e164: string): string[] {
  const d = e164.replace(/^\+/, '');
  const tokens = [d];
  if (d.startsWith('98')) tokens.push(`0${d.slice(2)}`, d.slice(2));
  return tokens;
}

/**
 * Whether a typed number may be saved: a phone number we understand, or, for the kind
 * "other", any run of 3+ digits (short codes, internal extensions), kept as typed.
 * Local 8-digit numbers are read with a placeholder area code here; the service reads them
 * again with the desk's own.
 */
export function isAcceptedPhone(p: { kind: string; number: string }): boolean {
  if (normalisePhone(p.number, { defaultAreaCode: '21' })) return true;
  return p.kind === 'other' && /\d{3,}/.test(toLatinDigits(p.number));
}
