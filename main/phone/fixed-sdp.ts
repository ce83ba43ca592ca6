/**
 * Media without media, for signalling tests and the bench under Node: a fixed audio
 * description (PCMU + telephone-event, RTP to a port nobody listens on), sendonly while on
 * hold, and a record of what it was asked to do. Never used by the app itself.
 */
import type { BodyAndContentType, SessionDescriptionHandler, SessionDescriptionHandlerOptions } from 'sip.js';
import { isHold, type MediaProvider } from './media';

export interface FixedMediaLog {
  /** Remote descriptions applied, per call. */
  remote: Map<string, string[]>;
  /** DTMF tones sent, per call. */
  tones: Map<string, string>;
  /** Mute state, per call. */
  muted: Map<string, boolean>;
  /** Descriptions made while on hold, per call. */
  holds: Map<string, number>;
}

let version = 0;

function fixedSdp(hold: boolean): string {
  version += 1;
  return [
    'v=0',
    `o=- 1 ${version} IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 40000 RTP/AVP 0 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:101 telephone-event/8000',
    hold ? 'a=sendonly' : 'a=sendrecv',
    '',
  ].join('\r\n');
}

export class FixedSdpHandler implements SessionDescriptionHandler {
  constructor(
    private readonly callId: string,
    private readonly log: FixedMediaLog,
  ) {}

  getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    const hold = isHold(options);
    if (hold) this.log.holds.set(this.callId, (this.log.holds.get(this.callId) ?? 0) + 1);
    return Promise.resolve({ body: fixedSdp(hold), contentType: 'application/sdp' });
  }

  setDescription(sdp: string): Promise<void> {
    this.log.remote.set(this.callId, [...(this.log.remote.get(this.callId) ?? []), sdp]);
    return Promise.resolve();
  }

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  rollbackDescription(): Promise<void> {
    return Promise.resolve();
  }

  sendDtmf(tones: string): boolean {
    this.log.tones.set(this.callId, (this.log.tones.get(this.callId) ?? '') + tones);
    return true;
  }

  close(): void {}
}

export function fixedMedia(): MediaProvider & { log: FixedMediaLog } {
  const log: FixedMediaLog = { remote: new Map(), tones: new Map(), muted: new Map(), holds: new Map() };
  return {
    log,
    handler: (callId) => new FixedSdpHandler(callId, log),
    mute: (callId, muted) => {
      log.muted.set(callId, muted);
      return Promise.resolve();
    },
  };
}
