/**
 * Text at the API boundary. Three kinds of input cause trouble later if let in:
 * - lone UTF-16 surrogates ("ab\uD800cd") cannot be stored as UTF-8: SQLite keeps a
 *   replacement, the outbox's JSON keeps the escape, and the row and its change disagree;
 * - bidi controls (RLO, LRI, …) in a name or number reorder what is shown around them
 *   ("\u202Eexe.txt" reads as "txt.exe"): stripped from single-line fields;
 * - names made only of invisible characters (ZWSP, ZWNJ, combining marks) pass a
 *   "required" check and can never be found or read.
 * Pure: the router and the capabilities' schemas use it.
 */
import { z } from 'zod';

/** ALM, LRM, RLM, LRE…RLO, LRI…PDI: the characters that change display order. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function stripBidiControls(s: string): string {
  return s.replace(BIDI_CONTROLS, '');
}

/** At least one letter or digit a person can see. */
export function hasVisibleLetterOrDigit(s: string): boolean {
  return /[\p{L}\p{N}]/u.test(s);
}

function wellFormed(s: string): boolean {
  // A lone surrogate is the only thing that makes a JS string ill-formed UTF-16.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

/**
 * The path to the first string (value or key) in `value` with a lone surrogate, or null.
 * Looks as deep as any input of ours goes; deeper input is refused by the schemas anyway.
 */
export function findIllFormedText(value: unknown, path: (string | number)[] = [], depth = 0): (string | number)[] | null {
  if (typeof value === 'string') return wellFormed(value) ? null : path;
  if (value === null || typeof value !== 'object' || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findIllFormedText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    if (!wellFormed(k)) return [...path, k];
    const found = findIllFormedText(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A single-line text field: bidi controls stripped, spaces trimmed, at most `max` characters. */
export const singleLine = (max: number) => z.string().transform(stripBidiControls).pipe(z.string().trim().max(max));

/** A name: single-line, not empty, with at least one visible letter or digit. */
export const visibleName = (max: number) =>
  singleLine(max).pipe(z.string().min(1).refine(hasVisibleLetterOrDigit, { message: 'name.invisible' }));
