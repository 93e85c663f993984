/**
 * Bands and axis bounds for a metric's charts: the judge's confidence interval and tolerance zone (both shifts,
 * canary − baseline) around the baseline mean or around 0, and a y-domain that never clips them.
 */
import type { CanaryAnalysisResult } from '@canary-judge/shared';
import { wireToNumber } from './report';
import type { TimeRow } from './timeSeries';

/** Bands drawn on a metric's time series, in the metric's unit. */
export interface MetricBands {
  /** Baseline mean (the reference line), or null. */
  baselineMean: number | null;
  /** Where the canary's location plausibly is: baseline mean + the shift's confidence interval. */
  ci: [number, number] | null;
  /** What the judge tolerates: baseline mean ± tolerance·|estimate|; a CI wholly outside it is High/Low. */
  tolerance: [number, number] | null;
}

/**
 * CI and tolerance bands from a metric's judge detail (`canaryJudge`): both are shifts (canary − baseline), so
 * they are drawn around the baseline mean. Missing or non-finite parts give null bands.
 */
export function metricBands(r: Pick<CanaryAnalysisResult, 'controlMetadata' | 'canaryJudge'>): MetricBands {
  const mean = wireToNumber(r.controlMetadata?.stats?.mean);
  const baselineMean = Number.isFinite(mean) ? mean : null;
  const d = r.canaryJudge;
  const pair = (lo: unknown, hi: unknown): [number, number] | null => {
    const a = wireToNumber(lo);
    const b = wireToNumber(hi);
    return baselineMean !== null && Number.isFinite(a) && Number.isFinite(b)
      ? [baselineMean + a, baselineMean + b]
      : null;
  };
  return {
    baselineMean,
    ci: d ? pair(d.ciLower, d.ciUpper) : null,
    tolerance: d ? pair(d.lowerBound, d.upperBound) : null,
  };
}

/**
 * A y-axis domain covering every drawn value and band, padded by 5 % (1 when flat), so thresholds and bands are
 * never clipped. [0, 1] when there is nothing to draw.
 */
export function yDomain(rows: readonly TimeRow[], bands: MetricBands): [number, number] {
  const vs: number[] = [];
  for (const r of rows) {
    if (r.baseline !== null) vs.push(r.baseline);
    if (r.canary !== null) vs.push(r.canary);
  }
  if (bands.ci) vs.push(...bands.ci);
  if (bands.tolerance) vs.push(...bands.tolerance);
  if (bands.baselineMean !== null) vs.push(bands.baselineMean);
  if (vs.length === 0) return [0, 1];
  const lo = Math.min(...vs);
  const hi = Math.max(...vs);
  const pad = hi === lo ? 1 : (hi - lo) * 0.05;
  return [lo - pad, hi + pad];
}

/** Shift bands in the metric's unit around 0 (the difference chart's frame): CI and tolerance, or null. */
export function shiftBands(r: Pick<CanaryAnalysisResult, 'canaryJudge'>): {
  ci: [number, number] | null;
  tolerance: [number, number] | null;
} {
  const d = r.canaryJudge;
  const pair = (lo: unknown, hi: unknown): [number, number] | null => {
    const a = wireToNumber(lo);
    const b = wireToNumber(hi);
    return Number.isFinite(a) && Number.isFinite(b) ? [a, b] : null;
  };
  return { ci: d ? pair(d.ciLower, d.ciUpper) : null, tolerance: d ? pair(d.lowerBound, d.upperBound) : null };
}
