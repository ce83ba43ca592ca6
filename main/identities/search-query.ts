import { normaliseText, searchWords } from '../../db/text';
import { MIN_INNER_DIGITS, kindFacet, tagFacet } from './search-document';

/**
 * What a search box and the list filters ask of the index (see search-document.ts for what
 * it holds), as FTS5 MATCH expressions:
 * - every word typed must start a word of the identity (in any order);
 * - a run of digits starts a phone number also when typed without its leading 0 (912…) or
 *   with the country code (98912…, 0098912…): the index holds numbers in national form (0912…);
 * - a number typed with spaces, dashes or brackets ("0912 123 4567", "+98 912…",
 *   "(021) 8888…") also matches as one run of digits: from the start of a phone number, or,
 *   with 4+ digits, anywhere inside one ("4567" finds 0912 123 4567);
 * - the kind and tag filters are facet terms of the same query.
 */
export interface SearchMatch {
  /** For the words index. */
  words: string;
  /** For the inner-digits index, when the query is a number of 4+ digits. */
  digits: string | null;
}

export interface SearchFilters {
  kind?: 'person' | 'organisation' | undefined;
  tag?: string | undefined;
}

/**
 * null: no text and no filter (list everything in name order); 'nothing': text with nothing
 * searchable in it, which matches no identity.
 */
export function searchMatch(query: string | undefined, filters: SearchFilters): SearchMatch | 'nothing' | null {
  const facets = [filters.kind ? kindFacet(filters.kind) : null, filters.tag ? tagFacet(filters.tag) : null]
    .filter((f): f is string => f !== null)
    .map((f) => `"${f}"`)
    .join(' AND ');
  const text = query?.trim();
  if (!text) return facets ? { words: facets, digits: null } : null;

  const typed = searchWords(text);
  const words = typed.length > 0 ? typed.map((w) => (/^\d+$/.test(w) ? numberStart(w) : `"${w.replace(/"/g, '""')}"*`)).join(' AND ') : null;
  const digits = numberTyped(text);
  const run = digits && digits.length >= 2 ? numberStart(digits) : null;
  const any = words && run ? `(${words}) OR ${run}` : (words ?? run);
  if (!any) return 'nothing';
  const withFacets = (m: string) => (facets ? `(${m}) AND ${facets}` : m);
  return {
    words: withFacets(any),
    digits: digits && digits.length >= MIN_INNER_DIGITS ? withFacets(`"${digits}"*`) : null,
  };
}

/** The start of a number as the index holds it (0912…), whichever way the run was typed. */
function numberStart(run: string): string {
  const terms = [...new Set(startForms(run))].map((s) => `"${s}"*`);
  return terms.length > 1 ? `(${terms.join(' OR ')})` : terms[0]!;
}

/** A typed run of digits, and what it is when read as the start of a number. */
function startForms(run: string): string[] {
  const forms = [run];
  if (!run.startsWith('0')) forms.push(`0${run}`);
  if (run.startsWith('98')) forms.push(`0${run.slice(2)}`);
  // 00 dials abroad (0098 912…, 0044 20…); no country code starts with 0, so "0012" (the
  // end of a number, remembered) is only ever digits as typed.
  if (/^00[1-9]/.test(run)) forms.push(...startForms(run.slice(2)));
  return forms;
}

/** The digits of a query that is only a phone number (digits and separators), else null. */
function numberTyped(query: string): string | null {
  // Folded first: Persian and Arabic digits, and the direction marks pasted numbers carry.
  const latin = normaliseText(query);
  if (!/^[+\d\s\-()./]+$/.test(latin)) return null;
  return latin.replace(/\D/g, '');
}
