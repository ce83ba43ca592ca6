/**
 * A link between a desk and the server that misbehaves on purpose: it goes down, loses
 * requests before they arrive and answers after they were carried out, delivers a push
 * twice, answers a pull from an earlier cursor (changes delivered again) and shuffles the
 * changes of a page. A desk's sync must come through all of it with nothing lost and
 * nothing applied twice.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Faults {
  dropRequest: number;
  dropResponse: number;
  duplicatePush: number;
  rewindPull: number;
  shufflePull: boolean;
}

export const NO_FAULTS: Faults = { dropRequest: 0, dropResponse: 0, duplicatePush: 0, rewindPull: 0, shufflePull: false };

export class FaultyLink {
  url = '';
  online = true;
  faults: Faults = { ...NO_FAULTS };
  readonly counts = { dropped: 0, lostAnswers: 0, duplicated: 0, rewound: 0 };
  private server: Server | null = null;

  constructor(
    private readonly target: () => string,
    private readonly random: () => number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    // Pokes are not carried: these desks sync when told (and on their timer).
    this.server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (!this.online || this.random() < this.faults.dropRequest) {
      this.counts.dropped++;
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', this.target());
    const isPull = url.pathname === '/sync/pull';
    const isPush = url.pathname === '/sync/push';
    if (isPull && this.random() < this.faults.rewindPull) {
      const after = Number(url.searchParams.get('after') ?? 0);
      url.searchParams.set('after', String(Math.max(0, after - 1 - Math.floor(this.random() * 40))));
      this.counts.rewound++;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
    ) as Record<string, string>;
    const send = () =>
      fetch(url, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
    let answer: Response;
    try {
      answer = await send();
      if (isPush && this.random() < this.faults.duplicatePush) {
        this.counts.duplicated++;
        answer = await send();
      }
    } catch {
      req.socket.destroy(); // the server is down: the desk sees no answer
      return;
    }
    let body = await answer.text();
    if (isPull && answer.ok && this.faults.shufflePull) {
      const page = JSON.parse(body) as { changes: unknown[] };
      for (let i = page.changes.length - 1; i > 0; i--) {
        const j = Math.floor(this.random() * (i + 1));
        [page.changes[i], page.changes[j]] = [page.changes[j], page.changes[i]];
      }
      body = JSON.stringify(page);
    }
    if (this.random() < this.faults.dropResponse) {
      this.counts.lostAnswers++;
      req.socket.destroy(); // carried out, but the desk never hears
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(body);
  }
}

/** mulberry32: a seeded generator, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
