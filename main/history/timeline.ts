import type { TimelineSource } from '../api/capability';
import type { TimelineItem, TimelinePage } from './schema';
import type { UserRef } from '../organisation/schema';

/**
 * Merges one page from every capability's timeline source (notes, changes, appointments,
 * calls, …): correct across sources because each is keyset-paged on (at, key), and keys are
 * UUIDv7 ids, so two items of the same millisecond keep the order they happened in.
 */
export class Timeline {
  constructor(
    private readonly sources: () => readonly TimelineSource[],
    private readonly userRef: (id: string | null) => UserRef | null,
  ) {}

  page(identityId: string, opts: { kinds?: string[] | undefined; before?: { at: number; key: string } | undefined; limit: number }): TimelinePage {
    const chosen = this.sources().filter((s) => !opts.kinds || opts.kinds.includes(s.kind));
    const all = chosen.flatMap((s) => s.page(identityId, opts.before ?? null, opts.limit + 1));
    all.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const entries = all.slice(0, opts.limit);
    const last = entries[entries.length - 1];
    const items: TimelineItem[] = entries.map((e) => ({ kind: e.kind, key: e.key, at: e.at, actor: this.userRef(e.actorId), data: e.data }));
    return { items, next: all.length > opts.limit && last ? { at: last.at, key: last.key } : null };
  }
}
