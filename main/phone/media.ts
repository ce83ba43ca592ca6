/**
 * Media for calls whose signalling runs in the backend. WebRTC exists only in Chromium, so
 * the SessionDescriptionHandler SIP.js asks for offers and answers is a proxy: each of its
 * steps becomes a `phone.media.request` event to the renderer's media engine
 * (renderer/features/phone/media-engine.ts: RTCPeerConnection, microphone, speaker), which
 * answers with `phone.media.respond`. Several windows may be open: requests go to the
 * engine that attached last; the others ignore them.
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import type { MediaOp, MediaReply, MediaRequest } from './schema';

/** What the softphone needs for a call's media, whoever provides it. */
export interface MediaProvider {
  /** A SessionDescriptionHandler for one call (our call id). */
  handler(callId: string): SessionDescriptionHandler;
  mute(callId: string, muted: boolean): Promise<void>;
}

/** How SIP.js's hold reaches getDescription (sessionDescriptionHandlerOptionsReInvite). */
export interface HoldOption extends SessionDescriptionHandlerOptions {
  hold?: boolean;
}

export function isHold(options: SessionDescriptionHandlerOptions | undefined): boolean {
  return (options as HoldOption | undefined)?.hold === true;
}

const SDP = 'application/sdp';

export class MediaUnavailableError extends Error {
  constructor(readonly reason: 'no-engine' | 'timeout' | 'engine-error', detail = '') {
    super(`media ${reason}${detail ? `: ${detail}` : ''}`);
    this.name = 'MediaUnavailableError';
  }
}

interface Pending {
  resolve: (sdp: string | undefined) => void;
  reject: (err: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The backend's side of the media protocol: sends requests as events, matches the replies. */
export class MediaBroker implements MediaProvider {
  private engine: string | null = null;
  private visible = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly send: (request: MediaRequest) => void,
    private readonly timeoutMs = 15_000,
  ) {}

  /**
   * A window's media engine is ready; the newest one serves the calls from now on. Windows
   * attach again when they are shown or hidden, so the backend knows whether anyone sees
   * a popup (else it sends a native notification).
   */
  attach(engineId: string, visible = true): void {
    this.engine = engineId;
    this.visible = visible;
  }

  detach(engineId: string): void {
    if (this.engine === engineId) {
      this.engine = null;
      this.visible = false;
    }
  }

  get attached(): boolean {
    return this.engine !== null;
  }

  /** A window that serves the calls is open and shown. */
  get seen(): boolean {
    return this.engine !== null && this.visible;
  }

  request(callId: string, op: MediaOp): Promise<string | undefined> {
    const engineId = this.engine;
    if (!engineId) return Promise.reject(new MediaUnavailableError('no-engine'));
    const requestId = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        reject(new MediaUnavailableError('timeout', op.op));
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(requestId, { resolve, reject, timer });
      this.send({ ...op, engineId, requestId, callId });
    });
  }

  /** A reply from the engine; an unknown or late request id is ignored. */
  respond(reply: MediaReply): boolean {
    const p = this.pending.get(reply.requestId);
    if (!p) return false;
    this.pending.delete(reply.requestId);
    clearTimeout(p.timer);
    if (reply.ok) p.resolve(reply.sdp);
    else p.reject(new MediaUnavailableError('engine-error', reply.error ?? ''));
    return true;
  }

  handler(callId: string): SessionDescriptionHandler {
    return new RemoteMediaHandler(callId, this);
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.request(callId, { op: 'mute', muted });
  }

  /** Fails every request still waiting (the backend is stopping). */
  close(): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new MediaUnavailableError('no-engine'));
      this.pending.delete(id);
    }
  }
}

/** SIP.js's SessionDescriptionHandler for one call, each step done by the renderer's engine. */
export class RemoteMediaHandler implements SessionDescriptionHandler {
  constructor(
    private readonly callId: string,
    private readonly broker: MediaBroker,
  ) {}

  async getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    const sdp = await this.broker.request(this.callId, { op: 'describe', hold: isHold(options) });
    if (!sdp) throw new MediaUnavailableError('engine-error', 'empty description');
    return { body: sdp, contentType: SDP };
  }

  async setDescription(sdp: string): Promise<void> {
    await this.broker.request(this.callId, { op: 'apply', sdp });
  }

  hasDescription(contentType: string): boolean {
    return contentType === SDP;
  }

  async rollbackDescription(): Promise<void> {
    await this.broker.request(this.callId, { op: 'rollback' });
  }

  /** RFC 4733 tones through the engine's RTCDTMFSender; false (SIP INFO instead) without an engine. */
  sendDtmf(tones: string): boolean {
    if (!this.broker.attached) return false;
    this.broker.request(this.callId, { op: 'dtmf', tones }).catch(() => {});
    return true;
  }

  close(): void {
    if (this.broker.attached) this.broker.request(this.callId, { op: 'close' }).catch(() => {});
  }
}
