/**
 * The renderer's media engine (renderer/features/phone/media-engine.ts) and ringer in real
 * Chromium with fake devices: a 440 Hz tone file stands in for the microphone. Two engines in
 * one page play desk and far end, as the backend's SessionDescriptionHandler drives them
 * (describe/apply in SIP's offer/answer order); the far end's speaker must really hear the
 * desk's tone. No web host is needed: the engine talks to nothing but WebRTC.
 */
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { WEBRTC_OFFER } from '../services/sip/sipp';
import { ARTIFACTS } from './paths';

// Chromium's flags are fixed when the file loads: the tone lives at a fixed place among the
// (git-ignored) artifacts, written again each time, so no temporary folder is left behind.
mkdirSync(ARTIFACTS, { recursive: true });
const tone = join(ARTIFACTS, 'phone-tone.wav');
writeFileSync(tone, toneWav(440, 3));

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${tone}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

let bundle = '';
test.beforeAll(async () => {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./phone-media-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName: 'PhoneMedia',
    write: false,
    target: 'es2022',
  });
  bundle = out.outputFiles[0]!.text;
});

test.beforeEach(async ({ page }) => {
  // getUserMedia needs a secure context: a page of http://127.0.0.1 is one (about:blank is not).
  await page.route('http://127.0.0.1:9/media-test', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>media</title>' }),
  );
  await page.goto('http://127.0.0.1:9/media-test');
  await page.addScriptTag({ content: bundle });
  // Two engines: the desk and a far end. Each plays its far end into an analyser.
  await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    const { MediaEngine, browserMediaDeps } = w.PhoneMedia as {
      MediaEngine: new (deps: unknown, id?: string) => unknown;
      browserMediaDeps: () => Record<string, unknown>;
    };
    const heard: Record<string, MediaStream> = {};
    // The engine's own player plays the far end (Chromium hands a remote track's audio to
    // WebAudio only while a media element plays it); the test keeps the stream to listen to.
    const make = (name: string) => {
      const deps = browserMediaDeps() as { play: (id: string, s: MediaStream | null) => void };
      const play = (id: string, s: MediaStream | null) => {
        deps.play(id, s);
        if (s) heard[name] = s;
      };
      return new MediaEngine({ ...deps, play, iceGatheringMs: 2000 }, `engine-${name}-0001`);
    };
    w.desk = make('desk');
    w.far = make('far');
    w.heard = heard;
    let n = 0;
    w.step = async (engine: string, callId: string, op: Record<string, unknown>) =>
      ((w[engine] as { handle: (r: unknown) => Promise<unknown> }).handle({ ...op, engineId: `engine-${engine}-0001`, requestId: ++n, callId }));
    /** RMS of a stream's audio over `ms`, through WebAudio (Chromium's audioLevel stats stay 0 headless). */
    w.levelOf = async (stream: MediaStream, ms: number) => {
      const ctx = new AudioContext();
      await ctx.resume();
      const a = ctx.createAnalyser();
      ctx.createMediaStreamSource(stream).connect(a);
      const data = new Float32Array(a.fftSize);
      let peak = 0;
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        a.getFloatTimeDomainData(data);
        let s = 0;
        for (const v of data) s += v * v;
        peak = Math.max(peak, Math.sqrt(s / data.length));
      }
      await ctx.close();
      return peak;
    };
  });
});

type Reply = { ok: boolean; sdp?: string; error?: string };

test('an offer/answer between two engines connects and the far end hears the microphone', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const w = window as unknown as { step: (e: string, c: string, op: object) => Promise<Reply>; heard: Record<string, MediaStream>; levelOf: (s: MediaStream, ms: number) => Promise<number>; desk: { peer(id: string): RTCPeerConnection } };
    const offer = await w.step('desk', 'c1', { op: 'describe', hold: false });
    await w.step('far', 'c1', { op: 'apply', sdp: offer.sdp });
    const answer = await w.step('far', 'c1', { op: 'describe', hold: false });
    const applied = await w.step('desk', 'c1', { op: 'apply', sdp: answer.sdp });
    const pc = w.desk.peer('c1');
    for (let i = 0; i < 100 && pc.connectionState !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 40 && !w.heard.far; i++) await new Promise((r) => setTimeout(r, 50));
    const level = w.heard.far ? await w.levelOf(w.heard.far, 1500) : -1;
    return { offerHasCandidates: /a=candidate:/.test(offer.sdp ?? ''), applied: applied.ok, state: pc.connectionState, level };
  });
  expect(result.offerHasCandidates).toBe(true);
  expect(result.applied).toBe(true);
  expect(result.state).toBe('connected');
  expect(result.level).toBeGreaterThan(0.01);
});

test('hold makes a sendonly offer, mute silences the microphone, DTMF goes out as RFC 4733 tones', async ({ page }) => {
  const r = await page.evaluate(async () => {
    const w = window as unknown as { step: (e: string, c: string, op: object) => Promise<Reply>; desk: { peer(id: string): RTCPeerConnection; isMuted(id: string): boolean } };
    const connect = async (hold: boolean) => {
      const offer = await w.step('desk', 'c2', { op: 'describe', hold });
      await w.step('far', 'c2', { op: 'apply', sdp: offer.sdp });
      const answer = await w.step('far', 'c2', { op: 'describe', hold: false });
      await w.step('desk', 'c2', { op: 'apply', sdp: answer.sdp });
      return { offer: offer.sdp ?? '', answer: answer.sdp ?? '' };
    };
    await connect(false);
    const pc = w.desk.peer('c2');
    for (let i = 0; i < 100 && pc.connectionState !== 'connected'; i++) await new Promise((r) => setTimeout(r, 50));
    const held = await connect(true);
    const resumed = await connect(false);
    const muted = await w.step('desk', 'c2', { op: 'mute', muted: true });
    const isMuted = w.desk.isMuted('c2');
    const tones: string[] = [];
    const sender = pc.getSenders()[0]!;
    sender.dtmf!.addEventListener('tonechange', (e) => tones.push((e as RTCDTMFToneChangeEvent).tone));
    const dtmf = await w.step('desk', 'c2', { op: 'dtmf', tones: '12#' });
    await new Promise((r) => setTimeout(r, 1200));
    return {
      heldOffer: /a=sendonly/.test(held.offer),
      heldAnswer: /a=recvonly/.test(held.answer),
      resumed: /a=sendrecv/.test(resumed.offer),
      muted: muted.ok && isMuted,
      dtmf: dtmf.ok,
      tones: tones.join(''),
    };
  });
  expect(r).toEqual({ heldOffer: true, heldAnswer: true, resumed: true, muted: true, dtmf: true, tones: '12#' });
});

test('a PBX-style offer (as the e2e sipp caller sends) is answered with the engine’s own description', async ({ page }) => {
  const offer = WEBRTC_OFFER.replaceAll('[local_ip]', '127.0.0.1').replaceAll('[media_ip]', '127.0.0.1').replaceAll('MEDIA_PORT', '40000').split('\n').join('\r\n') + '\r\n';
  const r = await page.evaluate(async (sdp) => {
    const w = window as unknown as { step: (e: string, c: string, op: object) => Promise<Reply> };
    const applied = await w.step('desk', 'c3', { op: 'apply', sdp });
    const answer = await w.step('desk', 'c3', { op: 'describe', hold: false });
    return { applied, answer };
  }, offer);
  expect(r.applied.ok).toBe(true);
  expect(r.answer.ok).toBe(true);
  expect(r.answer.sdp).toMatch(/a=fingerprint:sha-256/);
  expect(r.answer.sdp).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF/);
});

test('bad input from the network is answered as a failure, never thrown', async ({ page }) => {
  const r = await page.evaluate(async () => {
    const w = window as unknown as { step: (e: string, c: string, op: object) => Promise<Reply>; desk: { peer(id: string): RTCPeerConnection | null } };
    const garbage = await w.step('desk', 'c4', { op: 'apply', sdp: '<script>alert(1)</script>' });
    const dtmfWithoutCall = await w.step('desk', 'nope', { op: 'dtmf', tones: '1' });
    const closed = await w.step('desk', 'c4', { op: 'close' });
    return { garbage, dtmfWithoutCall, closed, gone: w.desk.peer('c4') === null };
  });
  expect(r.garbage.ok).toBe(false);
  expect(r.garbage.error).toBeTruthy();
  expect(r.dtmfWithoutCall.ok).toBe(false);
  expect(r.closed.ok).toBe(true);
  expect(r.gone).toBe(true);
});

test('the ringer rings (audible) until stopped', async ({ page }) => {
  const r = await page.evaluate(async () => {
    const { Ringer } = (window as unknown as { PhoneMedia: { Ringer: new () => { start(): void; stop(): void; level(): number; playing: boolean } } }).PhoneMedia;
    const ringer = new Ringer();
    ringer.start();
    let peak = 0;
    for (let i = 0; i < 20; i++) {
      await new Promise((res) => setTimeout(res, 50));
      peak = Math.max(peak, ringer.level());
    }
    const playing = ringer.playing;
    ringer.stop();
    return { peak, playing, after: ringer.playing, levelAfter: ringer.level() };
  });
  expect(r.playing).toBe(true);
  expect(r.peak).toBeGreaterThan(0.05);
  expect(r.after).toBe(false);
  expect(r.levelAfter).toBe(0);
});

/** A mono 16-bit PCM WAV of a sine tone (Chromium's fake microphone plays it in a loop). */
function toneWav(freq: number, seconds: number): Buffer {
  const rate = 48000;
  const n = rate * seconds;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * freq * i) / rate) * 12000), 44 + i * 2);
  return b;
}
