/**
 * Calls between the softphone and real far ends through a real Kamailio with digest auth:
 * sipp calls in (answered, missed, declined, do-not-disturb, call waiting), the softphone
 * calls baresip (answered, cancelled, unknown number), and in-call control (hold, mute,
 * DTMF, blind and attended transfer). Media is the fixed-SDP handler: signalling only.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBaresip, type Baresip } from '../services/sip/baresip';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { quoted, sipp, startSipp } from '../services/sip/sipp';
import { account, makePhone, type TestPhone } from './softphone-fixture';

let pbx: Kamailio;
let desk: TestPhone;
const farEnds: Baresip[] = [];

beforeAll(async () => {
  pbx = await startKamailio({ auth: true });
  // The PBX's port is part of the domain: a transfer target (Refer-To) must reach it.
  desk = makePhone(account(pbx, '100', { displayName: 'Reception', domain: `127.0.0.1:${pbx.udpPort}` }));
  await desk.phone.start();
  await desk.registered();
});
afterEach(async () => {
  // A test that failed half-way must not leave calls taking the lines of the next.
  for (const c of desk.phone.list()) await desk.phone.hangup(c.id).catch(() => {});
});
afterAll(async () => {
  await desk?.phone.stop();
  await Promise.all(farEnds.map((b) => b.stop()));
  await pbx?.close();
});

async function baresip(user: string, answer: 'auto' | 'manual' = 'auto'): Promise<Baresip> {
  const b = await startBaresip(pbx, { user, answer });
  farEnds.push(b);
  return b;
}

/** Answers the next incoming call as soon as it rings. */
function answerNext(): Promise<string> {
  return desk.next('incoming').then(async (r) => {
    await desk.phone.answer(r.call.id);
    return r.call.id;
  });
}

describe('a call from sipp', () => {
  it('answered and hung up by the caller ends "answered" with the caller ID of From', async () => {
    const incoming = desk.next('incoming');
    const answered = answerNext();
    const result = sipp(pbx, { scenario: 'answered-caller-hangs-up', to: '100', caller: '09121234567', display: quoted('علی رضایی'), holdMs: 300 });
    const { call } = await incoming;
    expect(call).toMatchObject({ direction: 'incoming', number: '09121234567', remoteName: 'علی رضایی', state: 'ringing', waiting: false });
    const id = await answered;
    const ended = await desk.next('ended', (r) => r.call.id === id);
    expect(ended.call.outcome).toBe('answered');
    expect(ended.call.answeredAt).not.toBeNull();
    expect(ended.call.endedAt! - ended.call.answeredAt!).toBeGreaterThanOrEqual(250);
    expect((await result).successful).toBe(1);
  });

  it('answered and hung up by the desk ends "answered"; sipp gets our BYE', async () => {
    const answered = answerNext();
    const result = sipp(pbx, { scenario: 'answered-desk-hangs-up', to: '100' });
    const id = await answered;
    await desk.next('updated', (r) => r.call.id === id && r.call.state === 'connected', { since: 0 });
    await desk.phone.hangup(id);
    expect((await desk.next('ended', (r) => r.call.id === id, { since: 0 })).call.outcome).toBe('answered');
    expect((await result).successful).toBe(1);
  });

  it('that the caller gives up on is "missed"', async () => {
    const incoming = desk.next('incoming');
    const result = sipp(pbx, { scenario: 'caller-gives-up', to: '100', holdMs: 400 });
    const { call } = await incoming;
    const ended = await desk.next('ended', (r) => r.call.id === call.id);
    expect(ended.call.outcome).toBe('missed');
    expect(ended.call.answeredAt).toBeNull();
    expect((await result).successful).toBe(1);
  });

  it('declined at the desk is "rejected" (603)', async () => {
    const incoming = desk.next('incoming');
    const result = sipp(pbx, { scenario: 'refused', to: '100' });
    const { call } = await incoming;
    await desk.phone.decline(call.id);
    expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('rejected');
    const r = await result;
    expect(r.successful).toBe(1);
    expect(r.output).toContain('603');
  });

  it('while do-not-disturb is on is answered busy (486) at once and recorded "busy", without ringing', async () => {
    desk.phone.setDoNotDisturb(true);
    try {
      const incoming = desk.next('incoming');
      const result = sipp(pbx, { scenario: 'refused', to: '100' });
      const r = await incoming;
      expect(r.refused).toBe('dnd');
      expect((await desk.next('ended', (e) => e.call.id === r.call.id, { since: 0 })).call.outcome).toBe('busy');
      expect((await result).output).toContain('486');
    } finally {
      desk.phone.setDoNotDisturb(false);
    }
  });
});

describe('call waiting', () => {
  it('a second call rings while the first is up; answering it holds the first; a third gets busy', async () => {
    const caller1 = await baresip('321');
    const first = answerNext();
    await caller1.dial('100');
    const id1 = await first;
    await desk.next('updated', (r) => r.call.id === id1 && r.call.state === 'connected', { since: 0 });

    const second = desk.next('incoming');
    const call2 = startSipp(pbx, { scenario: 'answered-caller-hangs-up', to: '100', caller: '02188882222', holdMs: 500 });
    const r2 = await second;
    expect(r2.call).toMatchObject({ waiting: true, number: '02188882222' });
    expect(r2.refused).toBeNull();

    const third = desk.next('incoming');
    const call3 = sipp(pbx, { scenario: 'refused', to: '100', caller: '02188883333' });
    const r3 = await third;
    expect(r3.refused).toBe('busy');
    expect((await call3).output).toContain('486');

    await desk.phone.answer(r2.call.id);
    const held = await desk.next('updated', (r) => r.call.id === id1 && r.call.held, { since: 0 });
    expect(held.call.state).toBe('connected');
    expect(desk.media.log.holds.get(id1)).toBe(1);
    expect((await call2.done).successful).toBe(1);
    await desk.phone.hangup(id1);
  });
});

describe('a call from the desk to baresip', () => {
  it('is answered, carries hold, mute and DTMF, and ends "answered" when we hang up', async () => {
    const far = await baresip('301');
    const established = far.waitFor('CALL_ESTABLISHED');
    const call = desk.phone.dial('۳۰۱');
    expect(call).toMatchObject({ direction: 'outgoing', number: '301', state: 'dialing' });
    await established;
    await desk.next('updated', (r) => r.call.id === call.id && r.call.state === 'connected', { since: 0 });

    await desk.phone.hold(call.id, true);
    expect(desk.phone.get(call.id)?.held).toBe(true);
    await desk.phone.hold(call.id, false);
    expect(desk.phone.get(call.id)?.held).toBe(false);
    await desk.phone.mute(call.id, true);
    expect(desk.media.log.muted.get(call.id)).toBe(true);
    await desk.phone.dtmf(call.id, '12#');
    expect(desk.media.log.tones.get(call.id)).toBe('12#');

    const closed = far.waitFor('CALL_CLOSED');
    await desk.phone.hangup(call.id);
    await closed;
    expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('answered');
  });

  it('hung up before it is answered is "missed" (no answer), after the far end rang', async () => {
    const far = await baresip('302', 'manual');
    const ringing = far.waitFor('CALL_INCOMING');
    const call = desk.phone.dial('302');
    await ringing;
    await desk.next('updated', (r) => r.call.id === call.id && r.call.remoteRinging, { since: 0 });
    await desk.phone.hangup(call.id);
    expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('missed');
  });

  it('to a number nobody has is "failed"', async () => {
    const call = desk.phone.dial('399');
    expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('failed');
  });
});

describe('transfer', () => {
  it('blind: the caller is sent on to another number and our leg ends', async () => {
    const caller = await baresip('311');
    const target = await baresip('312');
    const answered = answerNext();
    await caller.dial('100');
    const id = await answered;
    await desk.next('updated', (r) => r.call.id === id && r.call.state === 'connected', { since: 0 });

    const targetRings = target.waitFor('CALL_ESTABLISHED');
    await desk.phone.transfer(id, '312');
    const ended = await desk.next('ended', (r) => r.call.id === id, { since: 0 });
    expect(ended.call).toMatchObject({ outcome: 'answered', transferredTo: '312' });
    const e = await targetRings;
    expect(String(e.peeruri)).toContain('311');
  });

  it('attended: after a consultation call, the caller is connected to the person consulted; both our legs end', async () => {
    const caller = await baresip('331');
    const consulted = await baresip('332');
    const answered = answerNext();
    await caller.dial('100');
    const id = await answered;
    await desk.next('updated', (r) => r.call.id === id && r.call.state === 'connected', { since: 0 });
    await desk.phone.hold(id, true);

    const consultUp = consulted.waitFor('CALL_ESTABLISHED');
    const consult = desk.phone.dial('332');
    await consultUp;
    await desk.next('updated', (r) => r.call.id === consult.id && r.call.state === 'connected', { since: 0 });

    const replaced = consulted.waitFor('CALL_ESTABLISHED', { match: (e) => String(e.peeruri).includes('331') });
    await desk.phone.attendedTransfer(id, consult.id);
    const first = await desk.next('ended', (r) => r.call.id === id, { since: 0 });
    expect(first.call).toMatchObject({ outcome: 'answered', transferredTo: '332' });
    await replaced;
    await desk.next('ended', (r) => r.call.id === consult.id, { since: 0, timeoutMs: 10_000 });
  });
});
