/**
 * Display downsampling of the report's chart series (`report.maxSeriesPoints`): a long series is cut into equal
 * buckets of consecutive points and each bucket becomes two points — its smallest and its largest finite value, in
 * the order they occurred — placed at the bucket's first and last timestamps. Spikes therefore stay visible, and
 * two sides with the same number of points get the same timestamps (relative to their window start), so baseline
 * and canary still line up in a chart. Only the report's chart series are downsampled; the judge always scores the
 * full series.
 */
import type { ReportSeries, WireNumber } from '@canary-judge/shared';
import type { WireSeries } from './evaluate';

/**
 * Downsamples `s` to at most `maxPoints` points with min/max buckets (see the module comment); a series that fits is
 * returned unchanged. A bucket without finite values keeps its gap as two `"NaN"` points.
 * @param s the stored series (timestamps and wire values, same length)
 * @param maxPoints largest number of points to keep (≥ 2)
 * @returns the series to show, with `downsampled: {from, to}` when points were dropped
 */
export function downsampleMinMax(s: WireSeries, maxPoints: number): ReportSeries {
  const n = s.timestamps.length;
  if (n <= maxPoints) return s;
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const size = Math.ceil(n / buckets);
  const timestamps: number[] = [];
  const values: WireNumber[] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    if (end - start === 1) {
      timestamps.push(s.timestamps[start] as number);
      values.push(s.values[start] as WireNumber);
      continue;
    }
    let lo = -1;
    let hi = -1;
    for (let i = start; i < end; i++) {
      const v = s.values[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      if (lo === -1 || v < (s.values[lo] as number)) lo = i;
      if (hi === -1 || v > (s.values[hi] as number)) hi = i;
    }
    timestamps.push(s.timestamps[start] as number, s.timestamps[end - 1] as number);
    if (lo === -1) values.push('NaN', 'NaN');
    else if (lo <= hi) values.push(s.values[lo] as WireNumber, s.values[hi] as WireNumber);
    else values.push(s.values[hi] as WireNumber, s.values[lo] as WireNumber);
  }
  return { timestamps, values, downsampled: { from: n, to: timestamps.length } };
}

/**
 * Applies {@link downsampleMinMax} to every metric's baseline and canary series of one interval.
 * @param series per metric `{control, experiment}` as stored, or null
 * @param maxPoints points kept per metric and side
 */
export function downsampleIntervalSeries(
  series: Record<string, { control: WireSeries; experiment: WireSeries }> | null,
  maxPoints: number,
): Record<string, { control: ReportSeries; experiment: ReportSeries }> | null {
  if (!series) return null;
  const out: Record<string, { control: ReportSeries; experiment: ReportSeries }> = {};
  for (const [name, pair] of Object.entries(series)) {
    out[name] = {
      control: downsampleMinMax(pair.control, maxPoints),
      experiment: downsampleMinMax(pair.experiment, maxPoints),
    };
  }
  return out;
}
