/**
 * Hybrid logical clock: wall time plus a counter, so changes made on one device are ordered
 * even when the clock stands still or steps back, and changes from different devices compare
 * sensibly for last-writer-wins per field. Timestamps are strings that sort in time order:
 *   "<wall ms, 15 digits>:<counter, 6 base-36 digits>:<node id>"
 */
export class Hlc {
  private wall = 0;
  private counter = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number,
  ) {
    if (!/^[0-9a-z-]{1,64}$/i.test(node)) throw new Error(`invalid HLC node id: ${node}`);
  }

  /** A timestamp for a local event. */
  tick(): string {
    const { wall, counter } = this.tickParts();
    return formatHlc(wall, counter, this.node);
  }

  /** The same, as its parts (the change log stores them as numbers; the node is this clock's). */
  tickParts(): { wall: number; counter: number; node: string } {
    const t = this.now();
    if (t > this.wall) {
      this.wall = t;
      this.counter = 0;
    } else {
      this.counter++;
    }
    return { wall: this.wall, counter: this.counter, node: this.node };
  }

  /** Moves the clock past a timestamp seen from another device. */
  receive(remote: string): void {
    const r = parseHlc(remote);
    const t = this.now();
    const wall = Math.max(t, this.wall, r.wall);
    if (wall === this.wall && wall === r.wall) this.counter = Math.max(this.counter, r.counter) + 1;
    else if (wall === this.wall) this.counter++;
    else if (wall === r.wall) this.counter = r.counter + 1;
    else this.counter = 0;
    this.wall = wall;
  }
}

export function formatHlc(wall: number, counter: number, node: string): string {
  return `${String(wall).padStart(15, '0')}:${counter.toString(36).padStart(6, '0')}:${node}`;
}

export function parseHlc(s: string): { wall: number; counter: number; node: string } {
  const m = /^(\d{15}):([0-9a-z]{6}):(.+)$/.exec(s);
  if (!m) throw new Error(`invalid HLC timestamp: ${s}`);
  return { wall: Number(m[1]), counter: parseInt(m[2]!, 36), node: m[3]! };
}
