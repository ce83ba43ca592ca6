/** One JSON line per figure, the same shape for every capability (see README "Benchmarks"). */
export interface Figure {
  figure: string;
  unit: 'ms' | 's' | 'items/s' | 'MB' | 'MB/s' | 'count';
  n?: number;
  p50?: number;
  p99?: number;
  value?: number;
  baseline?: { name: string; p50?: number; p99?: number; value?: number };
  [extra: string]: unknown;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Times `run` once per input (after a warm-up), in milliseconds. */
export async function timeEach<T>(inputs: T[], run: (x: T) => unknown, warmup = 50): Promise<{ p50: number; p99: number; n: number }> {
  for (const x of inputs.slice(0, warmup)) await run(x);
  const times: number[] = [];
  for (const x of inputs) {
    const t0 = process.hrtime.bigint();
    await run(x);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50)), p99: round(percentile(times, 99)), n: times.length };
}

export function print(f: Figure): void {
  console.log(JSON.stringify(f));
}
