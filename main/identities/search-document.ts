import { normaliseText, toLatinDigits } from '../../db/text';
import { phoneSearchTokens } from './phone';

/**
 * What the search index holds for one identity: two documents, both pure functions of the
 * stored rows, so an identity indexed when it is saved and one indexed by a rebuild read the
 * same.
 *
 * - `words`: the name, honorific, job title, tags, email addresses and every phone number as
 *   one run of digits from its start (numberStarts), folded by normaliseText; plus facet
 *   tokens for the kind and each tag, so a filter is one more term of the same query.
 * - `digits`: the inner parts of the phone numbers (every suffix of 4+ digits that does not
 *   start a number already), so a number is found by any 4+ digits it contains ("4567" finds
 *   0912 123 4567) while a short run only matches the start of a number.
 *
 * Each number is held once, in its national form: a query typed as +98 912…, 0098 912… or
 * 912… is rewritten to 0912… (search-query.ts) rather than the index holding every form.
 * (Measured: three forms of each number in the prefix-indexed words cost a third of the
 * index's write time.)
 */

export interface SearchSource {
  kind: 'person' | 'organisation';
  displayName: string;
  honorific: string | null;
  jobTitle: string | null;
  tags: string[];
  emails: string[];
  phones: { number: string; e164: string | null }[];
}

export interface SearchDocument {
  words: string;
  digits: string;
}

/**
 * Facet tokens start with U+01C2 (ǂ), a letter to the tokenizer that normaliseText removes
 * from everything people type or store, so no word can ever equal a facet.
 */
export const FACET = 'ǂ';
export const MIN_INNER_DIGITS = 4;

export function kindFacet(kind: 'person' | 'organisation'): string {
  return `${FACET}${kind === 'person' ? 'p' : 'o'}`;
}

/** A tag as one token (a tag may hold spaces); the filter checks the exact tag afterwards. */
export function tagFacet(tag: string): string {
  // FNV-1a, 32 bits: short, stable across versions, and collisions only cost a recheck.
  let h = 0x811c9dc5;
  for (let i = 0; i < tag.length; i++) {
    h ^= tag.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${FACET}t${h.toString(16).padStart(8, '0')}`;
}

/**
 * A number's digits from its start, as the index holds them: 09123456789 for +989123456789,
 * the international digits (442079460958) for another country's, and the digits as typed
 * when they say more (an extension) or could not be read as a number at all.
 */
export function numberStarts(phone: { number: string; e164: string | null }): string[] {
  const typed = toLatinDigits(phone.number).replace(/\D/g, '');
  if (!phone.e164) return typed ? [typed] : [];
  // 98912…, 0912…, 912… for an Iranian number; the international digits alone otherwise.
  const forms = phoneSearchTokens(phone.e164);
  const national = forms[1] ?? forms[0]!;
  // Typed as one of the forms a query is rewritten from, it adds nothing.
  return typed && ![...forms, `00${forms[0]}`].includes(typed) ? [national, typed] : [national];
}

export function searchDocument(s: SearchSource): SearchDocument {
  const forms = s.phones.flatMap(numberStarts);
  const text = [s.displayName, s.honorific, s.jobTitle, ...s.tags, ...s.emails, ...forms].filter(Boolean).join(' ');
  const facets = [kindFacet(s.kind), ...new Set(s.tags.map(tagFacet))];
  const starts = new Set(forms);
  const inner = new Set<string>();
  for (const f of starts) {
    for (let i = 1; f.length - i >= MIN_INNER_DIGITS; i++) {
      const suffix = f.slice(i);
      if (!starts.has(suffix)) inner.add(suffix);
    }
  }
  return {
    words: [normaliseText(text), ...facets].filter(Boolean).join(' '),
    digits: [...inner, ...(inner.size > 0 ? facets : [])].join(' '),
  };
}
