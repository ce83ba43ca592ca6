import { rmSync } from 'node:fs';
import type { SessionService } from '../../main/session/service';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LogFields, Logger } from '../../main/api/log';
import { startWebHost, type WebHost } from '../../main/host/webhost';
import { ADMIN_PASSWORD, TEST_CAPABILITY_OPTIONS, tempDir } from '../api/backend-fixture';
import { connectRpc } from './rpc-client';

const dir = tempDir('backpressure');
const lines: { level: string; message: string; fields?: LogFields }[] = [];
const logger: Logger = {
  info: (message, fields) => lines.push({ level: 'info', message, ...(fields ? { fields } : {}) }),
  warn: (message, fields) => lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) }),
  error: (message, fields) => lines.push({ level: 'error', message, ...(fields ? { fields } : {}) }),
};
let host: WebHost;

beforeAll(async () => {
  host = await startWebHost({ dataDir: join(dir, 'data'), port: 0, rendererDir: join(dir, 'none'), capabilityOptions: TEST_CAPABILITY_OPTIONS, logger });
  host.backend.service<SessionService>('session').setUp(ADMIN_PASSWORD);
  const c = await connectRpc(host.url);
  for (let i = 0; i < 50; i++) await c.call('identities.create', { kind: 'person', firstName: `پر${i}`, notes: 'ی'.repeat(500) });
  c.close();
  await c.closed;
  await waitUntil(() => host.peers.size === 0);
});
afterAll(async () => {
  await host?.close();
  rmSync(dir, { recursive: true, force: true });
});

const waitUntil = async (cond: () => boolean, ms = 60_000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('backpressure', () => {
  it('40,000 calls from a client that never reads its answers: it is disconnected with a log line, memory stays bounded, others go on', async () => {
    const token = new URLSearchParams(new URL(host.url).hash.slice(1)).get('token')!;
    const greedy = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${token}`);
    await new Promise((r) => greedy.once('open', r));
    greedy.pause(); // reads nothing from here on
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const polite = await connectRpc(host.url);
    try {
      for (let i = 0; i < 40_000; i++) greedy.send(JSON.stringify({ t: 'call', id: i, method: 'identities.list', input: { limit: 50 } }));
      await waitUntil(() => lines.some((l) => l.message === 'client disconnected'));
      await waitUntil(() => host.peers.size === 1); // only the polite one left
      const line = lines.find((l) => l.message === 'client disconnected')!;
      expect(line.level).toBe('warn');
      expect(line.fields?.why).toBe('answers are not being read');
      // The probe without limits grew the host to 3.4 GB; bounded, it stays within a few answers' worth.
      expect(peakRss - rssBefore).toBeLessThan(256 * 1024 * 1024);
      // Another window is not affected.
      expect((await polite.call('identities.list', { limit: 2 })).ok).toBe(true);
    } finally {
      clearInterval(sampler);
      greedy.terminate();
      polite.close();
    }
  });

  it('a burst of calls from a client that reads is answered in full (reading pauses, nothing is dropped)', async () => {
    const c = await connectRpc(host.url);
    try {
      const answers = await Promise.all(Array.from({ length: 500 }, () => c.call('session.get', {})));
      expect(answers.every((a) => a.ok)).toBe(true);
    } finally {
      c.close();
    }
  });
});
