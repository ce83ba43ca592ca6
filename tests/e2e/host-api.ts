/**
 * Calls the suite's web host the way a window does (its WebSocket RPC, with the launch
 * token), for a test's setup: people to refer a task to, who is signed in, a reminder due
 * in a few seconds. What the test is about is done through the UI.
 */
import WebSocket from 'ws';
import { hostUrl } from './fixtures';

export async function callHost<T = unknown>(method: string, input: unknown): Promise<T> {
  const url = new URL(hostUrl());
  const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/rpc?token=${encodeURIComponent(token)}`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const id = 1;
    const answer = new Promise<{ ok: boolean; value?: T; error?: { message: string } }>((resolve) => {
      ws.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { t: string; id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
        if (frame.t === 'result' && frame.id === id && frame.result) resolve(frame.result);
      });
    });
    ws.send(JSON.stringify({ t: 'call', id, method, input }));
    const r = await answer;
    if (!r.ok) throw new Error(`${method} failed: ${r.error?.message}`);
    return r.value as T;
  } finally {
    ws.close();
  }
}
