import type { TimelineItem, TimelineKind, TimelinePage } from './schema';

export interface Cursor {
  at: number;
  key: string;
}

/**
 * One kind of thing in an identity's history. Each capability registers its own source
 * (notes and the change log now; appointments, tasks, calls, messages later). A source
 * answers its newest items strictly before the cursor, newest first, keyset-paged on
 * (at, key). Keys are the records' UUIDv7 ids (a note's id, an action's transaction id):
 * unique across sources and time-ordered, so two items of the same millisecond still
 * appear in the order they happened.
 */
export interface TimelineSource {
  kind: TimelineKind;
  page(identityId: string, before: Cursor | null, limit: number): TimelineItem[];
}

export class Timeline {
  private readonly sources = new Map<TimelineKind, TimelineSource>();

  register(source: TimelineSource): void {
    if (this.sources.has(source.kind)) throw new Error(`timeline source ${source.kind} registered twice`);
    this.sources.set(source.kind, source);
  }

  /** Merges one page from every source; correct across sources because each is keyset-paged. */
  page(identityId: string, opts: { kinds?: TimelineKind[] | undefined; before?: Cursor | undefined; limit: number }): TimelinePage {
    const chosen = [...this.sources.values()].filter((s) => !opts.kinds || opts.kinds.includes(s.kind));
    const all = chosen.flatMap((s) => s.page(identityId, opts.before ?? null, opts.limit + 1));
    all.sort((a, b) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
    const items = all.slice(0, opts.limit);
    const last = items[items.length - 1];
    return { items, next: all.length > opts.limit && last ? { at: last.at, key: last.key } : null };
  }
}
