import { normaliseText } from '../../db/text';

interface NameParts {
  kind: 'person' | 'organisation';
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  organisationName?: string | null | undefined;
}

/** What lists, popups and search results show for an identity. */
export function displayName(p: NameParts): string {
  if (p.kind === 'organisation') return p.organisationName ?? '';
  return [p.firstName, p.lastName].filter(Boolean).join(' ');
}

/** Ordering key: the display name folded like search text, so ي/ی sort together. */
export function sortKey(p: NameParts): string {
  return normaliseText(displayName(p));
}
