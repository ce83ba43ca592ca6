/**
 * The SessionDescriptionHandler the backend gives SIP.js is a proxy (main/phone/media.ts):
 * every media step becomes a request to the window's media engine and waits for its reply.
 * Here an engine stand-in answers in-process (as the renderer does over the API), while the
 * signalling is real: sipp calls the softphone through Kamailio.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaBroker } from '../../main/phone/media';
import type { MediaReply, MediaRequest } from '../../main/phone/schema';
import { startBaresip, type Baresip } from '../services/sip/baresip';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { sipp } from '../services/sip/sipp';
import { account, makePhone, type TestPhone } from './softphone-fixture';

let pbx: Kamailio;
let desk: TestPhone;
let far: Baresip;
const requests: MediaRequest[] = [];
/** What the engine does with a request; a test may swap it. */
let engine: (r: MediaRequest) => MediaReply | null = answerLikeABrowser;
const broker = new MediaBroker((r) => {
  requests.push(r);
  const reply = engine(r);
  if (reply) setTimeout(() => broker.respond(reply), 5);
}, 1_500);

function answerLikeABrowser(r: MediaRequest): MediaReply {
  if (r.op === 'describe') {
    const dir = r.hold ? 'sendonly' : 'sendrecv';
    return { requestId: r.requestId, ok: true, sdp: `v=0\r\no=- 1 ${r.requestId} IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 41000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=${dir}\r\n` };
  }
  return { requestId: r.requestId, ok: true };
}

beforeAll(async () => {
  pbx = await startKamailio({ auth: true });
  desk = makePhone(account(pbx, '100'), { media: broker });
  await desk.phone.start();
  await desk.registered();
  far = await startBaresip(pbx, { user: '301' });
});
afterAll(async () => {
  await desk?.phone.stop();
  await far?.stop();
  await pbx?.close();
});

const opsOf = (callId: string) => requests.filter((r) => r.callId === callId).map((r) => (r.op === 'describe' && r.hold ? 'describe(hold)' : r.op));

describe('with an engine attached', () => {
  it('an answered call applies the offer, describes the answer, and closes at the end', async () => {
    broker.attach('engine-one-0001');
    const incoming = desk.next('incoming');
    const result = sipp(pbx, { scenario: 'answered-caller-hangs-up', to: '100', holdMs: 300 });
    const { call } = await incoming;
    await desk.phone.answer(call.id);
    await desk.next('ended', (r) => r.call.id === call.id, { since: 0 });
    expect((await result).successful).toBe(1);
    expect(opsOf(call.id)).toEqual(['apply', 'describe', 'close']);
    const apply = requests.find((r) => r.callId === call.id && r.op === 'apply') as Extract<MediaRequest, { op: 'apply' }>;
    expect(apply.sdp).toContain('a=ice-ufrag:sipp');
    expect(apply.engineId).toBe('engine-one-0001');
  });

  it('an outgoing call with hold and DTMF: offer, answer, hold offer, answer, tones', async () => {
    const up = far.waitFor('CALL_ESTABLISHED');
    const call = desk.phone.dial('301');
    await up;
    await desk.next('updated', (r) => r.call.id === call.id && r.call.state === 'connected', { since: 0 });
    await desk.phone.hold(call.id, true);
    await desk.phone.dtmf(call.id, '5#');
    await desk.phone.mute(call.id, true);
    await desk.phone.hangup(call.id);
    await desk.next('ended', (r) => r.call.id === call.id, { since: 0 });
    expect(opsOf(call.id)).toEqual(['describe', 'apply', 'describe(hold)', 'apply', 'dtmf', 'mute', 'close']);
  });

  it('the newest engine serves; a detached one gets nothing', async () => {
    broker.attach('engine-two-0002');
    broker.detach('engine-one-0001'); // not the current one: no effect
    const incoming = desk.next('incoming');
    const result = sipp(pbx, { scenario: 'answered-caller-hangs-up', to: '100', holdMs: 200 });
    const { call } = await incoming;
    await desk.phone.answer(call.id);
    await result;
    expect(new Set(requests.filter((r) => r.callId === call.id).map((r) => r.engineId))).toEqual(new Set(['engine-two-0002']));
  });
});

describe('without a working engine', () => {
  it('answering fails and the call ends "failed" when no window lends its media', async () => {
    broker.detach('engine-two-0002');
    const incoming = desk.next('incoming');
    const result = sipp(pbx, { scenario: 'refused', to: '100' });
    const { call } = await incoming;
    await expect(desk.phone.answer(call.id)).rejects.toThrow(/no-engine/);
    expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('failed');
    expect((await result).successful).toBe(1);
  });

  it('an engine that never answers times out, and the call fails the same way', async () => {
    broker.attach('engine-mute-0003');
    engine = () => null;
    try {
      const incoming = desk.next('incoming');
      const result = sipp(pbx, { scenario: 'refused', to: '100' });
      const { call } = await incoming;
      await expect(desk.phone.answer(call.id)).rejects.toThrow(/timeout/);
      expect((await desk.next('ended', (r) => r.call.id === call.id, { since: 0 })).call.outcome).toBe('failed');
      await result;
    } finally {
      engine = answerLikeABrowser;
    }
  });
});
