/**
 * Seeded random inputs for the benchmarks: mulberry32 uniform draws and Box–Muller normals, so every run judges the
 * same numbers (figures stay comparable between runs and machines).
 */
import { mulberry32 } from '@canary-judge/shared';

export { mulberry32 };

/** `n` normal draws with the given mean and standard deviation (Box–Muller on `uniform`). */
export function normals(uniform: () => number, n: number, mean: number, sd: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = mean + sd * r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** Median of a list of timings (milliseconds). */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Times `fn` `runs` times after `warmup` untimed calls; returns each run's milliseconds. */
export function timeRuns(fn: () => void, runs: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times;
}
