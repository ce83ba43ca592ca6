import { normaliseText, toLatinDigits } from '../../db/text';
import { phoneSearchTokens } from './phone';

/**
 * What the search index holds for one identity: two documents, both pure functions of the
 * stored rows, so an identity indexed when it is saved and one indexed by a rebuild read the
 * same.
 *
 * - `words`: the name, honorific, job title, tags, email addresses and every phone number as
 *   whole runs of digits (as typed, 98912…, 0912…, 912…), folded by normaliseText; plus
 *   facet tokens for the kind and each tag, so a filter is one more term of the same query.
 * - `digits`: the inner parts of the phone numbers (every suffix of 4+ digits that does not
 *   start a number already), so a number is found by any 4+ digits it contains ("4567" finds
 *   0912 123 4567) while a short run only matches the start of a number.
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

/** A number's digit runs a person may type from its start. */
export function phoneForms(phone: { number: string; e164: string | null }): string[] {
  const typed = toLatinDigits(phone.number).replace(/\D/g, '');
  return [...new Set([typed, ...(phone.e164 ? phoneSearchTokens(phone.e164) : [])].filter((d) => d.length > 0))];
}

export function searchDocument(s: SearchSource): SearchDocument {
  const forms = s.phones.flatMap(phoneForms);
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
