/**
 * Registration against a real Kamailio with digest auth and a wss listener whose
 * certificate a test CA signed: plain ws, wss trusting that CA, wss refusing an unknown CA,
 * a wrong password, and coming back by itself after the PBX restarts.
 */
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
});
