/**
 * Percentiles with the R-7 definition (R's `quantile(type = 7)`, numpy's default "linear"), as computed by
 * commons-math `Percentile` with `EstimationType.R_7` in Kayenta's `DescriptiveStatistics.percentile`.
 */

/**
 * R-7 percentile of an ascending-sorted series, in commons-math's exact operation order (`design/kayenta-judge.md`
 * §3.3): `q = p/100`; `pos = q == 1 ? n : 1 + (n − 1)·q`; `pos < 1` → first value; `pos ≥ n` → last value; else
 * `lo + (pos − floor(pos))·(hi − lo)` with `lo = v[floor(pos)]`, `hi = v[floor(pos) + 1]` (1-based). A single
 * value is returned as is.
 *
 * Reference: commons-math `Percentile.EstimationType.R_7`, `spinnaker/kayenta:kayenta-judge/src/main/scala/com/
 * netflix/kayenta/judge/stats/DescriptiveStatistics.scala`; R `quantile(x, p / 100, type = 7)`.
 *
 * @param sortedAscending the series sorted ascending (not checked; NaN-free)
 * @param p the percentile in percent, `0 < p ≤ 100`
 * @returns the percentile, in the unit of the values; `NaN` for an empty series
 * @throws {RangeError} when `p` is not in (0, 100]
 * @example percentileR7([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5], 50) // 1.75
 */
export function percentileR7(sortedAscending: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100)) {
    throw new RangeError(`percentileR7: p must be in (0, 100], got ${String(p)}`);
  }
  const n = sortedAscending.length;
  if (n === 0) return NaN;
  if (n === 1) return sortedAscending[0]!;
  const q = p / 100;
  const pos = q === 1 ? n : 1 + (n - 1) * q;
  const fpos = Math.floor(pos);
  const dif = pos - fpos;
  if (pos < 1) return sortedAscending[0]!;
  if (pos >= n) return sortedAscending[n - 1]!;
  const lower = sortedAscending[fpos - 1]!;
  const upper = sortedAscending[fpos]!;
  return lower + dif * (upper - lower);
}

/**
 * Sorted copy of a series for {@link percentileR7}: NaN values are dropped first (commons-math `Percentile`'s
 * default `NaNStrategy.REMOVED`), then the rest is sorted ascending (−0 before +0).
 *
 * @param values the series, any order
 * @returns a new ascending `Float64Array` without NaN
 * @example sortedForPercentile([3, NaN, 1]) // Float64Array [1, 3]
 */
export function sortedForPercentile(values: ArrayLike<number>): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) out.push(v);
  }
  return Float64Array.from(out).sort();
}
