/** A minimal API client over the web host's WebSocket, for tests that drive hosts in other processes. */
import WebSocket from 'ws';
import type { Result } from '../../main/api/rpc';

export interface RpcClient {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  /** Resolves when the socket is closed (by either side). */
  closed: Promise<void>;
  close(): void;
}

/** Connects to the host behind a page URL of the form http://127.0.0.1:PORT/#token=TOKEN. */
export function connectRpc(pageUrl: string): Promise<RpcClient> {
  const u = new URL(pageUrl);
  const token = new URLSearchParams(u.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${u.host}/rpc?token=${encodeURIComponent(token)}`);
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: Result<unknown> };
    if (frame.t === 'result' && frame.id !== undefined) {
      pending.get(frame.id)?.(frame.result!);
      pending.delete(frame.id);
    }
  });
  const closed = new Promise<void>((r) => ws.once('close', () => r()));
  void closed.then(() => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'unavailable', message: 'closed' } });
    pending.clear();
  });
  return new Promise((resolve, reject) => {
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        call(method, input) {
          const id = nextId++;
          return new Promise((r) => {
            if (ws.readyState !== ws.OPEN) return r({ ok: false, error: { code: 'unavailable', message: 'closed' } });
            pending.set(id, r);
            ws.send(JSON.stringify({ t: 'call', id, method, input }));
          });
        },
        closed,
        close: () => ws.terminate(),
      }),
    );
  });
}
