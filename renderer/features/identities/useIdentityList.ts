/**
 * The contacts list: keyset pages from identities.list, plus, when the search box holds a
 * phone number, the exact matches of identities.lookupPhone first (a number typed as
 * +98 912…, 0098…, ۰۹۱۲… must find the person whatever format it was saved in).
 * Paging, reloads after a change and "load more" are usePagedList's.
 */
import type { IdentityKind, IdentityPage, IdentitySummary } from '../../../main/contract';
import { usePagedList, type PagedList } from '../../api/usePagedList';
import { looksLikePhone } from '../../format/phone';

export const PAGE_SIZE = 50;
/** What an identity's summary is read from: a change elsewhere does not reload the list. */
export const IDENTITY_TABLES = ['identities', 'identity_phones', 'identity_emails', 'identity_addresses'];

export type IdentityList = PagedList<IdentitySummary>;

export function useIdentityList(query: string, kind: IdentityKind | undefined): IdentityList {
  const q = query.trim();
  const filter = { ...(q ? { query: q } : {}), ...(kind ? { kind } : {}) };
  return usePagedList<IdentitySummary, NonNullable<IdentityPage['next']>>({
    key: JSON.stringify([q, kind ?? null]),
    reads: IDENTITY_TABLES,
    pageSize: PAGE_SIZE,
    fetchPage: (api, after, limit) => api.call('identities.list', { ...filter, ...(after ? { after } : {}), limit }),
    itemKey: (i) => i.id,
    // The phone lookup ignores the kind filter, so its matches are filtered here.
    pinned: looksLikePhone(q)
      ? (api) =>
          api
            .call('identities.lookupPhone', { number: q })
            .then((p) => (p.ok ? p.value.matches.filter((m) => !kind || m.kind === kind) : []))
      : undefined,
  });
}
