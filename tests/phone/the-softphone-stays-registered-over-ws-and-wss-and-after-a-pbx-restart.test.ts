/**
 * Registration against a real Kamailio with digest auth and a wss listener whose
 * certificate a test CA signed: plain ws, wss trusting that CA, wss refusing an unknown CA,
 * a wrong password, and coming back by itself after the PBX restarts or after the network
 * goes silent (a cable pulled: no close, no answer, only the pings notice).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { account, makePhone, type TestPhone } from './softphone-fixture';

let pbx: Kamailio;
const phones: TestPhone[] = [];

beforeAll(async () => {
  pbx = await startKamailio({ auth: true, tls: true });
});
afterAll(async () => {
  // User agents first: with the PBX gone their goodbyes would wait for time-outs.
  await Promise.all(phones.map((p) => p.phone.stop()));
  await pbx?.close();
});

/**
 * A TCP relay to the PBX that can go silent: after `cut()` every open connection stays open
 * but nothing passes either way (as when a cable is pulled); `mend()` lets new connections
 * through again.
 */
async function silentableRelay(port: number): Promise<{ url: string; cut(): void; mend(): void; close(): Promise<void> }> {
  let silent = false;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    if (silent) return; // accepted, then never answered
    const upstream = connect(port, '127.0.0.1');
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      open.add(from);
      from.on('data', (d) => !silent && to.write(d));
      from.on('close', () => to.destroy());
      from.on('error', () => to.destroy());
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port: relayPort } = server.address() as { port: number };
  return {
    url: `ws://127.0.0.1:${relayPort}`,
    cut: () => (silent = true),
    mend: () => (silent = false),
    close: async () => {
      if (!server.listening) return;
      for (const s of open) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}

function phone(...args: Parameters<typeof makePhone>): TestPhone {
  const p = makePhone(...args);
  phones.push(p);
  return p;
}

describe('the softphone registers', () => {
  it('over ws:// with digest auth', async () => {
    const p = phone(account(pbx, '201'));
    await p.phone.start();
    await p.registered();
    expect(p.phone.registration).toBe('registered');
    expect(p.reported.filter((r) => r.type === 'status').map((r) => r.type === 'status' && r.status.state)).toEqual([
      'connecting',
      'registered',
    ]);
  });

  it('over wss:// when the office CA is trusted, checking the certificate', async () => {
    const p = phone(account(pbx, '202', { server: pbx.wssUrl, trustedCaPem: pbx.caPem }));
    await p.phone.start();
    await p.registered();
    expect(p.phone.registration).toBe('registered');
  });

  it('not over wss:// with a certificate from an unknown CA, and says it is the certificate', async () => {
    const p = phone(account(pbx, '203', { server: pbx.wssUrl }));
    await p.phone.start();
    const failed = await p.next('status', (r) => r.status.state === 'unregistered', { since: 0 });
    expect(failed.status.error).toBe('certificate');
    expect(failed.status.retryAt).toBeGreaterThan(Date.now() - 1000);
    expect(p.phone.registration).not.toBe('registered');
  });

  it('not with a wrong password, and says it is the password', async () => {
    const p = phone(account(pbx, '204', { password: 'wrong' }));
    await p.phone.start();
    const failed = await p.next('status', (r) => r.status.state === 'unregistered', { since: 0 });
    expect(failed.status.error).toBe('auth');
  });

  it('again by itself after the PBX restarts (its registrations forgotten)', async () => {
    const p = phone(account(pbx, '205'));
    await p.phone.start();
    await p.registered();
    const mark = p.reported.length;
    await pbx.stop();
    const lost = await p.next('status', (r) => r.status.state === 'unregistered', { since: mark });
    expect(lost.status.error).toBe('network');
    // Down for a while: the attempts come further and further apart (backoff 200 ms → 1 s, ±20 %).
    await new Promise((r) => setTimeout(r, 2_500));
    await pbx.start();
    await p.next('status', (r) => r.status.state === 'registered', { since: mark, timeoutMs: 20_000 });
    const delays = p.reported
      .slice(mark)
      .flatMap((r) => (r.type === 'status' && r.status.retryAt ? [r.status.retryAt - r.at] : []));
    expect(delays.length).toBeGreaterThanOrEqual(4);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(delays[2]!).toBeGreaterThan(delays[1]!);
    expect(Math.max(...delays)).toBeLessThanOrEqual(1_200);
    // The wss phone of the second test is back too.
    const wss = phones[1]!;
    await wss.next('status', (r) => r.status.state === 'registered', { since: 2, timeoutMs: 20_000 });
  });

  it('again by itself after the network goes silent, noticed by its pings; and stops at once with the line gone', async () => {
    const relay = await silentableRelay(pbx.wsPort);
    try {
      const p = phone(account(pbx, '206', { server: relay.url }), { pingIntervalMs: 300 });
      await p.phone.start();
      await p.registered();
      const mark = p.reported.length;
      relay.cut();
      // No close and no error reach the phone: only the unanswered ping tells it the line is dead.
      const lost = await p.next('status', (r) => r.status.state === 'unregistered', { since: mark, timeoutMs: 10_000 });
      expect(lost.status.error).toBe('network');
      relay.mend();
      await p.next('status', (r) => r.status.state === 'registered', { since: mark, timeoutMs: 20_000 });
      // With the line gone for good it still stops at once, not after SIP's 32 s timer F.
      await relay.close();
      const stopped = await Promise.race([p.phone.stop().then(() => 'stopped'), new Promise((r) => setTimeout(() => r('still waiting'), 10_000))]);
      expect(stopped).toBe('stopped');
    } finally {
      await relay.close();
    }
  });
});
