/**
 * Phone figures, through a real Kamailio (tests/services/sip/) on loopback:
 *
 * - `screen_pop`: a caller's `invite()` → `call.incoming`, with the matched identity, received
 *   by a client of the web host's WebSocket (where the renderer gets it; the web host is the
 *   built one, in a process of its own), with 100,000 identities in the store. Baseline in the same run, calls interleaved: a bare SIP.js
 *   user agent's `invite()` → its `onInvite` (no lookup, no store, no event hop). Both
 *   callers' INVITEs go out on the WebSocket they registered on, which the test PBX does not
 *   challenge again (kamailio.cfg); each call starts once the previous one is recorded. The
 *   client says it is a shown window, as the page does when it opens (PhoneOverlay attaches
 *   its media engine): otherwise the backend takes it that no window shows calls and spawns
 *   the desktop notifier on every call, whose fork leaves the web host's memory
 *   copy-on-write and makes the next call's lookup pay page faults (that case is the hidden
 *   window's, where the notification is the popup).
 * - `screen_pop_ui`: the same `invite()` → the popup with the caller's name drawn in real
 *   Chromium on the web host's page (the frame that shows it has run). The two clocks are
 *   the two processes' `performance.timeOrigin + performance.now()` (same machine, same
 *   wall clock). Baseline: `screen_pop` of the same run, the event's arrival at a WebSocket
 *   client; `in_page_*` is the page's own share (the frame's arrival → the popup drawn).
 * - `incoming_burst`: 50 calls from sipp at once; value = calls recorded (each one, whatever
 *   its outcome: most get busy since the desk has two lines).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Invitation } from 'sip.js';
import WebSocket from 'ws';
import { fixedMedia } from '../../main/phone/fixed-sdp';
import { transportWith } from '../../main/phone/transport';
import { IdentityCreate } from '../../main/identities/schema';
import type { IdentityService } from '../../main/identities/service';
import { createBackend } from '../../main/backend';
import type { IncomingCall } from '../../main/phone/schema';
import { startKamailio, type Kamailio } from '../services/sip/kamailio';
import { sipp } from '../services/sip/sipp';
import { CHROMIUM_ARGS } from './browser';
import { percentile, print } from './figures';

const FIRST = ['علی', 'زهرا', 'کیوان', 'مریم', 'رضا', 'سارا', 'حمید', 'نگار'];
const LAST = ['احمدی', 'یزدانی', 'کریمی', 'موسوی', 'رضایی', 'کاظمی'];

const round = (x: number) => Math.round(x * 1000) / 1000;
const stats = (times: number[]) => {
  const s = [...times].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), n: s.length };
};

/** A bare SIP.js user agent on the PBX, with fixed media: the caller, and the baseline's callee. */
async function bareAgent(pbx: Kamailio, user: string, onInvite?: (i: Invitation) => void): Promise<{ ua: UserAgent; stop(): Promise<void> }> {
  const media = fixedMedia();
  let n = 0;
  const ua = new UserAgent({
    uri: UserAgent.makeURI(`sip:${user}@127.0.0.1`)!,
    authorizationUsername: user,
    authorizationPassword: pbx.password,
    transportConstructor: transportWith({}),
    transportOptions: { server: pbx.wsUrl },
    sessionDescriptionHandlerFactory: () => media.handler(`c${++n}`),
    logLevel: 'error',
    ...(onInvite ? { delegate: { onInvite } } : {}),
  });
  await ua.start();
  const registerer = new Registerer(ua);
  await new Promise<void>((resolve) => {
    registerer.stateChange.addListener((s) => s === RegistererState.Registered && resolve());
    void registerer.register();
  });
  return {
    ua,
    stop: async () => {
      await registerer.unregister().catch(() => {});
      await ua.stop();
    },
  };
}

function terminated(inv: Inviter): Promise<void> {
  return new Promise((resolve) => {
    if (inv.state === SessionState.Terminated) resolve();
    inv.stateChange.addListener((s) => s === SessionState.Terminated && resolve());
  });
}

export async function benchPhone(quick: boolean): Promise<void> {
  const total = quick ? 10_000 : 100_000;
  const calls = quick ? 40 : 200;
  const dir = mkdtempSync(join(tmpdir(), 'daftar-bench-phone-'));
  const agents: { stop(): Promise<void> }[] = [];
  let pbx: Kamailio | null = null;
  let host: ChildProcess | null = null;
  try {
    // The store: `total` identities, each with a mobile number, written through the service.
    const numbers = await fill(dir, total);
    pbx = await startKamailio({ auth: true });
    const web = await startBuiltWebHost(dir);
    host = web.child;

    // The renderer's side: a client of the web host's WebSocket, as the page is.
    const ws = new WebSocket(web.rpcUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const waiting = new Map<string, (at: number, c: IncomingCall) => void>();
    const ending = new Map<string, () => void>();
    let nextId = 1;
    const pending = new Map<number, (r: { ok: boolean; value?: unknown; error?: unknown }) => void>();
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data)) as { t: string; event?: string; payload?: unknown; id?: number; result?: { ok: boolean } };
      if (frame.t === 'event' && frame.event === 'call.incoming') {
        const c = frame.payload as IncomingCall;
        waiting.get(c.call.number)?.(at, c);
      }
      if (frame.t === 'event' && frame.event === 'call.ended') ending.get((frame.payload as { call: { id: string } }).call.id)?.();
      if (frame.t === 'result') pending.get(frame.id!)?.(frame.result!);
    });
    const call = (method: string, input: unknown) =>
      new Promise<{ ok: boolean; value?: unknown; error?: unknown }>((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ t: 'call', id, method, input }));
      });
    // A fresh store asks for the administrator's password first (issue 6); setting it signs in.
    const setUp = await call('session.setUp', { password: 'bench-admin-password' });
    if (!setUp.ok) throw new Error(`sign-in: ${JSON.stringify(setUp.error)}`);
    const shown = await call('phone.media.attach', { engineId: 'bench-window-0001', visible: true });
    if (!shown.ok) throw new Error(`media engine: ${JSON.stringify(shown.error)}`);
    const saved = await call('phone.account.save', { server: pbx.wsUrl, user: '100', password: pbx.password, enabled: true });
    if (!saved.ok) throw new Error(`phone account: ${JSON.stringify(saved.error)}`);
    for (let i = 0; i < 200; i++) {
      const s = await call('phone.status', {});
      if ((s.value as { state?: string }).state === 'registered') break;
      await new Promise((r) => setTimeout(r, 50));
    }

    // The baseline's callee: bare SIP.js, told at onInvite.
    let baselineHit: ((at: number) => void) | null = null;
    const baseline = await bareAgent(pbx, '101', (inv) => {
      baselineHit?.(performance.now());
      void inv.reject({ statusCode: 486 });
    });
    agents.push(baseline);
    const caller = await bareAgent(pbx, '200');
    agents.push(caller);

    const ours: number[] = [];
    const bare: number[] = [];
    let matched = 0;
    for (let i = 0; i < calls + 10; i++) {
      const warm = i < 10;
      // Screen pop: the PBX asserts the caller's number (P-Asserted-Identity), as real PBXs do.
      const number = numbers[(i * 7_919) % numbers.length]!;
      const popped = new Promise<{ at: number; c: IncomingCall }>((resolve) => waiting.set(number, (at, c) => resolve({ at, c })));
      const inv = new Inviter(caller.ua, UserAgent.makeURI('sip:100@127.0.0.1')!, {
        extraHeaders: [`P-Asserted-Identity: <sip:${number}@127.0.0.1>`],
      });
      const t0 = performance.now();
      void inv.invite();
      const { at, c } = await popped;
      waiting.delete(number);
      if (!warm) {
        ours.push(at - t0);
        if (c.matches[0]) matched++;
      }
      // Each call is measured alone: the next starts once the desk has recorded this one
      // (its store write and events would otherwise run during the next call's measurement).
      const ended = new Promise<void>((resolve) => ending.set(c.call.id, resolve));
      await inv.cancel().catch(() => {});
      await terminated(inv);
      await ended;
      ending.delete(c.call.id);

      // Baseline: the same caller, a bare callee.
      const hit = new Promise<number>((resolve) => (baselineHit = resolve));
      const b = new Inviter(caller.ua, UserAgent.makeURI('sip:101@127.0.0.1')!);
      const b0 = performance.now();
      void b.invite();
      const bAt = await hit;
      if (!warm) bare.push(bAt - b0);
      await terminated(b);
    }
    print({
      figure: 'screen_pop',
      unit: 'ms',
      identities: total,
      matched,
      ...stats(ours),
      baseline: { name: 'sipjs_invite_to_onInvite', ...stats(bare) },
    });

    const ui = await screenPopUi(web.url, caller.ua, numbers, quick ? 20 : 60);
    const page = stats(ui.inPage);
    print({
      figure: 'screen_pop_ui',
      unit: 'ms',
      identities: total,
      ...stats(ui.total),
      // The page's own share: the event's frame arriving → the popup's frame drawn.
      in_page_p50: page.p50,
      in_page_p99: page.p99,
      baseline: { name: 'screen_pop', ...stats(ours) },
    });

    // incoming_burst: 50 calls at once from sipp; each must end up recorded. Read from the
    // store file itself (WAL: a second reader sees every committed write).
    const db = new Database(join(dir, 'daftar.sqlite'), { readonly: true });
    const before = db.prepare('SELECT count(*) FROM call_records').pluck().get() as number;
    const burstStart = Date.now();
    const result = await sipp(pbx, { scenario: 'caller-gives-up', to: '100', caller: '02188881234', calls: 50, concurrent: 50, rate: 200, holdMs: 1_500 });
    // The last records are written as their calls end; give them a moment.
    let recorded = 0;
    for (let i = 0; i < 100; i++) {
      recorded =
        (db.prepare('SELECT count(*) FROM call_records WHERE outcome IS NOT NULL AND started_at >= ?').pluck().get(burstStart) as number) ?? 0;
      if (recorded >= 50) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const outcomes = Object.fromEntries(
      (db.prepare('SELECT outcome, count(*) AS n FROM call_records WHERE started_at >= ? GROUP BY outcome').all(burstStart) as { outcome: string; n: number }[]).map((r) => [r.outcome, r.n]),
    );
    print({
      figure: 'incoming_burst',
      unit: 'count',
      value: recorded,
      calls: 50,
      sipp_successful: result.successful,
      rows_before: before,
      outcomes,
      seconds: round((Date.now() - burstStart) / 1000),
    });
    db.close();
    // The desk's user agent stops before the PBX (tests/services/sip/README.md).
    await call('phone.account.save', { server: pbx.wsUrl, user: '100', enabled: false });
    ws.close();
  } finally {
    if (host) await stopChild(host);
    for (const a of agents) await a.stop().catch(() => {});
    await pbx?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function fill(dir: string, total: number): Promise<string[]> {
  const backend = await createBackend({ dataDir: dir, logger: { info() {}, warn() {}, error() {} } });
  try {
    const identities = backend.service<IdentityService>('identities');
    const author = backend.caller().userId;
    const numbers: string[] = [];
    const batch = backend.db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const national = `0912${String(i).padStart(7, '0')}`;
        numbers.push(national);
        identities.create(
          IdentityCreate.parse({ kind: 'person', firstName: FIRST[i % FIRST.length], lastName: `${LAST[i % LAST.length]} ${i}`, phones: [{ kind: 'mobile', number: national }] }),
          author,
        );
      }
    });
    for (let i = 0; i < total; i += 5_000) batch(i, Math.min(total, i + 5_000));
    return numbers;
  } finally {
    await backend.close();
  }
}

/** `node dist/main/webhost.js` on the filled folder, as `npm run web` runs it. */
async function startBuiltWebHost(dataDir: string): Promise<{ child: ChildProcess; rpcUrl: string; url: string }> {
  let entry = '';
  for (let d = dirname(fileURLToPath(import.meta.url)); ; d = dirname(d)) {
    if (existsSync(join(d, 'dist/main/webhost.js'))) {
      entry = join(d, 'dist/main/webhost.js');
      break;
    }
    if (existsSync(join(d, 'main/webhost.js'))) {
      entry = join(d, 'main/webhost.js');
      break;
    }
    if (dirname(d) === d) throw new Error('dist/main/webhost.js not found: build first');
  }
  const child = spawn(process.execPath, [entry, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
      if (m) resolve(m[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}): ${out}`)));
  });
  child.stdout!.resume();
  child.stderr!.resume();
  const { host, hash } = new URL(url);
  return { child, url, rpcUrl: `ws://${host}/rpc?${hash.slice(1)}` };
}

/**
 * `invite()` → the popup drawn in Chromium, once per call: the page (signed in already: the
 * session belongs to the host) notes when an incoming-call popup appears and the frame that
 * shows it has run; the call is then cancelled and its popup must be gone before the next.
 */
async function screenPopUi(url: string, caller: UserAgent, numbers: string[], calls: number): Promise<{ total: number[]; inPage: number[] }> {
  const browser = await chromium.launch({
    executablePath: process.env.DAFTAR_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
    // When the event's frame reaches the page (a listener registered before the app's own).
    await page.addInitScript(() => {
      // (The page's own WebSocket: this file's `WebSocket` is the ws package's.)
      type PageSocket = new (url: string | URL, protocols?: string | string[]) => EventTarget;
      const w = window as unknown as { arrivedAt: number[]; WebSocket: PageSocket };
      w.arrivedAt = [];
      const Native = w.WebSocket;
      w.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          this.addEventListener('message', (e) => {
            const data = (e as Event & { data?: unknown }).data;
            if (typeof data === 'string' && data.includes('"call.incoming"')) w.arrivedAt.push(performance.timeOrigin + performance.now());
          });
        }
      };
    });
    await page.goto(url);
    await page.waitForSelector('[data-testid="app-shell"][data-ready="true"]', { timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { poppedAt: number[] };
      w.poppedAt = [];
      let shown = false;
      new MutationObserver(() => {
        const now = document.querySelector('[data-testid="incoming-call"] [data-testid="caller-name"]') !== null;
        if (now && !shown) requestAnimationFrame(() => setTimeout(() => w.poppedAt.push(performance.timeOrigin + performance.now())));
        shown = now;
      }).observe(document.body, { childList: true, subtree: true });
    });
    const total: number[] = [];
    const inPage: number[] = [];
    for (let i = 0; i < calls + 5; i++) {
      const number = numbers[(i * 104_729 + 13) % numbers.length]!;
      const inv = new Inviter(caller, UserAgent.makeURI('sip:100@127.0.0.1')!, { extraHeaders: [`P-Asserted-Identity: <sip:${number}@127.0.0.1>`] });
      const t0 = performance.timeOrigin + performance.now();
      void inv.invite();
      await page.waitForFunction((n) => (window as unknown as { poppedAt: number[] }).poppedAt.length > n, i, { timeout: 30_000 });
      const [arrived, at] = await page.evaluate((n) => {
        const w = window as unknown as { poppedAt: number[]; arrivedAt: number[] };
        return [w.arrivedAt[n]!, w.poppedAt[n]!];
      }, i);
      if (i >= 5) {
        total.push(at - t0);
        inPage.push(at - arrived);
      }
      await inv.cancel().catch(() => {});
      await terminated(inv);
      await page.waitForSelector('[data-testid="incoming-call"]', { state: 'detached', timeout: 30_000 });
    }
    return { total, inPage };
  } finally {
    await browser.close();
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}
