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
  assertNonEmpty(x, 'mannWhitney', 'x (experiment)');
  assertNonEmpty(y, 'mannWhitney', 'y (control)');
  assertFinite(x, 'mannWhitney', 'x (experiment)');
  assertFinite(y, 'mannWhitney', 'y (control)');
  if (!(confLevel > 0 && confLevel < 1)) {
    throw new RangeError(`mannWhitney: confLevel must be in (0, 1), got ${String(confLevel)}`);
  }
  const xs = Float64Array.from(x).sort();
  const ys = Float64Array.from(y).sort();
  const muMin = xs[0]! - ys[ys.length - 1]!;
  const muMax = xs[xs.length - 1]! - ys[0]!;
  const f = (d: number, zq: number): number => wilcoxonDiffSorted(d, zq, xs, ys);

  const root = (zq: number): number => {
    const fLo = f(muMin, zq);
    const fHi = f(muMax, zq);
    if (fLo <= 0) return muMin;
    if (fHi >= 0) return muMax;
    return zeroin((d) => f(d, zq), muMin, muMax, fLo, fHi);
  };

  const alpha = 1.0 - confLevel;
  const z = kayentaNormalQuantile(alpha / 2);
  const ciLower = root(-z);
  const ciUpper = root(z);
  const estimate = zeroin((d) => f(d, 0), muMin, muMax, f(muMin, 0), f(muMax, 0));
  return { ciLower, ciUpper, estimate };
}
