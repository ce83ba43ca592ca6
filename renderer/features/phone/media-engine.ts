/**
 * The renderer's media engine: the WebRTC half of a call whose signalling runs in the
 * backend (main/phone/media.ts). The backend's SessionDescriptionHandler sends each step as
 * a `phone.media.request`; this engine does it with one RTCPeerConnection per call (the
 * microphone out, the far end's audio to the speaker) and answers `phone.media.respond`.
 * Only the engine named in a request acts on it (several windows may be open).
 */
import type { MediaReply, MediaRequest } from '../../../main/phone/schema';

export interface MediaEngineDeps {
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  createPeer: (config: RTCConfiguration) => RTCPeerConnection;
  /** Plays (or, with null, stops) a call's far-end audio. */
  play: (callId: string, stream: MediaStream | null) => void;
  /** How long to wait for ICE candidates before answering with what there is. */
  iceGatheringMs?: number;
  rtcConfig?: RTCConfiguration;
}

interface CallMedia {
  pc: RTCPeerConnection;
  mic: MediaStream;
  sender: RTCRtpSender;
  transceiver: RTCRtpTransceiver;
  remote: MediaStream;
}

export function browserMediaDeps(): MediaEngineDeps {
  const players = new Map<string, HTMLAudioElement>();
  return {
    getUserMedia: (c) => navigator.mediaDevices.getUserMedia(c),
    createPeer: (config) => new RTCPeerConnection(config),
    play: (callId, stream) => {
      let el = players.get(callId);
      if (!stream) {
        if (el) {
          el.srcObject = null;
          players.delete(callId);
        }
        return;
      }
      if (!el) {
        el = new Audio();
        el.autoplay = true;
        players.set(callId, el);
      }
      el.srcObject = stream;
      void el.play().catch(() => {});
    },
  };
}

export class MediaEngine {
  readonly id: string;
  private readonly calls = new Map<string, CallMedia>();

  constructor(
    private readonly deps: MediaEngineDeps,
    id?: string,
  ) {
    this.id = id ?? crypto.randomUUID();
  }

  /** Whether a request is for this engine (the backend names the engine it chose). */
  owns(request: MediaRequest): boolean {
    return request.engineId === this.id;
  }

  /** Does one step; never throws: failures are answered as {ok: false}. */
  async handle(request: MediaRequest): Promise<MediaReply> {
    const { requestId, callId } = request;
    try {
      switch (request.op) {
        case 'describe':
          return { requestId, ok: true, sdp: await this.describe(callId, request.hold) };
        case 'apply':
          await this.apply(callId, request.sdp);
          return { requestId, ok: true };
        case 'rollback': {
          const m = this.calls.get(callId);
          if (m && m.pc.signalingState !== 'stable') await m.pc.setLocalDescription({ type: 'rollback' });
          return { requestId, ok: true };
        }
        case 'dtmf': {
          const dtmf = this.calls.get(callId)?.sender.dtmf;
          if (!dtmf?.canInsertDTMF) return { requestId, ok: false, error: 'dtmf not possible' };
          dtmf.insertDTMF(request.tones, 100, 70);
          return { requestId, ok: true };
        }
        case 'mute':
          for (const t of this.calls.get(callId)?.mic.getAudioTracks() ?? []) t.enabled = !request.muted;
          return { requestId, ok: true };
        case 'close':
          this.close(callId);
          return { requestId, ok: true };
      }
    } catch (err) {
      return { requestId, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 500) : 'failed' };
    }
  }

  /** Microphone muted? (what the call's sender sends) */
  isMuted(callId: string): boolean {
    return this.calls.get(callId)?.mic.getAudioTracks().every((t) => !t.enabled) ?? false;
  }

  peer(callId: string): RTCPeerConnection | null {
    return this.calls.get(callId)?.pc ?? null;
  }

  close(callId: string): void {
    const m = this.calls.get(callId);
    if (!m) return;
    this.calls.delete(callId);
    for (const t of m.mic.getTracks()) t.stop();
    m.pc.close();
    this.deps.play(callId, null);
  }

  closeAll(): void {
    for (const id of [...this.calls.keys()]) this.close(id);
  }

  private async ensure(callId: string): Promise<CallMedia> {
    const existing = this.calls.get(callId);
    if (existing) return existing;
    const mic = await this.deps.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true }, video: false });
    const track = mic.getAudioTracks()[0];
    if (!track) throw new Error('no microphone track');
    const pc = this.deps.createPeer(this.deps.rtcConfig ?? { bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    const transceiver = pc.addTransceiver(track, { direction: 'sendrecv', streams: [mic] });
    const remote = new MediaStream();
    pc.addEventListener('track', (e) => {
      remote.addTrack(e.track);
      this.deps.play(callId, remote);
    });
    const m: CallMedia = { pc, mic, sender: transceiver.sender, transceiver, remote };
    this.calls.set(callId, m);
    return m;
  }

  private async describe(callId: string, hold: boolean): Promise<string> {
    const m = await this.ensure(callId);
    if (m.pc.signalingState === 'have-remote-offer') {
      await m.pc.setLocalDescription(await m.pc.createAnswer());
    } else {
      m.transceiver.direction = hold ? 'sendonly' : 'sendrecv';
      await m.pc.setLocalDescription(await m.pc.createOffer());
    }
    await this.gathered(m.pc);
    const sdp = m.pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    return sdp;
  }

  private async apply(callId: string, sdp: string): Promise<void> {
    const m = await this.ensure(callId);
    const type = m.pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    await m.pc.setRemoteDescription({ type, sdp });
  }

  /** SIP has no trickle ICE here: the description goes out with its candidates. */
  private gathered(pc: RTCPeerConnection): Promise<void> {
    if (pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        resolve();
      };
      const check = () => pc.iceGatheringState === 'complete' && done();
      const timer = setTimeout(done, this.deps.iceGatheringMs ?? 1_000);
      pc.addEventListener('icegatheringstatechange', check);
    });
  }
}
