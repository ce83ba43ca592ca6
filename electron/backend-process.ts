/**
 * Runs the backend (main/host/utility.ts, bundled to dist/main/utility.cjs) in an
 * Electron utilityProcess and keeps it running: when it dies unexpectedly it is started
 * again after a growing pause, so a backend that crashes at start does not spin the CPU.
 * On quit it is asked to close its database and exit, and killed if it does not.
 */
import type { SecretAnswer } from '../main/api/secrets';
import type { MainPortLike, SafeStorageLike, UtilityProcessLike, UtilityProcessModule } from './shell-types';
import type { ShellLog } from './log';
import { parseBackendFatal, type ShellMessage } from '../main/api/shell-messages';
import { answerSecret, isSecretRequest } from './secrets';

/** Messages to the backend process: one type for both sides (main/api/shell-messages.ts), and answers to its secret requests. */
export type ToBackend = ShellMessage | SecretAnswer;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /** A backend that stayed up this long is healthy again: the next crash restarts quickly. */
  healthyAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { firstDelayMs: 500, maxDelayMs: 30_000, healthyAfterMs: 60_000 };

export interface BackendProcessOptions {
  utilityProcess: UtilityProcessModule;
  entry: string;
  dataDir: string;
  /** The app's version, for the backend's app.info and its log. */
  version: string;
  log: ShellLog;
  /** A (new) backend process is up: every window needs a fresh port to it. */
  onStarted: () => void;
  /** The backend died: windows fail their pending calls instead of waiting. */
  onExited: () => void;
  /** The backend cannot start (the data folder is held by another Daftar, the disk is read-only…): no restarts. */
  onFatal?: (message: string) => void;
  /** Seals the backend's secrets (a SIP password) with the OS keychain, when it asks. */
  safeStorage?: SafeStorageLike;
  timers?: Timers;
  now?: () => number;
  backoff?: BackoffPolicy;
  shutdownTimeoutMs?: number;
}

export class BackendProcess {
  private child: UtilityProcessLike | null = null;
  private startedAt = 0;
  private crashes = 0;
  private restartTimer: unknown = null;
  private stopping = false;
  private exitWaiters: (() => void)[] = [];
  /** The sentence of a backend that said it cannot start. */
  private fatal: string | null = null;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly backoff: BackoffPolicy;

  constructor(private readonly opts: BackendProcessOptions) {
    this.timers = opts.timers ?? {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    };
    this.now = opts.now ?? Date.now;
    this.backoff = opts.backoff ?? DEFAULT_BACKOFF;
  }

  get running(): boolean {
    return this.child !== null;
  }

  start(): void {
    if (this.child || this.stopping) return;
    this.restartTimer = null;
    const child = this.opts.utilityProcess.fork(this.opts.entry, [], {
      serviceName: 'Daftar backend',
      // The backend writes its own log file; its stdout/stderr go where the shell's go.
      stdio: 'inherit',
    });
    this.child = child;
    this.startedAt = this.now();
    child.on('exit', (code) => this.exited(child, code));
    child.on('message', (message) => {
      const fatal = parseBackendFatal(message);
      if (fatal) {
        this.fatal = fatal.message;
        return;
      }
      // Otherwise the backend asks for nothing but secrets; anything else is ignored.
      if (!isSecretRequest(message)) return;
      const safe = this.opts.safeStorage;
      this.post(child, safe ? answerSecret(safe, message) : { type: 'secret-result', id: message.id, ok: false, error: 'no safeStorage' });
    });
    this.post(child, { type: 'init', dataDir: this.opts.dataDir, version: this.opts.version });
    this.opts.log.info('backend started', { pid: child.pid });
    this.opts.onStarted();
  }

  /** Hands the backend one end of a window's channel. False when no backend is running. */
  connect(windowId: number, port: MainPortLike): boolean {
    if (!this.child) return false;
    this.post(this.child, { type: 'connect', windowId }, [port]);
    return true;
  }

  /** For app quit: no restarts from here on; resolves once the process is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer !== null) this.timers.clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    this.post(child, { type: 'shutdown' });
    let timer: unknown = null;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = this.timers.setTimeout(() => resolve('timeout'), this.opts.shutdownTimeoutMs ?? 3000);
    });
    if ((await Promise.race([exited, timedOut])) === 'timeout') {
      this.opts.log.warn('backend did not exit in time; killing it', { pid: child.pid });
      child.kill();
      this.child = null;
    } else {
      this.timers.clearTimeout(timer);
    }
  }

  private post(child: UtilityProcessLike, message: ToBackend, transfer?: MainPortLike[]): void {
    try {
      child.postMessage(message, transfer);
    } catch (err) {
      // A process that is going away; its exit event does the rest.
      this.opts.log.warn('message to backend failed', { type: message.type, error: String(err) });
    }
  }

  private exited(child: UtilityProcessLike, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    for (const resolve of this.exitWaiters.splice(0)) resolve();
    if (this.stopping) {
      this.opts.log.info('backend stopped', { code });
      return;
    }
    if (this.fatal !== null) {
      // Starting again would fail the same way; the person must act (close the other Daftar, free the disk).
      this.stopping = true;
      this.opts.log.error('backend cannot start', { code, reason: this.fatal });
      this.opts.onExited();
      this.opts.onFatal?.(this.fatal);
      return;
    }
    const livedMs = this.now() - this.startedAt;
    if (livedMs >= this.backoff.healthyAfterMs) this.crashes = 0;
    const delayMs = Math.min(this.backoff.maxDelayMs, this.backoff.firstDelayMs * 2 ** this.crashes);
    this.crashes += 1;
    this.opts.log.error('backend exited unexpectedly', { code, livedMs, restartInMs: delayMs });
    this.opts.onExited();
    this.restartTimer = this.timers.setTimeout(() => this.start(), delayMs);
  }
}
