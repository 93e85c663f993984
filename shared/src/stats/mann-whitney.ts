/**
 * Kayenta's Mann-Whitney confidence interval and location-shift estimate (`design/kayenta-judge.md` §6): the asymptotic
 * branch of R's `wilcox.test` for two samples, with the continuity correction kept for the estimate too.
 */
import { kayentaNormalQuantile } from './erf-inv';
import { assertFinite, assertNonEmpty } from './validate';
import { sortedSamples, wilcoxonStatistic } from './wilcoxon';
import { zeroin } from './zeroin';

/** Interval and estimate of the shift experiment − control, in the unit of the data. */
export interface MannWhitneyResult {
  /** lower end of the confidence interval (may exceed `ciUpper` on tie-heavy or tiny-scale data) */
  ciLower: number;
  /** upper end of the confidence interval */
  ciUpper: number;
  /** Hodges–Lehmann-type shift estimate (root of the continuity-corrected statistic) */
  estimate: number;
}

/**
 * Confidence interval and estimate of the location shift `x − y` (experiment − control), exactly as Kayenta's
 * `MannWhitney.mannWhitneyUTest`: `z = Φ⁻¹((1 − confLevel)/2)` (commons-math's value, {@link kayentaNormalQuantile}); search interval `[min(x) − max(y), max(x) − min(y)]`;
 * each interval end is the root of {@link wilcoxonDiff}`(·, ∓z)` — `muMin` if the statistic is already ≤ 0 there,
 * `muMax` if it is still ≥ 0 at `muMax`, else {@link zeroin} with absolute tolerance 1e-4; the estimate is zeroin on
 * the statistic with `zq = 0` over the same interval, without those end-point short-cuts. Normal approximation
 * with tie and continuity correction at every sample size (no exact test). Both samples are sorted once; each
 * root-finder step is one linear merge.
 *
 * The absolute 1e-4 tolerance is Kayenta's: for data whose differences are far below 1e-4 the result is a solver
 * artifact (reproduced, not corrected).
 *
 * Reference: `spinnaker/kayenta:kayenta-mannwhitney/src/main/scala/com/netflix/kayenta/mannwhitney/MannWhitney.scala`;
 * R `wilcox.test(x, y, conf.int = TRUE, conf.level, exact = FALSE, correct = TRUE)` gives the same interval; its
 * estimate differs (R drops the continuity correction for it).
 *
 * @param x experiment (canary) sample: finite values, non-empty
 * @param y control (baseline) sample: finite values, non-empty
 * @param confLevel confidence level in (0, 1); the judge uses 0.98
 * @returns the interval and estimate, in the unit of the data
 * @throws {AllObservationsTiedError} when all pooled values are tied at a shift the search evaluates
 * @throws {RangeError} for an empty sample, a non-finite value or a confidence level outside (0, 1)
 * @example mannWhitney([10, 20, 30, 40], [1, 2, 3, 4], 0.95) // { ciLower: 6, ciUpper: 39, estimate: 22.5 }
 */
export function mannWhitney(x: ArrayLike<number>, y: ArrayLike<number>, confLevel: number): MannWhitneyResult {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`mannWhitney: confLevel must be in (0, 1), got ${String(confLevel)}`);
  }
  const alpha = 1.0 - confLevel;
  const z = kayentaNormalQuantile(alpha / 2);
  return mannWhitneyWithQuantiles(x, y, -z, z, 'mannWhitney');
}

/**
 * {@link mannWhitney} with the two normal quantiles given instead of a confidence level: `ciLower` is the root of
 * the statistic minus `zqLower`, `ciUpper` the root of the statistic minus `zqUpper` (same end-point short-cuts and
 * zeroin), `estimate` as in `mannWhitney`. Kayenta uses `zqLower = −z`, `zqUpper = z` with its own z; R's
 * `wilcox.test` uses `qnorm(α/2, lower.tail = FALSE)` and `qnorm(α/2)`, which is how the tests reproduce R's
 * interval bit for bit.
 *
 * Reference: the `root(zq)` helper of R `wilcox.test.default` (two-sample, asymptotic);
 * `spinnaker/kayenta:kayenta-mannwhitney/src/main/scala/com/netflix/kayenta/mannwhitney/MannWhitney.scala`.
 *
 * @param x experiment (canary) sample: finite values, non-empty
 * @param y control (baseline) sample: finite values, non-empty
 * @param zqLower quantile for the lower end (positive, e.g. 2.3263 for 98%)
 * @param zqUpper quantile for the upper end (negative, e.g. −2.3263 for 98%)
 * @param fn function name used in error messages
 * @returns the interval and estimate, in the unit of the data
 * @throws {AllObservationsTiedError} when all pooled values are tied at a shift the search evaluates
 * @throws {RangeError} for an empty sample or a non-finite value
 * @example mannWhitneyWithQuantiles([10, 20, 30, 40], [1, 2, 3, 4], 1.96, -1.96) // { ciLower: 6, ciUpper: 39, estimate: 22.5 }
 */
export function mannWhitneyWithQuantiles(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  zqLower: number,
  zqUpper: number,
  fn = 'mannWhitneyWithQuantiles',
): MannWhitneyResult {
  assertNonEmpty(x, fn, 'x (experiment)');
  assertNonEmpty(y, fn, 'y (control)');
  assertFinite(x, fn, 'x (experiment)');
  assertFinite(y, fn, 'y (control)');
  return mannWhitneySortedWithQuantiles(Float64Array.from(x).sort(), Float64Array.from(y).sort(), zqLower, zqUpper);
}

/**
 * {@link mannWhitney} on samples already sorted ascending with `Float64Array.prototype.sort` (for a caller that
 * sorted them anyway, like the classifier's identical-data check): no copy, no sort, and the finiteness check is
 * O(1) on the sorted ends. Same result, bit for bit, as `mannWhitney` on the same values in any order.
 *
 * Reference: as {@link mannWhitney}.
 *
 * @param xs experiment (canary) sample, sorted ascending, non-empty
 * @param ys control (baseline) sample, sorted ascending, non-empty
 * @param confLevel confidence level in (0, 1); the judge uses 0.98
 * @returns the interval and estimate, in the unit of the data
 * @throws {AllObservationsTiedError} when all pooled values are tied at a shift the search evaluates
 * @throws {RangeError} for an empty sample, a non-finite value (not naming its index: the order is lost) or a
 *   confidence level outside (0, 1)
 * @example mannWhitneySorted(Float64Array.of(10, 20, 30, 40), Float64Array.of(1, 2, 3, 4), 0.95) // { ciLower: 6, ciUpper: 39, estimate: 22.5 }
 */
export function mannWhitneySorted(xs: Float64Array, ys: Float64Array, confLevel: number): MannWhitneyResult {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`mannWhitney: confLevel must be in (0, 1), got ${String(confLevel)}`);
  }
  assertNonEmpty(xs, 'mannWhitneySorted', 'x (experiment)');
  assertNonEmpty(ys, 'mannWhitneySorted', 'y (control)');
  for (const [a, name] of [
    [xs, 'x (experiment)'],
    [ys, 'y (control)'],
  ] as const) {
    if (!Number.isFinite(a[0]) || !Number.isFinite(a[a.length - 1])) {
      throw new RangeError(`mannWhitneySorted: ${name} must hold finite numbers only`);
    }
  }
  const z = kayentaNormalQuantile((1.0 - confLevel) / 2);
  return mannWhitneySortedWithQuantiles(xs, ys, -z, z);
}

/**
 * The search itself on sorted, finite, non-empty samples (not checked). The statistic at the two ends of the search
 * interval does not depend on `zq` (`wilcoxonDiff(d, zq) = statistic(d) − zq`), so it is evaluated once for the
 * three roots instead of six times; every value the root finder sees is the same double as before.
 */
function mannWhitneySortedWithQuantiles(
  xs: Float64Array,
  ys: Float64Array,
  zqLower: number,
  zqUpper: number,
): MannWhitneyResult {
  const muMin = xs[0]! - ys[ys.length - 1]!;
  const muMax = xs[xs.length - 1]! - ys[0]!;
  const samples = sortedSamples(xs, ys);
  // Kayenta evaluates both ends before testing either (R stops after the first); only the order of a σ = 0
  // error could tell them apart, and σ = 0 at one end implies σ = 0 at the other.
  const sLo = wilcoxonStatistic(muMin, samples);
  const sHi = wilcoxonStatistic(muMax, samples);

  const root = (zq: number): number => {
    const fLo = sLo - zq;
    const fHi = sHi - zq;
    if (fLo <= 0) return muMin;
    if (fHi >= 0) return muMax;
    return zeroin((d) => wilcoxonStatistic(d, samples) - zq, muMin, muMax, fLo, fHi);
  };

  const ciLower = root(zqLower);
  const ciUpper = root(zqUpper);
  const estimate = zeroin((d) => wilcoxonStatistic(d, samples) - 0, muMin, muMax, sLo - 0, sHi - 0);
  return { ciLower, ciUpper, estimate };
}
