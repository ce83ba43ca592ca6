import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CheckResult } from './integrity';

/**
 * The quick_check after an unclean shutdown, on worker threads with their own read-only
 * connections, so the rest of a start (migration check, capabilities, the port) goes on
 * beside it; db/storage.ts holds every write until it reports, so a damaged store is never
 * written into (issue 6 §2, docs/architecture.md "Start check").
 *
 * One quick_check is split in parts that run at once (measured on 100,000 identities:
 * about 640 ms in one piece, of which the full-text indexes' own checks took about 410):
 *   - part 0, the file: quick_check over every b-tree (the full-text indexes' shadow tables
 *     too), the free list and the pages used twice or never. The virtual tables' own
 *     checks are left out by giving their modules a stand-in on this connection that has
 *     no integrity method (SQLite skips such a table, pragma.c), never by naming tables:
 *     quick_check(table) skips the whole-file part.
 *   - part 1…n, one per virtual table: quick_check(table), which for a virtual table is
 *     its module's own check (FTS5 walks every segment and prefix index).
 * Together they are exactly what one quick_check does. Workers take parts in turn from a
 * shared counter: one worker per core, at most four; one that finds no part left answers
 * at once. With one core it is one worker doing every part, about what one quick_check costs.
 *
 * The worker is plain JavaScript evaluated from this string (no separate file to bundle)
 * and loads better-sqlite3 from the path the main thread resolved.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
const next = new Int32Array(workerData.next);
Atomics.store(flag, 1, 1);
const started = performance.now();
let answer;
const open = (Database) => {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // A small page cache: the check reads each page once, and a cache that fits the CPU's
  // own caches made it cheaper (100,000 identities, CPU ms: whole quick_check 653 → 565;
  // the file part 324 → 227, the full-text parts 339 → 267; 64 to 512 KB alike).
  db.pragma('cache_size = -256');
  return db;
};
const problemsOf = (rows) => rows.map((r) => String(Object.values(r)[0])).filter((p) => p !== 'ok');
try {
  const Database = require(workerData.sqlite);
  const problems = [];
  // One connection for the list and the virtual tables' parts; the file part takes it over
  // (no virtual table is connected on it yet, so the stand-ins can take their modules' place).
  let db = null;
  let standIn = null;
  try {
    db = open(Database);
    const virtual = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
      .all();
    for (;;) {
      const part = Atomics.add(next, 0, 1);
      if (part > virtual.length) break;
      if (part === 0) {
        standIn = db;
        db = null;
        // Stand-ins without an integrity method for every module a virtual table uses.
        const modules = new Set(virtual.map((v) => (/\\bUSING\\s+"?([A-Za-z0-9_]+)/i.exec(v.sql) || [])[1]).filter(Boolean));
        for (const m of modules) standIn.table(m, () => ({ columns: ['stand_in'], *rows() {} }));
        problems.push(...problemsOf(standIn.pragma('quick_check(' + workerData.limit + ')', { simple: false })));
      } else {
        db = db || open(Database);
        const name = virtual[part - 1].name;
        problems.push(...problemsOf(db.pragma('quick_check("' + name.replace(/"/g, '""') + '")', { simple: false })));
      }
    }
  } finally {
    if (db) db.close();
    if (standIn) standIn.close();
  }
  answer = { problems: problems.slice(0, workerData.limit) };
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
  /** Blocks this thread until the workers report (at once when they have), then returns their answer. */
  wait(): CheckAnswer;
  /** Called once with the answer when it arrives while this thread is idle. */
  onAnswer(listener: (answer: CheckAnswer) => void): void;
  /** Stops the workers (the store is closing). */
  stop(): void;
}

/** A worker not running after this long while writes wait is given up (the caller checks on its own thread). */
const WORKER_START_LIMIT_MS = 5000;

/**
 * How long waiting for a worker that runs may take before it is given up (the caller then
 * checks on its own thread). A worker that dies without running any more JavaScript (out of
 * memory, a fatal error) reports it only by its 'exit' event, which cannot run while this
 * thread waits, and Node offers no way to learn of it without the event: this bound is what
 * keeps writes from being held for ever then. It is the time a check of the file could take
 * reading at a very slow 10 MB/s (a sound check of 143 MB takes about 0.3 s), and at least 30 s.
 */
export function answerLimitMs(file: string): number {
  let bytes = 0;
  for (const f of [file, `${file}-wal`]) {
    try {
      bytes += statSync(f).size;
    } catch {
      // no such file: nothing to read
    }
  }
  return 30_000 + bytes / 10_000;
}

export interface StartCheckOptions {
  /** Most problems listed. */
  limit?: number;
  /** better-sqlite3's path for the workers' require (tests give a wrong one to see the fallback). */
  sqlite?: string;
  /** How many workers share the parts (default: one per core, at most 4). */
  workers?: number;
  /** Longest wait for a running worker's answer (default: answerLimitMs of the file). */
  answerLimitMs?: number;
}

/** Starts the check; the answer is the union of every worker's (the first error, if any). */
export function startCheckInWorker(file: string, options: StartCheckOptions = {}): RunningCheck {
  const limit = Math.max(1, Math.floor(options.limit ?? 20));
  const sqlite = options.sqlite ?? sqliteModulePath();
  const count = Math.max(1, Math.floor(options.workers ?? Math.min(4, availableParallelism())));
  // The parts' counter, shared by the workers: each takes the next part until none is left.
  const next = new SharedArrayBuffer(4);
  const answerLimit = options.answerLimitMs ?? answerLimitMs(file);
  // The first worker starts now; the others once this thread is idle or first waits, so
  // their start (about 10 ms each on this thread at load) is not paid before reads are served.
  const workers = [startWorker(file, limit, sqlite, next, answerLimit)];
  let answer: CheckAnswer | null = null;
  let listener: ((a: CheckAnswer) => void) | null = null;
  const combine = (answers: CheckAnswer[]): CheckAnswer => {
    const ms = Math.max(...answers.map((a) => a.ms));
    const failed = answers.find((a) => 'error' in a);
    if (failed) return { ...failed, ms };
    return { problems: answers.flatMap((a) => ('problems' in a ? a.problems : [])).slice(0, limit), ms };
  };
  const answered = () => {
    if (answer || workers.length < count) return;
    const answers = workers.map((w) => w.answer());
    if (answers.every((a) => a !== null)) {
      answer = combine(answers as CheckAnswer[]);
      listener?.(answer);
    }
  };
  let stopped = false;
  const startRest = () => {
    clearImmediate(later);
    while (!stopped && workers.length < count) {
      const w = startWorker(file, limit, sqlite, next, answerLimit);
      workers.push(w);
      w.onAnswer(answered);
    }
  };
  const later = setImmediate(startRest);
  workers[0]!.onAnswer(answered);
  return {
    wait() {
      startRest();
      // One clock for all the workers: waiting for them in turn must not add their limits up.
      const since = performance.now();
      if (!answer) answer = combine(workers.map((w) => w.wait(since)));
      return answer;
    },
    onAnswer(l) {
      listener = l;
      if (answer) l(answer);
    },
    stop() {
      stopped = true;
      clearImmediate(later);
      for (const w of workers) w.stop();
    },
  };
}

interface OneWorker {
  /** Blocks until this worker answers, or the limits counted from `since` (performance.now()) have passed. */
  wait(since: number): CheckAnswer;
  answer(): CheckAnswer | null;
  onAnswer(listener: () => void): void;
  stop(): void;
}

function startWorker(file: string, limit: number, sqlite: string, next: SharedArrayBuffer, answerLimit: number): OneWorker {
  // [0]: answered, [1]: the worker runs (a worker that never starts must not hold writes for ever).
  const flag = new SharedArrayBuffer(8);
  const done = new Int32Array(flag);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, limit, flag, next, sqlite, port: port2 },
    transferList: [port2 as unknown as MessagePort],
  });
  let answer: CheckAnswer | null = null;
  let listener: (() => void) | null = null;
  const settle = (a: CheckAnswer) => {
    if (answer) return;
    answer = a;
    port1.close();
    listener?.();
  };
  port1.on('message', (a: CheckAnswer) => settle(a));
  // The answer a worker sent just before it ended, if its 'message' event has not run yet: a
  // worker's 'exit' can come first, when this thread was busy while the worker finished.
  const sent = () => (answer ? null : ((receiveMessageOnPort(port1)?.message as CheckAnswer | undefined) ?? null));
  // A worker that dies before answering (it could not start, or ran out of memory) says so.
  worker.on('error', (err) => {
    settle(sent() ?? { error: { message: err.message }, ms: 0 });
    Atomics.store(done, 0, 1);
  });
  worker.on('exit', () => {
    settle(sent() ?? { error: { message: 'the check worker ended without an answer' }, ms: 0 });
    Atomics.store(done, 0, 1);
  });
  // The worker must not keep a closing process alive.
  worker.unref();
  port1.unref();
  return {
    wait(since) {
      while (!answer) {
        Atomics.wait(done, 0, 0, 100);
        const received = receiveMessageOnPort(port1);
        if (received) settle(received.message as CheckAnswer);
        else if (Atomics.load(done, 0) === 1) {
          // Answered flag without a message: the worker failed; its error event may not have run yet.
          settle({ error: { message: 'the check worker ended without an answer' }, ms: 0 });
        } else if (Atomics.load(done, 1) === 0) {
          if (performance.now() - since > WORKER_START_LIMIT_MS) {
            settle({ error: { message: 'the check worker did not start' }, ms: 0 });
            void worker.terminate();
          }
        } else if (performance.now() - since > answerLimit) {
          settle({ error: { message: 'the check worker did not answer in time' }, ms: 0 });
          void worker.terminate();
        }
      }
      return answer;
    },
    answer: () => answer,
    onAnswer(l) {
      listener = l;
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
