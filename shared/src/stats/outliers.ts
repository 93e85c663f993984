/**
 * Outlier detectors of Kayenta (`docs/design/kayenta-judge.md` §3): the IQR detector (the one the judge uses, with
 * `reduceSensitivity = true`) and the k-sigma detector (present in Kayenta, used only by its tests).
 * Both use strict inequalities, so a value exactly on a fence is kept.
 */
import { kayentaMean, kayentaVariance } from './mean';
import { percentileR7, sortedForPercentile } from './percentile';

/**
 * Fences of the IQR detector: `Q1 = P25`, `Q3 = P75` (R-7 percentiles, {@link percentileR7}),
 * `low = Q1 − factor·(Q3 − Q1)`, `high = Q3 + factor·(Q3 − Q1)`; with `reduceSensitivity` the fences are widened to
 * at least the 1st/99th percentiles: `low = min(P1, low)`, `high = max(P99, high)`. NaN values are ignored for the
 * percentiles (commons-math default). An empty series gives NaN fences (nothing is then flagged).
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/detectors/IQRDetector.scala`;
 * R `quantile(x, c(.25, .75), type = 7)`.
 *
 * @param values the series
 * @param factor IQR multiplier, > 0 (Kayenta's judge default 3.0; the detector's own default 1.5)
 * @param reduceSensitivity widen the fences to the 1st/99th percentiles (the judge always passes `true`)
 * @returns the fences, in the unit of the values
 * @throws {RangeError} when `factor` is not a positive number
 * @example iqrOutlierFences([21, 23, 24, 25, 50, 29, 23, 21], 1.5, false) // { low: 17.25, high: 31.25 }
 */
export function iqrOutlierFences(
  values: ArrayLike<number>,
  factor: number,
  reduceSensitivity: boolean,
): { low: number; high: number } {
  if (!(factor > 0) || !Number.isFinite(factor)) {
    throw new RangeError(`iqrOutlierFences: factor must be a finite number greater than zero, got ${String(factor)}`);
  }
  const sorted = sortedForPercentile(values);
  if (sorted.length === 0) return { low: NaN, high: NaN };
  const q1 = percentileR7(sorted, 25);
  const q3 = percentileR7(sorted, 75);
  const iqr = q3 - q1;
  const lowIQR = q1 - factor * iqr;
  const highIQR = q3 + factor * iqr;
  if (!reduceSensitivity) return { low: lowIQR, high: highIQR };
  return { low: Math.min(percentileR7(sorted, 1), lowIQR), high: Math.max(percentileR7(sorted, 99), highIQR) };
}

/**
 * IQR detector flags: `true` for each value strictly outside {@link iqrOutlierFences}.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/detectors/IQRDetector.scala`.
 *
 * @param values the series
 * @param factor IQR multiplier, > 0
 * @param reduceSensitivity widen the fences to the 1st/99th percentiles
 * @returns one flag per value, in input order (empty for an empty series)
 * @throws {RangeError} when `factor` is not a positive number
 * @example iqrOutliers([21, 23, 24, 25, 50, 29, 23, 21], 1.5, false) // [false, false, false, false, true, false, false, false]
 */
export function iqrOutliers(values: ArrayLike<number>, factor: number, reduceSensitivity: boolean): boolean[] {
  const { low, high } = iqrOutlierFences(values, factor, reduceSensitivity);
  return Array.from(values, (x) => x > high || x < low);
}

/**
 * Removes the IQR outliers (Kayenta `outliers.strategy: remove`), keeping the order of the other values.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/preprocessing/Transforms.scala`
 * (`removeOutliers`) with `IQRDetector(factor, reduceSensitivity = true)` as `NetflixACAJudge.handleOutliers` builds it.
 *
 * @param values the series (NaN already handled)
 * @param factor IQR multiplier, > 0 (the judge's `outlierFactor`, default 3.0)
 * @param reduceSensitivity widen the fences to the 1st/99th percentiles (default `true`, as the judge uses)
 * @returns a new array without the outliers
 * @throws {RangeError} when `factor` is not a positive number
 * @example removeOutliersIQR([21, 23, 24, 25, 50, 29, 23, 21], 1.5, false) // Float64Array [21, 23, 24, 25, 29, 23, 21]
 */
export function removeOutliersIQR(values: ArrayLike<number>, factor: number, reduceSensitivity = true): Float64Array {
  const flags = iqrOutliers(values, factor, reduceSensitivity);
  return keepUnflagged(values, flags);
}

/**
 * k-sigma detector flags: `true` where `|x − mean| > k·σ`, with the commons-math mean ({@link kayentaMean}) and the
 * **population** standard deviation (n denominator). Not used by Kayenta's judge; ported for its test cases.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/detectors/KSigmaDetector.scala`.
 *
 * @param values the series
 * @param k number of standard deviations, > 0
 * @returns one flag per value, in input order
 * @throws {RangeError} when `k` is not a positive number
 * @example kSigmaOutliers([1, 1, 1, 5, -1, -1, -1, -5], 1) // [false, false, false, true, false, false, false, true]
 */
export function kSigmaOutliers(values: ArrayLike<number>, k: number): boolean[] {
  if (!(k > 0) || !Number.isFinite(k)) {
    throw new RangeError(`kSigmaOutliers: k must be a finite number greater than zero, got ${String(k)}`);
  }
  const mean = kayentaMean(values);
  const std = Math.sqrt(kayentaVariance(values, false, mean));
  return Array.from(values, (x) => Math.abs(x - mean) > k * std);
}

/**
 * Removes the k-sigma outliers ({@link kSigmaOutliers}), keeping the order of the other values.
 *
 * Reference: `Transforms.removeOutliers` with `KSigmaDetector(k)` (Kayenta tests only).
 *
 * @param values the series
 * @param k number of standard deviations, > 0
 * @returns a new array without the outliers
 * @throws {RangeError} when `k` is not a positive number
 * @example removeOutliersKSigma([1, 1, 1, 1, 1, 20, 1, 1, 1, 1, 1], 3) // ten 1s
 */
export function removeOutliersKSigma(values: ArrayLike<number>, k: number): Float64Array {
  return keepUnflagged(values, kSigmaOutliers(values, k));
}

function keepUnflagged(values: ArrayLike<number>, flags: readonly boolean[]): Float64Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (!flags[i]) out.push(values[i]!);
  return Float64Array.from(out);
}
