/**
 * The bell for an incoming call: a two-tone ring (440 + 480 Hz, 1.2 s on, 2.8 s off) made
 * with WebAudio, so no sound file ships and no network is needed. `level()` reads what is
 * being played (an AnalyserNode on the way out): a test can hear the bell.
 */
export interface RingerOptions {
  onMs?: number;
  offMs?: number;
  createContext?: () => AudioContext;
}

export class Ringer {
  private ctx: AudioContext | null = null;
  private gain: GainNode | null = null;
  private analyser: AnalyserNode | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly options: RingerOptions = {}) {}

  get playing(): boolean {
    return this.ctx !== null;
  }

  start(): void {
    if (this.ctx) return;
    const ctx = this.options.createContext?.() ?? new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0;
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    gain.connect(analyser).connect(ctx.destination);
    for (const f of [440, 480]) {
      const osc = ctx.createOscillator();
      osc.frequency.value = f;
      osc.connect(gain);
      osc.start();
    }
    this.ctx = ctx;
    this.gain = gain;
    this.analyser = analyser;
    void ctx.resume().catch(() => {});
    const on = this.options.onMs ?? 1_200;
    const off = this.options.offMs ?? 2_800;
    const ring = () => {
      const t = ctx.currentTime;
      gain.gain.cancelScheduledValues(t);
      gain.gain.setValueAtTime(0.2, t);
      gain.gain.setValueAtTime(0, t + on / 1000);
    };
    ring();
    this.timer = setInterval(ring, on + off);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.ctx?.close().catch(() => {});
    this.ctx = null;
    this.gain = null;
    this.analyser = null;
  }

  /** Root-mean-square of what is playing now, 0 when silent or stopped. */
  level(): number {
    if (!this.analyser) return 0;
    const data = new Float32Array(this.analyser.fftSize);
    this.analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    return Math.sqrt(sum / data.length);
  }
}
