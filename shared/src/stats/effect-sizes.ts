/**
 * Effect sizes of Kayenta's judge (`design/kayenta-judge.md` §7): the mean ratio (the reported deviation and default
 * effect measure), CLES (Vargha–Delaney A, the `cles` measure) and Cohen's d (implemented in Kayenta, not used by the
 * judge).
 */
import { kayentaMean, kayentaVariance } from './mean';
import { averageRanks } from './ranks';
import { assertNonEmpty } from './validate';

/**
 * Ratio of means `mean(experiment) / mean(control)` with commons-math means ({@link kayentaMean}); `NaN` when either
 * mean is exactly 0 (including −0). Negative data give negative or odd ratios (no guard, as in Kayenta).
 *
 * Reference: `EffectSizes.meanRatio` in
 * `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/stats/EffectSizes.scala`;
 * R `mean(experiment) / mean(control)`.
 *
 * @param control baseline series, non-empty
 * @param experiment canary series, non-empty
 * @returns the dimensionless ratio (1 = no change), or NaN
 * @throws {RangeError} when either series is empty
 * @example meanRatio([100, 100], [10, 10]) // 0.1
 */
export function meanRatio(control: ArrayLike<number>, experiment: ArrayLike<number>): number {
  assertNonEmpty(control, 'meanRatio', 'control');
  assertNonEmpty(experiment, 'meanRatio', 'experiment');
  const controlMean = kayentaMean(control);
  const experimentMean = kayentaMean(experiment);
  if (controlMean === 0 || experimentMean === 0) return NaN;
  return experimentMean / controlMean;
}

/**
 * Common-language effect size (Vargha–Delaney A): P(canary > baseline) + ½·P(tie). Ranks `experiment ++ control`
 * with average ranks ({@link averageRanks}), `R1` = sum of the experiment ranks in index order,
 * `CLES = (2·R1 − m(m+1)) / (2·n·m)` with `m = |experiment|`, `n = |control|`. Range [0, 1]; 0.5 = no effect.
 * The denominator `2·n·m` is a 32-bit integer product in Kayenta (`design/kayenta-judge.md` §7); it is reproduced as
 * one (`Math.imul`), so it only differs from the exact product beyond 2³¹ (tens of thousands of points on both sides).
 * `m(m+1)` is computed in doubles; should Kayenta compute it in 32-bit integers as well, results would differ only for
 * m > 46 340.
 *
 * Reference: `EffectSizes.cles` in
 * `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/stats/EffectSizes.scala`;
 * Vargha & Delaney (2000), J. Educ. Behav. Stat. 25(2); R `wilcox.test(experiment, control)$statistic / (m * n)`.
 *
 * @param control baseline series, non-empty
 * @param experiment canary series, non-empty
 * @returns the probability-like effect size in [0, 1]
 * @throws {RangeError} when either series is empty
 * @example cles([1, 2, 3, 4, 5], [1, 2, 3, 4, 5]) // 0.5
 */
export function cles(control: ArrayLike<number>, experiment: ArrayLike<number>): number {
  assertNonEmpty(control, 'cles', 'control');
  assertNonEmpty(experiment, 'cles', 'experiment');
  const m = experiment.length;
  const n = control.length;
  const pooled = new Float64Array(m + n);
  for (let i = 0; i < m; i++) pooled[i] = experiment[i]!;
  for (let j = 0; j < n; j++) pooled[m + j] = control[j]!;
  const ranks = averageRanks(pooled);
  let r1 = 0;
  for (let i = 0; i < m; i++) r1 += ranks[i]!;
  return (2 * r1 - m * (m + 1)) / Math.imul(2 * n, m);
}

/**
 * Cohen's d with the pooled sample standard deviation:
 * `|mean_e − mean_c| / sqrt(((n_e − 1)·s_e² + (n_c − 1)·s_c²) / (n_e + n_c − 2))`, commons-math mean and sample
 * variance. Symmetric in its arguments. Two single values give NaN (0/0 pooled variance).
 *
 * Reference: `EffectSizes.cohenD` in
 * `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/stats/EffectSizes.scala`;
 * Cohen (1988) "Statistical Power Analysis for the Behavioral Sciences"; R `effsize::cohen.d` (pooled).
 *
 * @param control baseline series, non-empty
 * @param experiment canary series, non-empty
 * @returns the non-negative standardised mean difference (in pooled standard deviations)
 * @throws {RangeError} when either series is empty
 * @example cohenD([1, 1, 1, 2, 2, 2], [5, 5, 5, 10, 10, 10]) // 3.0382181012509997
 */
export function cohenD(control: ArrayLike<number>, experiment: ArrayLike<number>): number {
  assertNonEmpty(control, 'cohenD', 'control');
  assertNonEmpty(experiment, 'cohenD', 'experiment');
  const n1 = experiment.length;
  const n2 = control.length;
  const meanDifference = Math.abs(kayentaMean(experiment) - kayentaMean(control));
  const pooledVariance = ((n1 - 1) * kayentaVariance(experiment) + (n2 - 1) * kayentaVariance(control)) / (n1 + n2 - 2);
  return meanDifference / Math.sqrt(pooledVariance);
}

/**
 * Mean ratio from two already computed summaries (Kayenta's `EffectSizes.meanRatio(MetricStatistics, MetricStatistics)`):
 * `experiment.mean / control.mean`, NaN when either mean is exactly 0.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/stats/EffectSizes.scala`.
 *
 * @param control summary of the baseline series (only `mean` is read)
 * @param experiment summary of the canary series (only `mean` is read)
 * @returns the dimensionless ratio, or NaN
 * @example meanRatioOfSummaries({ mean: 2 }, { mean: 3 }) // 1.5
 */
export function meanRatioOfSummaries(control: { mean: number }, experiment: { mean: number }): number {
  if (control.mean === 0 || experiment.mean === 0) return NaN;
  return experiment.mean / control.mean;
}
