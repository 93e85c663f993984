/**
 * Descriptive statistics of a transformed series, as Kayenta reports them in `experimentMetadata.stats` /
 * `controlMetadata.stats` (`docs/design/kayenta-judge.md` §4).
 */
import { kayentaMean, kayentaVariance } from './mean';

/** Summary of one series; all fields are in the unit of the series except `count`. */
export interface SeriesSummary {
  /** number of values */
  count: number;
  /** commons-math mean ({@link kayentaMean}); 0 for an empty series */
  mean: number;
  /** smallest value; 0 for an empty series */
  min: number;
  /** largest value; 0 for an empty series */
  max: number;
  /** sample standard deviation (n − 1 denominator); 0 for one value or an empty series */
  std: number;
}

/**
 * Count, mean, min, max and sample standard deviation of a series, the way Kayenta's
 * `DescriptiveStatistics.summary` computes them: mean via commons-math `Mean`, `std = sqrt(Variance)` with the
 * Bessel-corrected (n − 1) commons-math variance, min/max via `Math.min`/`Math.max` (NaN propagates). An empty
 * series gives all five fields 0 (not NaN).
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/stats/DescriptiveStatistics.scala`;
 * R `c(length(x), mean(x), min(x), max(x), sd(x))`.
 *
 * @param values the series (after NaN handling and outlier removal)
 * @returns the summary
 * @example describe([1, 1, 1, 10, 10, 10]) // { count: 6, mean: 5.5, min: 1, max: 10, std: 4.929503017546495 }
 */
export function describe(values: ArrayLike<number>): SeriesSummary {
  const n = values.length;
  if (n === 0) return { count: 0, mean: 0, min: 0, max: 0, std: 0 };
  let min = values[0]!;
  let max = values[0]!;
  for (let i = 1; i < n; i++) {
    min = Math.min(min, values[i]!);
    max = Math.max(max, values[i]!);
  }
  const mean = kayentaMean(values);
  return { count: n, mean, min, max, std: Math.sqrt(kayentaVariance(values, true, mean)) };
}
