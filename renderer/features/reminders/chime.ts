/**
 * The reminder sound: two soft tones made with WebAudio, so no sound file ships with the
 * app. A page that has not been clicked yet may not play sound (the browser's rule); the
 * popup is there either way.
 */
export function playChime(): void {
  const Ctx = window.AudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  void ctx.resume().catch(() => {});
  const tone = (frequency: number, start: number) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.25, ctx.currentTime + start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + 0.5);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + start);
    osc.stop(ctx.currentTime + start + 0.55);
    return osc;
  };
  tone(660, 0);
  tone(880, 0.25).onended = () => void ctx.close();
}
