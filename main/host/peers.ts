import type { Router, Caller } from '../api/router';
import { parseCallFrame, type ServerFrame } from '../api/rpc';

/** One connected window (a MessagePort in the app, a WebSocket under the web host). */
export interface Peer {
  /** Feed every frame the transport receives; malformed frames are dropped. */
  receive(data: unknown): Promise<void>;
  close(): void;
}

/**
 * Connects transports to the router and pushes events to every open peer. The transports
 * only move frames; all checking happens here and in the router.
 */
export class Peers {
  private readonly open = new Set<(frame: ServerFrame) => void>();

  constructor(
    private readonly router: Router,
    private readonly caller: () => Caller,
  ) {}

  connect(send: (frame: ServerFrame) => void): Peer {
    this.open.add(send);
    let closed = false;
    return {
      receive: async (data) => {
        const frame = parseCallFrame(data);
        if (!frame || closed) return;
        const result = await this.router.call(frame.method, frame.input, this.caller());
        if (!closed) send({ t: 'result', id: frame.id, result });
      },
      close: () => {
        closed = true;
        this.open.delete(send);
      },
    };
  }

  broadcast(event: string, payload: unknown): void {
    for (const send of this.open) {
      try {
        send({ t: 'event', event, payload });
      } catch {
        // A peer whose transport just died; its close() follows.
      }
    }
  }

  get size(): number {
    return this.open.size;
  }
}
