import type * as Os from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import type { Worker, WorkerOptions } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerLimitMs, resultOf, startCheckInWorker, type CheckAnswer, type RunningCheck } from '../../db/start-check';
import { tempDir } from './temp-folder';

/**
 * How the start check's thread side (db/start-check.ts) starts its workers, waits for them
 * and turns their answers into one. The workers here are stand-ins that follow the real
 * worker's protocol (the "running" and "answered" flags, one message on the port) but answer
 * what the test says, fail, or never start; tests/db/the-start-check-runs-on-a-worker-and-says-what-it-found.test.ts
 * runs the real check on real files.
 */
const plan = vi.hoisted(() => ({
  /** The source each next worker runs instead of the real check, in order. */
  scripts: [] as string[],
  /** The workers made, in order. */
  made: [] as Worker[],
  /** Their shared flags ([0] answered, [1] running), in order. */
  flags: [] as SharedArrayBuffer[],
  cores: 2,
}));

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof WorkerThreads>();
  class StandIn extends real.Worker {
    constructor(source: string, options: WorkerOptions) {
      const script = plan.scripts.shift();
      if (script === undefined) throw new Error('the test planned fewer workers than the check started');
      super(script, options);
      plan.made.push(this);
      plan.flags.push((options.workerData as { flag: SharedArrayBuffer }).flag);
    }
  }
  return { ...real, Worker: StandIn };
});

vi.mock('node:os', async (importOriginal) => {
  const real = await importOriginal<typeof Os>();
  return { ...real, availableParallelism: () => plan.cores };
});

const running: RunningCheck[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) r.stop();
  await Promise.all(plan.made.splice(0).map((w) => w.terminate()));
  plan.flags = [];
  plan.scripts = [];
  plan.cores = 2;
});

function start(options: Parameters<typeof startCheckInWorker>[1] = {}): RunningCheck {
  const r = startCheckInWorker('/no/such/store.sqlite', options);
  running.push(r);
  return r;
}

const SETUP = "const { workerData } = require('node:worker_threads'); const flag = new Int32Array(workerData.flag);";
const RUNS = 'Atomics.store(flag, 1, 1);';
const ANSWERED = 'Atomics.store(flag, 0, 1); Atomics.notify(flag, 0);';
const sleep = (ms: number) => `Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});`;

/** A worker that answers at once. */
const answers = (a: CheckAnswer) => `${SETUP} ${RUNS} workerData.port.postMessage(${JSON.stringify(a)}); ${ANSWERED}`;
/** One that starts late (after this thread first looked), then answers. */
const answersLate = (a: CheckAnswer, ms: number) => `${SETUP} ${sleep(ms)} ${RUNS} workerData.port.postMessage(${JSON.stringify(a)}); ${ANSWERED}`;
/** One that throws before answering. */
const throws = (message: string) => `${SETUP} ${RUNS} throw new Error(${JSON.stringify(message)});`;
/** One that ends without a word. */
const endsSilently = `${SETUP} ${RUNS}`;
/** One that raises its "answered" flag but sends nothing (what a worker failing at its end leaves). */
const flagsWithoutMessage = `${SETUP} ${RUNS} ${ANSWERED}`;
/**
 * One that never gets going: only after 10 s, long after the check gives it up (5 s), does it
 * raise its "running" flag and end, so a run stopped early (a mutation run's bail) leaves no
 * thread behind for ever.
 */
const neverStarts = `${SETUP} ${sleep(10_000)} ${RUNS}`;

/** Blocks this thread (its events wait meanwhile). */
const sleepHere = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const answerWhenIdle = (r: RunningCheck) => new Promise<CheckAnswer>((resolve) => r.onAnswer(resolve));

describe('the start check waits for every worker and gives one answer', () => {
  it('one worker per core, at most four, unless told how many; never fewer than one', () => {
    const ok = answers({ problems: [], ms: 1 });
    for (const [cores, options, expected] of [
      [1, {}, 1],
      [3, {}, 3],
      [8, {}, 4],
      [8, { workers: 2 }, 2],
      [1, { workers: 3 }, 3],
      [8, { workers: 0 }, 1],
      [8, { workers: 2.7 }, 2],
    ] as const) {
      plan.cores = cores;
      plan.scripts = Array.from({ length: 6 }, () => ok);
      const before = plan.made.length;
      expect(start(options).wait(), `${cores} cores, ${JSON.stringify(options)}`).toEqual({ problems: [], ms: 1 });
      expect(plan.made.length - before, `${cores} cores, ${JSON.stringify(options)}`).toBe(expected);
    }
  });

  it('the answer is every worker\'s problems in turn, at most `limit` of them, and took as long as the slowest worker', () => {
    const three = () => [
      answers({ problems: ['a1', 'a2'], ms: 5 }),
      answers({ problems: [], ms: 12 }),
      answers({ problems: ['c1', 'c2'], ms: 7 }),
    ];
    plan.scripts = three();
    expect(start({ workers: 3 }).wait()).toEqual({ problems: ['a1', 'a2', 'c1', 'c2'], ms: 12 });
    plan.scripts = three();
    expect(start({ workers: 3, limit: 3 }).wait()).toEqual({ problems: ['a1', 'a2', 'c1'], ms: 12 });
    plan.scripts = three();
    expect(start({ workers: 3, limit: 0 }).wait()).toEqual({ problems: ['a1'], ms: 12 });
    plan.scripts = three();
    expect(start({ workers: 3, limit: 2.9 }).wait()).toEqual({ problems: ['a1', 'a2'], ms: 12 });
  });

  it('one worker\'s error is the answer, whatever the others found', async () => {
    plan.scripts = [answers({ problems: ['a1'], ms: 7 }), throws('could not read the file')];
    const r = start({ workers: 2 });
    expect(await answerWhenIdle(r)).toEqual({ error: { message: 'could not read the file' }, ms: 7 });
  });

  it('the answer arrives once, by itself, after every worker answered; asked for later, it is given at once', async () => {
    plan.scripts = [answers({ problems: ['a1'], ms: 3 }), answersLate({ problems: ['b1'], ms: 4 }, 200)];
    const r = start({ workers: 2 });
    const heard: CheckAnswer[] = [];
    const answer = await new Promise<CheckAnswer>((resolve) =>
      r.onAnswer((a) => {
        heard.push(a);
        resolve(a);
      }),
    );
    expect(answer).toEqual({ problems: ['a1', 'b1'], ms: 4 });
    expect(heard).toEqual([answer]);
    expect(r.wait()).toBe(answer);
    const late: CheckAnswer[] = [];
    r.onAnswer((a) => late.push(a));
    expect(late).toEqual([answer]);
  });

  it('waiting after the answer came gives the same answer, and a listener added after waiting hears it at once', () => {
    plan.scripts = [answers({ problems: [], ms: 2 })];
    const r = start({ workers: 1 });
    const answer = r.wait();
    expect(answer).toEqual({ problems: [], ms: 2 });
    const heard: CheckAnswer[] = [];
    r.onAnswer((a) => heard.push(a));
    expect(heard).toEqual([answer]);
    expect(r.wait()).toBe(answer);
  });

  it('an answer sent just before the worker ended is its answer, even when this thread was busy meanwhile (as it is during a start)', async () => {
    plan.scripts = [answers({ problems: [], ms: 3 }), answers({ problems: ['b1'], ms: 4 })];
    const r = start({ workers: 2 });
    const answer = answerWhenIdle(r);
    await new Promise((resolve) => setImmediate(resolve));
    // Busy until both workers have answered and ended: their answers and their ends now wait together.
    sleepHere(500);
    expect(await answer).toEqual({ problems: ['b1'], ms: 4 });
  });

  it('a worker that fails or ends without answering says so, never ok', async () => {
    plan.scripts = [throws('out of memory')];
    expect(await answerWhenIdle(start({ workers: 1 }))).toEqual({ error: { message: 'out of memory' }, ms: 0 });
    plan.scripts = [endsSilently];
    expect(await answerWhenIdle(start({ workers: 1 }))).toEqual({ error: { message: 'the check worker ended without an answer' }, ms: 0 });
    // While this thread waits, a raised "answered" flag with no message is such an end too.
    plan.scripts = [flagsWithoutMessage];
    expect(start({ workers: 1 }).wait()).toEqual({ error: { message: 'the check worker ended without an answer' }, ms: 0 });
  });

  it('waiting goes on for a worker that starts late and takes its time', () => {
    plan.scripts = [answersLate({ problems: ['late'], ms: 250 }, 250)];
    expect(start({ workers: 1 }).wait()).toEqual({ problems: ['late'], ms: 250 });
  });

  it('a worker that never starts is given up after a while, so writes are not held for ever; the answer says so', () => {
    plan.scripts = [neverStarts];
    expect(start({ workers: 1 }).wait()).toEqual({ error: { message: 'the check worker did not start' }, ms: 0 });
  });

  it('a worker that ends without a word while this thread waits is given up after the answer limit, so writes are not held for ever', () => {
    // Its 'exit' event cannot run while this thread waits: only the limit ends the wait
    // (a worker that runs out of memory ends this way, with no JavaScript run to say so).
    plan.scripts = [endsSilently];
    const began = performance.now();
    expect(start({ workers: 1, answerLimitMs: 300 }).wait()).toEqual({ error: { message: 'the check worker did not answer in time' }, ms: 0 });
    // Given up after the limit, not before (no bound on how much later: the machine may be slow).
    expect(performance.now() - began).toBeGreaterThanOrEqual(300);
  });

  it('workers that all end without a word are given up together: the answer limit is one wait, not one per worker', () => {
    plan.scripts = [endsSilently, endsSilently, endsSilently];
    const began = performance.now();
    expect(start({ workers: 3, answerLimitMs: 2000 }).wait()).toEqual({ error: { message: 'the check worker did not answer in time' }, ms: 0 });
    // Three limits in turn would be 6 s at least.
    expect(performance.now() - began).toBeLessThan(5000);
  });

  it('a running worker that answers within the answer limit is waited for', () => {
    plan.scripts = [`${SETUP} ${RUNS} ${sleep(300)} workerData.port.postMessage({ problems: ['slow'], ms: 300 }); ${ANSWERED}`];
    expect(start({ workers: 1, answerLimitMs: 20_000 }).wait()).toEqual({ problems: ['slow'], ms: 300 });
  });

  it('the answer limit is at least 30 s and grows with the store and its WAL, as reading them at 10 MB/s would', () => {
    const dir = tempDir('answer-limit');
    try {
      const file = join(dir, 'daftar.sqlite');
      expect(answerLimitMs(file)).toBe(30_000);
      writeFileSync(file, Buffer.alloc(2_000_000));
      expect(answerLimitMs(file)).toBe(30_200);
      writeFileSync(`${file}-wal`, Buffer.alloc(1_000_000));
      expect(answerLimitMs(file)).toBe(30_300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stopping ends the workers', async () => {
    plan.scripts = [neverStarts, neverStarts];
    const r = start({ workers: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(plan.made).toHaveLength(2);
    const ended = plan.made.map((w) => new Promise((resolve) => w.once('exit', resolve)));
    r.stop();
    await Promise.all(ended);
    // Ended from outside: neither got as far as raising its "running" flag.
    expect(plan.flags.map((f) => Atomics.load(new Int32Array(f), 1))).toEqual([0, 0]);
  });
});

describe('what the store keeps of the answer', () => {
  it('problems found are a failed quick check; none, a sound one', () => {
    expect(resultOf({ problems: ['Page 5: never used'], ms: 9 })).toEqual({ kind: 'quick', ok: false, problems: ['Page 5: never used'], ms: 9 });
    expect(resultOf({ problems: [], ms: 3 })).toEqual({ kind: 'quick', ok: true, problems: [], ms: 3 });
  });

  it('a read the damage itself made fail is the check\'s finding; any other error means the check could not run', () => {
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB']) {
      expect(resultOf({ error: { message: 'database disk image is malformed', code }, ms: 4 }), code).toEqual({
        kind: 'quick',
        ok: false,
        problems: ['database disk image is malformed'],
        ms: 4,
      });
    }
    for (const code of ['SQLITE_BUSY', 'SQLITE_CANTOPEN', 'MODULE_NOT_FOUND', 'X_SQLITE_CORRUPT', undefined]) {
      expect(resultOf({ error: { message: 'failed', code }, ms: 4 }), String(code)).toBeNull();
    }
  });
});
