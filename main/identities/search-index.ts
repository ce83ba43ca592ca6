import { LABELS, labelBetween, type LabelParams, type LabelTable } from './name-order';
import { searchDocument } from './search-document';
import type { IdentityStore, SearchSourceRow } from './store';

/** The name pending_rebuilds knows this index by (set by migration 0005 and by bulk imports). */
const INDEX = 'identity_fts';
const REBUILD_BATCH = 5_000;

/**
 * Keeps the search index in step with the rows, inside the writer's transaction: an
 * identity's documents (search-document.ts) filed under its name-order label (name-order.ts).
 * Everything is derived from the stored rows, so the index can always be rebuilt from them.
 */
export class IdentitySearchIndex {
  private deferring = false;
  private readonly labels: LabelTable;

  constructor(
    private readonly rows: IdentityStore,
    private readonly params: LabelParams = LABELS,
  ) {
    this.labels = {
      between: (lo, hi) => rows.labelsBetween(lo, hi),
      count: (lo, hi) => rows.countLabels(lo, hi),
      move: (moves) => {
        // Every old label goes first: a new label may be another moved row's old one.
        const docs = moves.map((m) => {
          const source = rows.searchSource(m.rid);
          if (!source) throw new Error(`labelled identity ${m.rid} is not listed`);
          return searchDocument(source);
        });
        for (const m of moves) rows.dropIndexed(m.from);
        moves.forEach((m, i) => rows.putIndexed(m.to, m.rid, docs[i]!));
      },
    };
  }

  /** Indexes an identity just inserted (nothing to do yet during a bulk write). */
  indexNew(rid: number, id: string, source: () => Omit<SearchSourceRow, 'rid' | 'id'>): void {
    if (this.deferring) return;
    this.file({ ...source(), rid, id }, undefined);
  }

  /** (Re)indexes one identity from its stored rows; a deleted one leaves the index. */
  index(rid: number): void {
    if (this.deferring) return;
    const source = this.rows.searchSource(rid);
    const old = this.rows.labelOf(rid);
    if (old !== undefined) this.rows.dropIndexed(old);
    if (source) this.file(source, old);
  }

  /** Files an identity's documents under a label between its neighbours' (its old one if it still fits). */
  private file(source: SearchSourceRow, old: number | undefined): void {
    const { before, after } = this.rows.labelsAround(source.sortKey, source.id);
    // An edit that keeps the name keeps the label; a new name finds its new place.
    const keep = old !== undefined && (before === null || before < old) && (after === null || old < after);
    const label = keep ? old : labelBetween(before, after, this.labels, this.params);
    this.rows.putIndexed(label, source.rid, searchDocument(source));
  }

  /**
   * Re-indexes identities changed together outside this index (changes received by sync):
   * all their old entries go first, so each is placed between neighbours whose labels
   * already follow the names now stored (one by one, a renamed neighbour's stale label
   * would be out of order).
   */
  reindex(rids: readonly number[]): void {
    if (this.deferring) return;
    for (const rid of rids) {
      const old = this.rows.labelOf(rid);
      if (old !== undefined) this.rows.dropIndexed(old);
    }
    for (const rid of rids) this.index(rid);
  }

  /**
   * Runs a bulk write (an import) without indexing row by row, then rebuilds the index once.
   * The rebuild is marked pending first, so a crash in between is repaired at the next start.
   */
  bulk<T>(write: () => T, transaction: <R>(fn: () => R) => R): T {
    transaction(() => this.rows.setRebuildPending(INDEX, true));
    this.deferring = true;
    try {
      return write();
    } finally {
      this.deferring = false;
      transaction(() => this.rebuild());
    }
  }

  /** At start: a migration or an interrupted import left the index to be rebuilt. */
  rebuildIfPending(transaction: <R>(fn: () => R) => R): boolean {
    if (!this.rows.rebuildPending(INDEX)) return false;
    transaction(() => this.rebuild());
    return true;
  }

  /** Every listed identity, labels evenly spaced in name order (call inside a transaction). */
  rebuild(): void {
    this.rows.dropAllIndexed();
    let label = this.params.first;
    let after: { sortKey: string; id: string } | null = null;
    for (;;) {
      const batch = this.rows.searchSources(after, REBUILD_BATCH);
      for (const source of batch) {
        if (label >= this.params.universe) throw new Error('the label space is full');
        this.rows.putIndexed(label, source.rid, searchDocument(source));
        label += this.params.spacing;
      }
      const last = batch[batch.length - 1];
      if (!last || batch.length < REBUILD_BATCH) break;
      after = { sortKey: last.sortKey, id: last.id };
    }
    this.rows.setRebuildPending(INDEX, false);
  }
}
