/**
 * The caller's side of the RPC: pairs calls with results and fans out events. Pure and
 * dependency-free, so the preload (Electron) and the renderer (web host) both use it over
 * whatever carries frames: a MessagePort or a WebSocket.
 */
import type { AnyContract, AnyEvents, InputOf, OutputOf } from './contract';
import { parseServerFrame, type ApiErrorBody, type CallFrame, type Result } from './rpc';

export interface FrameChannel {
  send(frame: CallFrame): void;
}

/** Typed by the contract it talks to (main/contract.ts); the machinery knows no capability. */
export class RpcClient<C extends AnyContract = AnyContract, E extends AnyEvents = AnyEvents> {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  constructor(private readonly channel: FrameChannel) {}

  /** Feed every frame the transport receives. */
  receive(data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame) return;
    if (frame.t === 'result') {
      const resolve = this.pending.get(frame.id);
      this.pending.delete(frame.id);
      resolve?.(frame.result);
    } else {
      for (const l of this.listeners.get(frame.event) ?? []) l(frame.payload);
    }
  }

  /** The transport is gone: every call waiting for an answer fails, none hangs. */
  disconnected(): void {
    const error: ApiErrorBody = { code: 'unavailable', message: 'ارتباط با سرویس برنامه قطع شد.' };
    for (const resolve of this.pending.values()) resolve({ ok: false, error });
    this.pending.clear();
  }

  call<M extends keyof C & string>(method: M, input: InputOf<C, M>): Promise<Result<OutputOf<C, M>>>;
  call(method: string, input: unknown): Promise<Result<unknown>>;
  call(method: string, input: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      try {
        this.channel.send({ t: 'call', id, method, input });
      } catch {
        this.pending.delete(id);
        resolve({ ok: false, error: { code: 'unavailable', message: 'ارتباط با سرویس برنامه برقرار نیست.' } });
      }
    });
  }

  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): () => void;
  on(event: string, listener: (payload: unknown) => void): () => void;
  on(event: string, listener: (payload: never) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }
}

/** What the preload exposes as window.daftar, and what the web host's client provides too. */
export interface DaftarApi<C extends AnyContract = AnyContract, E extends AnyEvents = AnyEvents> {
  call<M extends keyof C & string>(method: M, input: InputOf<C, M>): Promise<Result<OutputOf<C, M>>>;
  on<K extends keyof E & string>(event: K, listener: (payload: E[K]) => void): () => void;
}
