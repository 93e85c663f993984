/**
 * Arithmetic mean and variance computed exactly the way Apache commons-math 3 does (`Mean`, `Variance`,
 * `StatUtils`), which Kayenta uses for its descriptive statistics, mean ratio, Cohen's d and k-sigma detector.
 * Matching the operation order matters: a plain `sum / n` differs in the last bit for most real series.
 */

/**
 * Mean as commons-math `Mean.evaluate` computes it: a first estimate `xbar = (Σ v_i) / n` (sequential sum in index
 * order, plain doubles), then the correction `Σ (v_i − xbar) / n` added: `xbar + correction / n`.
 *
 * Reference: commons-math `org.apache.commons.math3.stat.descriptive.moment.Mean#evaluate`, used through
 * `StatUtils.mean` by `spinnaker/kayenta:kayenta-judge/.../judge/stats/DescriptiveStatistics.scala` and
 * `EffectSizes.scala`; R equivalent `mean(x)` (R also adds the same correction pass, in long double).
 *
 * @param values the series (any unit); NaN propagates
 * @returns the mean, in the unit of `values`; `NaN` for an empty series
 * @example kayentaMean([1, 2, 3, 4]) // 2.5
 */
export function kayentaMean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const xbar = sum / n;
  let correction = 0;
  for (let i = 0; i < n; i++) correction += values[i]! - xbar;
  return xbar + correction / n;
}

/**
 * Variance as commons-math `Variance.evaluate(values, mean)` computes it (the "corrected two-pass" algorithm):
 * with `dev_i = v_i − mean`, `(Σ dev_i² − (Σ dev_i)² / n) / (n − 1)` for the sample (Bessel-corrected) variance,
 * or `/ n` for the population variance. One value gives 0.
 *
 * Reference: commons-math `org.apache.commons.math3.stat.descriptive.moment.Variance`; R `var(x)` for the
 * sample variance.
 *
 * @param values the series (any unit)
 * @param biasCorrected `true` (default) for the sample variance (n − 1 denominator), `false` for the population one
 * @param mean the mean to use; defaults to {@link kayentaMean} of `values`
 * @returns the variance, in squared units of `values`; `NaN` for an empty series, `0` for one value
 * @example kayentaVariance([1, 1, 1, 10, 10, 10]) // 24.3
 */
export function kayentaVariance(values: ArrayLike<number>, biasCorrected = true, mean = kayentaMean(values)): number {
  const n = values.length;
  if (n === 0) return NaN;
  if (n === 1) return 0;
  let accum = 0;
  let accum2 = 0;
  for (let i = 0; i < n; i++) {
    const dev = values[i]! - mean;
    accum += dev * dev;
    accum2 += dev;
  }
  return (accum - (accum2 * accum2) / n) / (biasCorrected ? n - 1 : n);
}
