/**
 * Fixtures the scoring library's tests share: the classifier options of a default NetflixACAJudge-v1.0 metric and a
 * canary settings block in which every key the judge reads is present with the value `null`.
 */
import type { ClassifierOptions } from '../judge/classifier';
import { JUDGE_CONFIDENCE_LEVEL, JUDGE_TOLERANCE } from '../judge/constants';

/**
 * Classifier options of metric `m` with Kayenta's defaults: direction either, NaN removed, not critical, no
 * must-have-data, the judge's tolerance 0.25 and confidence 0.98, mean-ratio effect sizes with every threshold 1
 * (i.e. no effect-size gate). Spread it and override what a test varies.
 */
export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = Object.freeze({
  metricName: 'm',
  direction: 'either',
  nanStrategy: 'remove',
  critical: false,
  mustHaveData: false,
  tolerance: JUDGE_TOLERANCE,
  confLevel: JUDGE_CONFIDENCE_LEVEL,
  effectSizeMeasure: 'meanRatio',
  allowedIncrease: 1,
  allowedDecrease: 1,
  criticalIncrease: 1,
  criticalDecrease: 1,
});

/**
 * `analysisConfigurations.canary` with every setting the judge reads present and `null`, as canary configs written by
 * tools carry them; Kayenta's MapUtils helpers read each like an absent key (`MapUtils.getAsDoubleWithDefault`).
 *
 * @returns a fresh object, safe to mutate.
 */
export function allNullCanarySettings(): Record<string, unknown> {
  return {
    direction: null,
    nanStrategy: null,
    critical: null,
    mustHaveData: null,
    muted: null,
    outliers: { strategy: null, outlierFactor: null },
    effectSize: {
      measure: null,
      allowedIncrease: null,
      allowedDecrease: null,
      criticalIncrease: null,
      criticalDecrease: null,
    },
  };
}
