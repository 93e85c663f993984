/**
 * Kayenta's Mann-Whitney confidence interval and location-shift estimate (spec §6): the asymptotic branch of R's
 * `wilcox.test` for two samples, with the continuity correction kept for the estimate too.
 */
import { kayentaNormalQuantile } from './erf-inv';
import { assertFinite, assertNonEmpty } from './validate';
import { wilcoxonDiffSorted } from './wilcoxon';
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
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const muMin = xs[0]! - ys[ys.length - 1]!;
  const muMax = xs[xs.length - 1]! - ys[0]!;
  const f = (d: number, zq: number): number => wilcoxonDiffSorted(d, zq, xs, ys);

  const root = (zq: number): number => {
    // Kayenta evaluates both ends before testing either (R stops after the first); only the order of a σ = 0
    // error could tell them apart, and σ = 0 at one end implies σ = 0 at the other.
    const fLo = f(muMin, zq);
    const fHi = f(muMax, zq);
    if (fLo <= 0) return muMin;
    if (fHi >= 0) return muMax;
    return zeroin((d) => f(d, zq), muMin, muMax, fLo, fHi);
  };

  const ciLower = root(zqLower);
  const ciUpper = root(zqUpper);
  const estimate = zeroin((d) => f(d, 0), muMin, muMax, f(muMin, 0), f(muMax, 0));
  return { ciLower, ciUpper, estimate };
}
