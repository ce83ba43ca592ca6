/**
 * UI timings in real Chromium: the harness every capability's UI bench uses.
 *
 *   const ui = await startUiBench({ dataDir });        // web host on that store + Debian's Chromium, signed in
 *   const times = await sample(20, () => withMainThreadCpu(ui.page, () =>
 *     timeNavigation(ui.page, '/contacts', { selector: '[data-testid="contact-row"]', count: 50 })));
 *   print({ figure: 'contacts_first_page', unit: 'ms', ...times });
 *   await ui.close();
 *
 * - The store is the caller's: fill it before (through the services, as the bench fills do)
 *   or through `ui.backend` after. The web host runs in this process on 127.0.0.1, port 0.
 * - Times are taken inside the page, on the page's own clock (performance.now()), so the
 *   round trips between this process and Chromium are not in them. "Rendered" means: the
 *   condition holds in the DOM, and the frame that shows it has run (requestAnimationFrame,
 *   then a task): what a person would see.
 * - `timeNavigation` starts when the hash changes; `timeTyping` when the last key's input
 *   event fires (so a debounce is included); `timeRendered` when the Node action starts.
 * - The condition must not hold before the action: each helper checks that, so a stale
 *   screen is never measured as a fast one.
 */
import type { SessionService } from '../../main/session/service';
import { chromium, type Browser, type Page } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import type { Backend } from '../../main/backend';
import { startWebHost, type WebHost } from '../../main/host/webhost';
import { percentile } from './figures';

/** The flags Debian's Chromium needs here (see the README's Tests section). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CHROMIUM = process.env.DAFTAR_CHROMIUM ?? '/usr/bin/chromium';

export interface UiBench {
  page: Page;
  /** The web host's backend: add data, read ids. */
  backend: Backend;
  host: WebHost;
  close(): Promise<void>;
}

export interface UiBenchOptions {
  dataDir: string;
  viewport?: { width: number; height: number };
  /** The renderer build; dist/renderer by default (`npm run bench` builds it). */
  rendererDir?: string;
  /** The administrator's password: set on a store that has none yet, else used to sign in. */
  adminPassword?: string;
}

const BENCH_ADMIN_PASSWORD = 'bench-admin-password';

/** A DOM state to wait for. All parts must hold together. */
export interface Rendered {
  /** Elements to find (CSS). */
  selector: string;
  /** At least this many of them (default 1). */
  count?: number;
  /** Every one of them contains each of these texts. */
  texts?: string[];
  /** Nothing matches this (e.g. a progress bar still running). */
  absent?: string;
}

/** Starts the web host on `dataDir`, opens it in Chromium and waits until the app is signed in and ready. */
export async function startUiBench(opts: UiBenchOptions): Promise<UiBench> {
  // tests/bench/browser.ts and dist/bench/run.js are both two folders below the repo.
  const rendererDir = opts.rendererDir ?? fileURLToPath(new URL('../../dist/renderer/', import.meta.url));
  const host = await startWebHost({ dataDir: opts.dataDir, rendererDir });
  let browser: Browser | undefined;
  try {
    // The desk is signed in as the administrator before the page opens, as after a first start.
    const session = host.backend.service<SessionService>('session');
    const password = opts.adminPassword ?? BENCH_ADMIN_PASSWORD;
    const state = session.session().state;
    if (state === 'setup') session.setUp(password);
    else if (state !== 'signed-in') session.signIn('admin', password);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      viewport: opts.viewport ?? { width: 1366, height: 768 },
      locale: 'fa-IR',
      timezoneId: 'Asia/Tehran',
    });
    const page = await context.newPage();
    await signIn(page, host.url);
    const opened = browser;
    return {
      page,
      backend: host.backend,
      host,
      close: async () => {
        await opened.close();
        await host.close();
      },
    };
  } catch (err) {
    await browser?.close();
    await host.close();
    throw err;
  }
}

/** Opens the app with the host's token; it is ready once the backend said who is signed in. */
async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="app-shell"][data-ready="true"]', { timeout: 30_000 });
}

/** One measurement: wall ms as the person waits, and (from withMainThreadCpu) the page's main-thread CPU ms in it. */
export interface Timing {
  ms: number;
  cpuMs?: number;
}

export interface Sampled {
  p50: number;
  p99: number;
  n: number;
  cpu_p50?: number;
  cpu_p99?: number;
}

/**
 * Runs `once` `n` times after `warmup` runs and answers the percentiles of what it
 * answered (ms; and of the main thread's CPU ms when it measured them).
 */
export async function sample(n: number, once: (i: number) => Promise<number | Timing>, warmup = 2): Promise<Sampled> {
  for (let i = 0; i < warmup; i++) await once(-1 - i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = await once(i);
    const timing = typeof t === 'number' ? { ms: t } : t;
    wall.push(timing.ms);
    if (timing.cpuMs !== undefined) cpu.push(timing.cpuMs);
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  const pct = (xs: number[], p: number) => round(percentile([...xs].sort((a, b) => a - b), p));
  return {
    p50: pct(wall, 50),
    p99: pct(wall, 99),
    n,
    ...(cpu.length === n ? { cpu_p50: pct(cpu, 50), cpu_p99: pct(cpu, 99) } : {}),
  };
}

/**
 * Runs a timed step (timeNavigation, timeTyping, …) while Chromium traces the page's main
 * thread, and answers the step's ms with the CPU time that thread spent meanwhile. On a
 * busy machine the wall time swings with the load while the CPU time stays put: compare
 * changes by it, judge the goals by the wall time.
 */
export async function withMainThreadCpu(page: Page, step: () => Promise<number>): Promise<Timing> {
  const browser = page.context().browser();
  if (!browser) return { ms: await step() };
  await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  let ms: number;
  try {
    ms = await step();
  } catch (err) {
    await browser.stopTracing();
    throw err;
  }
  const trace = await browser.stopTracing();
  return { ms, cpuMs: mainThreadCpu(JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }) };
}

/**
 * Runs a timed step while Chromium records a full timeline (scripting with a sampled CPU
 * profile, style, layout, paint, network), and writes it to `file` for Perfetto or the
 * DevTools performance panel: where the time of a figure goes. Set DAFTAR_BENCH_TRACE to
 * a file name and a bench that supports it traces one more run after its samples.
 */
export async function traceTo(page: Page, file: string, step: () => Promise<number>): Promise<number> {
  const browser = page.context().browser();
  if (!browser) throw new Error('bench: tracing needs a browser');
  // The trace's own sampling (every few ms on a busy machine) is too coarse to say which
  // function a 20 ms stretch spends its time in: a CPU profile sampled every 100 µs goes
  // beside it (`file`.cpuprofile, for the DevTools performance panel).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await browser.startTracing(page, {
    path: file,
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'toplevel'],
  });
  await cdp.send('Profiler.start');
  try {
    return await step();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    await browser.stopTracing();
    writeFileSync(`${file}.cpuprofile`, JSON.stringify(profile));
    await cdp.detach();
    console.error(`bench: trace of one more run written to ${file} and ${file}.cpuprofile`);
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU ms of the renderer main thread's top-level tasks that ran in the measurement: from
 * the last MARK_FROM (the start, or the last key) to MARK_TO (drawn). A task that was
 * running when the clock started (the last key's own task) counts whole.
 */
function mainThreadCpu(trace: { traceEvents: TraceEvent[] }): number {
  const events = trace.traceEvents;
  const mark = (name: string) => events.filter((e) => e.name === name).map((e) => e.ts);
  const from = Math.max(...mark(MARK_FROM));
  const to = Math.max(...mark(MARK_TO));
  const marked = events.find((e) => e.name === MARK_TO);
  if (!Number.isFinite(from) || !Number.isFinite(to) || !marked) return NaN;
  let us = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.pid !== marked.pid || e.tid !== marked.tid) continue;
    if (e.ts + (e.dur ?? 0) >= from && e.ts <= to) us += e.tdur ?? 0;
  }
  return Math.round(us / 100) / 10;
}

/** Waits (without timing) until `until` holds: to set the scene before a measurement. */
export async function waitRendered(page: Page, until: Rendered, timeoutMs = 30_000): Promise<void> {
  await installCheck(page);
  await page.waitForFunction((r) => (window as unknown as BenchWindow).__benchHolds(r), until, { timeout: timeoutMs, polling: 'raf' });
}

/** Navigates to a hash route (e.g. '/contacts') and answers the ms until `until` is rendered. */
export async function timeNavigation(page: Page, path: string, until: Rendered): Promise<number> {
  await arm(page, until);
  await page.evaluate((p) => {
    (window as unknown as BenchWindow).__bench.begin();
    window.location.hash = `#${p}`;
  }, path);
  return finish(page, 'start');
}

/**
 * Types `text` into the field `selector` (replacing what it held) one key at a time,
 * `delayMs` apart, and answers the ms from the last key's input event until `until` is
 * rendered: debounce, request and rendering together, as the person waits for them.
 */
export async function timeTyping(page: Page, selector: string, text: string, until: Rendered, delayMs = 80): Promise<number> {
  const field = page.locator(selector);
  await field.focus();
  await arm(page, until);
  await page.evaluate(() => {
    (window as unknown as BenchWindow).__bench.begin();
  });
  await page.keyboard.type(text, { delay: delayMs });
  return finish(page, 'lastInput');
}

/** Runs `act` (from here: clicks, key presses) and answers the ms from its start until `until` is rendered. */
export async function timeRendered(page: Page, until: Rendered, act: () => Promise<void>): Promise<number> {
  await arm(page, until);
  await page.evaluate(() => {
    (window as unknown as BenchWindow).__bench.begin();
  });
  await act();
  return finish(page, 'start');
}

interface BenchState {
  start: number;
  lastInput: number;
  end: number;
  done: Promise<void>;
  /** Starts the clock; a mark in the trace tells withMainThreadCpu where the measurement starts. */
  begin(): void;
}

/** User-timing marks around a measurement; withMainThreadCpu counts the tasks between them. */
const MARK_FROM = 'daftar-bench-from';
const MARK_TO = 'daftar-bench-to';
interface BenchWindow {
  __bench: BenchState;
  __benchHolds: (r: Rendered) => boolean;
}

/**
 * Gives the page `__benchHolds(r)`: does `r` hold now? Defined inside the evaluated function
 * (Playwright sends it through DevTools), because the page's CSP forbids eval.
 */
async function installCheck(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as BenchWindow).__benchHolds = (r: Rendered) => {
      const found = Array.from(document.querySelectorAll(r.selector));
      if (found.length < (r.count ?? 1)) return false;
      if (r.absent && document.querySelector(r.absent)) return false;
      for (const t of r.texts ?? []) {
        if (!found.every((el) => (el.textContent ?? '').includes(t))) return false;
      }
      return true;
    };
  });
}

/** Installs the watcher in the page before the action, and refuses a condition that already holds. */
async function arm(page: Page, until: Rendered): Promise<void> {
  await installCheck(page);
  const already = await page.evaluate(
    ({ until, marks }) => {
      const w = window as unknown as BenchWindow;
      if (w.__benchHolds(until)) return true;
      const state = { start: 0, lastInput: 0, end: 0 } as BenchState;
      state.begin = () => {
        state.start = performance.now();
        performance.mark(marks.from);
      };
      const onInput = (e: Event) => {
        state.lastInput = e.timeStamp;
        performance.mark(marks.from);
      };
      document.addEventListener('input', onInput, true);
      state.done = new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!state.start || !w.__benchHolds(until)) return;
          observer.disconnect();
          document.removeEventListener('input', onInput, true);
          // The DOM holds it; the person sees it once this frame has been drawn.
          requestAnimationFrame(() =>
            setTimeout(() => {
              state.end = performance.now();
              performance.mark(marks.to);
              resolve();
            }, 0),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
      });
      w.__bench = state;
      return false;
    },
    { until, marks: { from: MARK_FROM, to: MARK_TO } },
  );
  if (already) throw new Error(`bench: ${JSON.stringify(until)} holds before the action; nothing would be measured`);
}

async function finish(page: Page, from: 'start' | 'lastInput'): Promise<number> {
  const handle = page.evaluate(
    async (from) => {
      const s = (window as unknown as BenchWindow).__bench;
      await s.done;
      return s.end - (from === 'lastInput' && s.lastInput ? s.lastInput : s.start);
    },
    from,
  );
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('bench: the page did not get there in 30 s')), 30_000).unref());
  return Promise.race([handle, timeout]);
}
