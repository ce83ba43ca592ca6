/**
 * What the backend said was written, so each query refetches only when a table it reads
 * changed (docs/architecture.md, "How a request flows"). Changes are numbered as they
 * arrive; listeners hear about them together, about 50 ms after the first of a burst.
 * A reset (reconnect, another user signed in) makes everything stale.
 */
export interface Change {
  seq: number;
  tables: readonly string[];
}

const KEEP = 1000;

export class ChangeFeed {
  seq = 0;
  epoch = 0;
  private log: Change[] = [];
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly coalesceMs = 50) {}

  changed(tables: readonly string[]): void {
    this.seq += 1;
    this.log.push({ seq: this.seq, tables });
    if (this.log.length > KEEP) this.log = this.log.slice(-KEEP / 2);
    this.schedule();
  }

  reset(): void {
    this.epoch += 1;
    this.schedule();
  }

  /** True when a change after `afterSeq` touched one of `reads` (undefined: any table). */
  touched(reads: readonly string[] | undefined, afterSeq: number): boolean {
    if (afterSeq >= this.seq) return false;
    // Older than what is kept: assume it touched (a refetch too many beats a stale screen).
    if (this.log.length === 0 || this.log[0]!.seq > afterSeq + 1) return true;
    return this.log.some((c) => c.seq > afterSeq && (!reads || c.tables.some((t) => reads.includes(t))));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      for (const l of this.listeners) l();
    }, this.coalesceMs);
  }
}
