/**
 * Report → chart data: baseline/canary time series aligned on elapsed minutes, min/max downsampling for drawing,
 * histogram bins, box-plot five-number summaries, CI and tolerance bands, y-domains that never clip a band, the
 * interval score trend and group-score blocks. `null` is a gap in a line; non-finite values are never drawn.
 */
import {
  percentileR7,
  sortedForPercentile,
  type CanaryAnalysisResult,
  type CanaryJudgeGroupScore,
} from '@canary-judge/shared';
import type { JudgmentReport, ReportSeries } from './report';
import { wireToNumber } from './report';
import { scoreBand } from './status';

/** One row of a time-series chart: `t` = minutes since the side's window start; null = no point (gap). */
export interface TimeRow {
  t: number;
  baseline: number | null;
  canary: number | null;
}

/** Maximum points a chart draws per series before {@link downsampleMinMax} kicks in. */
export const MAX_DRAWN_POINTS = 400;

function finiteOrNull(v: number | undefined): number | null {
  return v !== undefined && Number.isFinite(v) ? v : null;
}

/**
 * Aligns baseline and canary on minutes since each side's window start, so a baseline shifted by a baseline offset
 * overlays the canary. Rows are sorted by `t` (rounded to 1 ms); a side without a point at `t` gets null.
 * @param controlStartMs start of the baseline window (epoch ms); NaN → the series' first timestamp
 */
export function alignSeries(
  control: ReportSeries | undefined,
  experiment: ReportSeries | undefined,
  controlStartMs: number,
  experimentStartMs: number,
): TimeRow[] {
  const rows = new Map<number, TimeRow>();
  const add = (s: ReportSeries | undefined, startMs: number, key: 'baseline' | 'canary'): void => {
    if (!s || s.timestamps.length === 0) return;
    const origin = Number.isFinite(startMs) ? startMs : (s.timestamps[0] as number);
    s.timestamps.forEach((ts, i) => {
      const t = Math.round(ts - origin) / 60_000;
      const row = rows.get(t) ?? { t, baseline: null, canary: null };
      row[key] = finiteOrNull(s.values[i]);
      rows.set(t, row);
    });
  };
  add(control, controlStartMs, 'baseline');
  add(experiment, experimentStartMs, 'canary');
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * Min/max bucket downsampling for drawing only (statistics always use every point): rows are cut into
 * `floor(maxPoints / 4)` equal buckets and each bucket keeps the rows holding the min and max of each series, plus
 * its first row with a gap, in the original order. Peaks and gaps survive; the output has at most `maxPoints` rows
 * plus one per bucket with a gap. Inputs of at most `maxPoints` rows are returned as they are.
 */
export function downsampleMinMax(rows: readonly TimeRow[], maxPoints = MAX_DRAWN_POINTS): TimeRow[] {
  if (rows.length <= maxPoints) return [...rows];
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = rows.length / buckets;
  const out: TimeRow[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(rows.length, Math.floor((b + 1) * size));
    const keep = new Set<number>();
    for (const key of ['baseline', 'canary'] as const) {
      let lo = -1;
      let hi = -1;
      for (let i = from; i < to; i++) {
        const v = rows[i]![key];
        if (v === null) continue;
        if (lo < 0 || v < rows[lo]![key]!) lo = i;
        if (hi < 0 || v > rows[hi]![key]!) hi = i;
      }
      if (lo >= 0) keep.add(lo);
      if (hi >= 0) keep.add(hi);
    }
    for (let i = from; i < to; i++) {
      if (rows[i]!.baseline === null || rows[i]!.canary === null) {
        keep.add(i);
        break;
      }
    }
    for (const i of [...keep].sort((x, y) => x - y)) out.push(rows[i]!);
  }
  return out;
}

/** One histogram bin over both sides: `[x0, x1)` (the last bin is closed) and the count per side. */
export interface HistogramBin {
  x0: number;
  x1: number;
  label: string;
  baseline: number;
  canary: number;
}

/** Short number text for axes and labels: 3 significant digits, SI suffixes k/M/G, "N/A" for non-finite. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return 'N/A';
  const a = Math.abs(v);
  if (a >= 1e9) return `${Number((v / 1e9).toPrecision(3))}G`;
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/**
 * Histogram of both sides on shared, equal-width bins over the finite values of both (Sturges' rule for the count,
 * `ceil(log2 n) + 1`, capped at `maxBins`). All values equal → one bin. No finite values → [].
 */
export function histogram(control: readonly number[], experiment: readonly number[], maxBins = 30): HistogramBin[] {
  const a = control.filter(Number.isFinite);
  const b = experiment.filter(Number.isFinite);
  const all = [...a, ...b];
  if (all.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const v of all) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
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

/** One point of the interval score trend. */
export interface TrendPoint {
  interval: number;
  score: number | null;
  band: 'PASS' | 'MARGINAL' | 'FAIL' | null;
}

/** Interval scores in order, each with its threshold band; planned intervals not yet judged have a null score. */
export function intervalTrend(
  scores: readonly number[],
  planned: number,
  thresholds: { pass: number; marginal: number },
): TrendPoint[] {
  const n = Math.max(planned, scores.length);
  return Array.from({ length: n }, (_, i) => {
    const s = scores[i];
    return s === undefined
      ? { interval: i + 1, score: null, band: null }
      : { interval: i + 1, score: s, band: scoreBand(s, thresholds) };
  });
}

/** Interval scores from a report (intervals with a score, in index order). */
export function reportScores(report: JudgmentReport): number[] {
  return report.intervals.filter((i) => i.score !== null).map((i) => i.score as number);
}

/** One block of the group-score bar: width in percent of the bar, proportional to the group's weight. */
export interface GroupBlock {
  name: string;
  score: number;
  noData: boolean;
  weight: number;
  widthPct: number;
  band: 'PASS' | 'MARGINAL' | 'FAIL' | null;
}

/**
 * Group blocks sized by weight. Groups present without a configured weight share the remainder `100 − Σweights`
 * equally (the scorer's rule, kayenta-judge-spec.md §10 step 5); if every weight is 0 the blocks share the bar
 * equally. Sorted by weight (descending), then name, like Kayenta's bar.
 */
export function groupBlocks(
  groupScores: readonly CanaryJudgeGroupScore[],
  weights: Readonly<Record<string, number>>,
  thresholds: { pass: number; marginal: number },
): GroupBlock[] {
  const configured = Object.values(weights).reduce((s, w) => s + (Number.isFinite(w) ? w : 0), 0);
  const unweighted = groupScores.filter((g) => !(g.name in weights)).length;
  const share = unweighted > 0 ? Math.max(0, 100 - configured) / unweighted : 0;
  const withWeights = groupScores.map((g) => ({ g, w: g.name in weights ? (weights[g.name] ?? 0) : share }));
  const total = withWeights.reduce((s, x) => s + x.w, 0);
  return withWeights
    .map(({ g, w }) => ({
      name: g.name,
      score: g.score,
      noData: g.noData === true,
      weight: w,
      widthPct: total > 0 ? (100 * w) / total : 100 / withWeights.length,
      band: g.noData ? null : scoreBand(g.score, thresholds),
    }))
    .sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
}

/** One point of the difference chart: canary − baseline at `t`, null where either side has no point. */
export interface DiffRow {
  t: number;
  diff: number | null;
}

/** Canary − baseline per aligned time point (Kayenta's "difference" view); gaps stay gaps. */
export function differenceRows(rows: readonly TimeRow[]): DiffRow[] {
  return rows.map((r) => ({ t: r.t, diff: r.baseline !== null && r.canary !== null ? r.canary - r.baseline : null }));
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

/** Series longer than this get a brush (range selector) under the time-series chart, like Kayenta's minimap. */
export const BRUSH_MIN_POINTS = 240;
