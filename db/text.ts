/**
 * Text folding for search: the same word typed on an Arabic or a Persian keyboard, with or
 * without ZWNJ, diacritics or Persian digits, must give the same tokens. Applied to text
 * before it is indexed and to every query (the FTS5 tokenizer does none of this).
 */

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

const LETTER_FOLDS: Record<string, string> = {
  ي: 'ی', // Arabic yeh
  ى: 'ی', // alef maksura
  ئ: 'ی',
  ك: 'ک', // Arabic kaf
  ة: 'ه',
  ۀ: 'ه',
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ؤ: 'و',
};

// Harakat, tanwin, shadda, sukun, superscript alef, tatweel.
const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;
// ZWNJ, ZWJ, and the invisible direction marks people paste from other apps.
const INVISIBLES = /\u200C|\u200D|[\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// U+01C2 (ǂ) starts the search index's own facet tokens (kind, tag); removed from every text
// so nothing a person types or stores can be read as one.
const RESERVED = /\u01C2/g;

/** Persian and Arabic-Indic digits to ASCII digits; leaves everything else. */
export function toLatinDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (d) => {
    const i = PERSIAN_DIGITS.indexOf(d);
    return String(i >= 0 ? i : ARABIC_DIGITS.indexOf(d));
  });
}

/** ASCII digits to Persian digits, for numbers inside a Persian sentence. */
export function toPersianDigits(s: string): string {
  return s.replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!);
}

export function normaliseText(s: string): string {
  return toLatinDigits(s)
    .normalize('NFC')
    .replace(INVISIBLES, '')
    .replace(RESERVED, '')
    .replace(DIACRITICS, '')
    .replace(/[يىئكةۀأإآٱؤ]/g, (c) => LETTER_FOLDS[c] ?? c)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of what a person typed, folded and split as the index splits text (at most 8). */
export function searchWords(input: string): string[] {
  return normaliseText(input)
    .split(/[^\p{L}\p{N}@._+-]+/u)
    .flatMap((w) => w.split(/[@._+-]+/))
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/**
 * An FTS5 MATCH expression for what a person typed: every word must appear, each as a
 * prefix. Words are quoted so FTS5 operators in user input are plain text.
 * Returns null when nothing searchable is left.
 */
export function ftsPrefixQuery(input: string): string | null {
  const words = searchWords(input);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}
