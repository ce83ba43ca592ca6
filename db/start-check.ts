import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CheckResult } from './integrity';

/**
 * The quick_check after an unclean shutdown, on a worker thread with its own read-only
 * connection, so the rest of a start (migration check, capabilities, the port) goes on
 * beside it; db/storage.ts holds every write until it reports, so a damaged store is never
 * written into (issue 6 §2). quick_check reads the whole file (about 2 ms per MB here): on
 * the main thread it was most of a start after a crash.
 *
 * The worker is plain JavaScript evaluated from this string (no separate file to bundle)
 * and loads better-sqlite3 from the path the main thread resolved.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
Atomics.store(flag, 1, 1);
const started = performance.now();
let answer;
try {
  const Database = require(workerData.sqlite);
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const rows = db.pragma('quick_check(' + workerData.limit + ')', { simple: false });
    answer = { problems: rows.map((r) => String(Object.values(r)[0])).filter((p) => p !== 'ok') };
  } finally {
    db.close();
  }
} catch (err) {
  answer = { error: { message: String((err && err.message) || err), code: err && err.code } };
}
answer.ms = Math.round(performance.now() - started);
workerData.port.postMessage(answer);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
`;

/** What the worker reports: the check's problems, or an error that kept it from checking. */
export type CheckAnswer = { problems: string[]; ms: number } | { error: { message: string; code?: string }; ms: number };

export interface RunningCheck {
  /** Blocks this thread until the worker reports (at once when it has), then returns its answer. */
  wait(): CheckAnswer;
  /** Called once with the answer when it arrives while this thread is idle. */
  onAnswer(listener: (answer: CheckAnswer) => void): void;
  /** Stops the worker (the store is closing). */
  stop(): void;
}

/** A worker not running after this long while writes wait is given up (the caller checks on its own thread). */
const WORKER_START_LIMIT_MS = 5000;

/** `sqlite`: better-sqlite3's path for the worker's require (tests give a wrong one to see the fallback). */
export function startCheckInWorker(file: string, limit = 20, sqlite = sqliteModulePath()): RunningCheck {
  // [0]: answered, [1]: the worker runs (a worker that never starts must not hold writes for ever).
  const flag = new SharedArrayBuffer(8);
  const done = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, limit: Math.max(1, Math.floor(limit)), flag, sqlite, port: port2 },
    transferList: [port2 as unknown as MessagePort],
  });
  let answer: CheckAnswer | null = null;
  let listener: ((a: CheckAnswer) => void) | null = null;
  const settle = (a: CheckAnswer) => {
    if (answer) return;
    answer = a;
    port1.close();
    listener?.(a);
  };
  port1.on('message', (a: CheckAnswer) => settle(a));
  // A worker that dies before answering (it could not start, or ran out of memory) says so.
  worker.on('error', (err) => {
    settle({ error: { message: err.message }, ms: 0 });
    Atomics.store(done, 0, 1);
  });
  worker.on('exit', () => {
    settle({ error: { message: 'the check worker ended without an answer' }, ms: 0 });
    Atomics.store(done, 0, 1);
  });
  // The worker must not keep a closing process alive.
  worker.unref();
  port1.unref();
  return {
    wait() {
      const since = performance.now();
      while (!answer) {
        Atomics.wait(done, 0, 0, 100);
        const received = receiveMessageOnPort(port1);
        if (received) settle(received.message as CheckAnswer);
        else if (Atomics.load(done, 0) === 1) {
          // Answered flag without a message: the worker failed; its error event may not have run yet.
          settle({ error: { message: 'the check worker ended without an answer' }, ms: 0 });
        } else if (Atomics.load(done, 1) === 0 && performance.now() - since > WORKER_START_LIMIT_MS) {
          settle({ error: { message: 'the check worker did not start' }, ms: 0 });
          void worker.terminate();
        }
      }
      return answer;
    },
    onAnswer(l) {
      listener = l;
      if (answer) l(answer);
    },
    stop() {
      void worker.terminate();
      port1.close();
    },
  };
}

/** Where better-sqlite3 is, for the worker's require (bundled, CommonJS and test builds alike). */
function sqliteModulePath(): string {
  const req = typeof require === 'function' ? require : createRequire(join(process.cwd(), 'noop.js'));
  return req.resolve('better-sqlite3');
}

/** The answer as the check result the store keeps; null when the worker could not check. */
export function resultOf(answer: CheckAnswer): CheckResult | null {
  if ('error' in answer) {
    const code = answer.error.code ?? '';
    // A corrupt file can fail the check's own reads: that is the check's finding.
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return { kind: 'quick', ok: false, problems: [answer.error.message], ms: answer.ms };
    return null;
  }
  return { kind: 'quick', ok: answer.problems.length === 0, problems: answer.problems, ms: answer.ms };
}
