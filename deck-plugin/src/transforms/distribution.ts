/**
 * Distribution chart data: a histogram of both sides on shared bins and a box-plot summary per side (R-7 quartiles,
 * from the scoring library).
 */
import { percentileR7, sortedForPercentile } from '@canary-judge/shared';
import { formatAxisValue, niceStep } from './axes';
import { displayScale } from './units';
import { formatValue } from './format';

/** One histogram bin over both sides: `[x0, x1)` (the last bin is closed) and the count per side. */
export interface HistogramBin {
  x0: number;
  x1: number;
  label: string;
  baseline: number;
  canary: number;
}

/**
 * The finite values of each side (`a` control, `b` experiment), both together, and their minimum and maximum; null
 * when neither side has a finite value.
 */
function finiteSides(
  control: readonly number[],
  experiment: readonly number[],
): { a: number[]; b: number[]; all: number[]; min: number; max: number } | null {
  const a = control.filter(Number.isFinite);
  const b = experiment.filter(Number.isFinite);
  const all = [...a, ...b];
  if (all.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const v of all) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { a, b, all, min, max };
}

/**
 * Histogram of both sides on shared, equal-width bins over the finite values of both (Sturges' rule for the count,
 * `ceil(log2 n) + 1`, capped at `maxBins`). All values equal → one bin. No finite values → [].
 */
export function histogram(control: readonly number[], experiment: readonly number[], maxBins = 30): HistogramBin[] {
  const sides = finiteSides(control, experiment);
  if (sides === null) return [];
  const { a, b, all, min, max } = sides;
  const count = min === max ? 1 : Math.min(maxBins, Math.ceil(Math.log2(all.length)) + 1);
  const width = min === max ? 1 : (max - min) / count;
  const bins: HistogramBin[] = Array.from({ length: count }, (_, i) => {
    const x0 = min + i * width;
    const x1 = i === count - 1 ? max : min + (i + 1) * width;
    return { x0, x1, label: `${formatValue(x0)}–${formatValue(x1)}`, baseline: 0, canary: 0 };
  });
  const index = (v: number): number => (min === max ? 0 : Math.min(count - 1, Math.floor((v - min) / width)));
  for (const v of a) bins[index(v)]!.baseline += 1;
  for (const v of b) bins[index(v)]!.canary += 1;
  return bins;
}

/**
 * Like {@link histogram}, but on round edges: the bin width is the 1–2–5 × 10^k step nearest above
 * `range / sturges`, the first edge a multiple of it at or below the minimum, so every bin is labelled by a short
 * round lower edge (`label`, with `unit` in one display unit for all bins, e.g. ms → s) and `range` gives both edges for tooltips. Bins are `[x0, x1)`; the
 * maximum falls in the last bin. All values equal → one bin around the value. No finite values → [].
 */
export function roundHistogram(
  control: readonly number[],
  experiment: readonly number[],
  unit = '',
  maxBins = 30,
): Array<HistogramBin & { range: string }> {
  const sides = finiteSides(control, experiment);
  if (sides === null) return [];
  const { a, b, all, min, max } = sides;
  const sturges = Math.min(maxBins, Math.ceil(Math.log2(all.length)) + 1);
  let width = niceStep(min === max ? (min === 0 ? 1 : Math.abs(min) / 10) : (max - min) / sturges);
  let start = Math.floor(min / width) * width;
  let count = Math.max(1, Math.floor((max - start) / width + 1e-9) + 1);
  while (count > maxBins) {
    width = niceStep(width * 1.5);
    start = Math.floor(min / width) * width;
    count = Math.max(1, Math.floor((max - start) / width + 1e-9) + 1);
  }
  const edge = (i: number) => Number((start + i * width).toPrecision(12));
  // One display unit for every label (1500 ms edges read as 1.5 s), as on the value axes (transforms/units.ts).
  const { divisor, unit: shown } = displayScale(unit, Math.max(Math.abs(edge(0)), Math.abs(edge(count))));
  const text = (v: number, u: string) => formatAxisValue(v / divisor, u, width / divisor);
  const bins = Array.from({ length: count }, (_, i) => ({
    x0: edge(i),
    x1: edge(i + 1),
    label: text(edge(i), shown),
    range: `${text(edge(i), '')}–${text(edge(i + 1), shown)}`,
    baseline: 0,
    canary: 0,
  }));
  const index = (v: number): number => Math.min(count - 1, Math.max(0, Math.floor((v - start) / width + 1e-9)));
  for (const v of a) bins[index(v)]!.baseline += 1;
  for (const v of b) bins[index(v)]!.canary += 1;
  return bins;
}

/** Five-number summary for a box plot (R-7 quartiles, as Kayenta's percentiles), or null without finite values. */
export interface BoxStats {
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  n: number;
}

/** The box-plot summary of the finite values (NaN dropped). */
export function boxStats(values: readonly number[]): BoxStats | null {
  const sorted = sortedForPercentile(values.filter(Number.isFinite));
  const n = sorted.length;
  if (n === 0) return null;
  return {
    min: sorted[0] as number,
    q1: percentileR7(sorted, 25),
    median: percentileR7(sorted, 50),
    q3: percentileR7(sorted, 75),
    max: sorted[n - 1] as number,
    n,
  };
}
