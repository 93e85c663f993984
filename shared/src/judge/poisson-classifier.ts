/**
 * The opt-in Poisson rate test for sparse counters (`analysisConfigurations.canaryJudge.test: "poissonRate"`, a key
 * Kayenta ignores): instead of Kayenta's Mann-Whitney test on the points, compare the canary's event rate with the
 * baseline's. Each point is an event count for one interval, so a side's events are the sum of its points and its
 * exposure is its number of points (Kayenta gives both sides the same interval length).
 *
 * Decision, in order:
 * 1. an empty side (after NaN and outlier handling) → Kayenta's empty-data verdict ({@link emptyDataVerdict});
 * 2. a point that is not a count (negative, fractional, or a sum beyond 2⁵³) → `Error` / "Metric Classification
 *    Failed" with the offending point in `errorMessage` (the test needs counts; a rate metric should keep Kayenta's
 *    test);
 * 3. the exact conditional test ({@link poissonRateTest}) at the one-sided level {@link POISSON_CONFIDENCE_LEVEL}:
 *    significantly higher iff the lower bound of the rate ratio canary/baseline is above 1, lower iff the upper bound
 *    is below 1; then the usual direction, allowed effect-size veto and critical upgrade ({@link decide}), with the
 *    rate ratio as the effect size and the reported ratio (NaN when both sides have no events; an infinite ratio —
 *    events only on the canary — passes every threshold, as it should). decidedBy `poisson-rate`.
 *
 * Why one-sided 0.9: rare events carry little evidence each; at equal exposure the test then fails a canary from 4
 * events against none (spinnaker/kayenta#426: `0,1,2,1,0,0` against six zeros, one-sided exact p = 1/16) and passes
 * 3 against none (p = 1/8), and for large counts it is the normal test of the log rate ratio at z = 1.2816. The
 * interval `[ciLower, ciUpper]` is the equal-tailed 80 % interval.
 *
 * Reference: R `poisson.test` (`shared/src/stats/poisson-rate.ts`); `shared/KAYENTA-DIFFERENCES.md`, "Opt-in
 * extensions".
 */
import { poissonRateTest } from '../stats';
import {
  CLASSIFICATION_FAILED_REASON,
  decide,
  emptyDataVerdict,
  type ClassifierOptions,
  type MetricVerdict,
} from './classifier';

/** One-sided confidence level of each rate-ratio bound (module doc). */
export const POISSON_CONFIDENCE_LEVEL = 0.9;

/** The Poisson test's figures for the detail, with the verdict. */
export interface PoissonVerdict {
  /** The verdict (decidedBy `poisson-rate`, `empty` or `error`). */
  readonly verdict: MetricVerdict;
  /** The test's figures when it ran, else null. */
  readonly figures: {
    readonly canaryEvents: number;
    readonly canaryExposure: number;
    readonly baselineEvents: number;
    readonly baselineExposure: number;
    readonly rateRatio: number;
    readonly ciLower: number;
    readonly ciUpper: number;
    readonly pValue: number;
  } | null;
}

/** Sum of a series of counts, or the index and value of the first point that is not a count. */
function countSum(values: ArrayLike<number>): { sum: number } | { index: number; value: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= 0) || !Number.isInteger(v)) return { index: i, value: v };
    sum += v;
  }
  return Number.isSafeInteger(sum) ? { sum } : { index: values.length - 1, value: sum };
}

/**
 * Classifies one metric with the Poisson rate test (module doc).
 *
 * @param control Baseline counts after NaN handling and outlier removal.
 * @param experiment Canary counts after the same transforms.
 * @param options The metric's options (`confLevel` and `tolerance` are not used: the level is fixed, bounds are 1).
 * @returns The verdict and the figures; never throws for data conditions.
 * @example classifyPoisson([0, 0, 0, 0, 0, 0], [0, 1, 2, 1, 0, 0], opts).verdict.classification // 'High'
 */
export function classifyPoisson(
  control: ArrayLike<number>,
  experiment: ArrayLike<number>,
  options: ClassifierOptions,
): PoissonVerdict {
  if (experiment.length === 0 || control.length === 0) return { verdict: emptyDataVerdict(options), figures: null };
  const canary = countSum(experiment);
  const baseline = countSum(control);
  if (!('sum' in canary) || !('sum' in baseline)) {
    const [side, bad] = 'sum' in canary ? ['baseline', baseline] : ['canary', canary];
    const { index, value } = bad as { index: number; value: number };
    return {
      figures: null,
      verdict: {
        classification: 'Error',
        reason: CLASSIFICATION_FAILED_REASON,
        critical: false,
        deviation: null,
        decidedBy: 'error',
        test: null,
        effectSize: null,
        significance: null,
        errorMessage: `the poissonRate test needs event counts (whole numbers ≥ 0), but ${side} point ${index + 1} is ${value}`,
      },
    };
  }
  const r = poissonRateTest(canary.sum, experiment.length, baseline.sum, control.length, POISSON_CONFIDENCE_LEVEL);
  const shift = { ciLower: r.ciLower, ciUpper: r.ciUpper, estimate: r.rateRatio, lowerBound: 1, upperBound: 1 };
  const verdict = decide(shift, r.rateRatio, r.rateRatio, options, 'poisson-rate');
  return {
    verdict,
    figures: {
      canaryEvents: r.x1,
      canaryExposure: r.t1,
      baselineEvents: r.x2,
      baselineExposure: r.t2,
      rateRatio: r.rateRatio,
      ciLower: r.ciLower,
      ciUpper: r.ciUpper,
      pValue: r.pValue,
    },
  };
}
