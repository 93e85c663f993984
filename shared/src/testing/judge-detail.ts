/**
 * Metric results and their judge detail (the `canaryJudge` block) for the tests of what shows them: the CLI table and
 * the Deck plugin's report. Test support only: not exported from the library barrel.
 */
import type { CanaryAnalysisResult, MetricJudgeDetail } from '../contract/kayenta';

/**
 * One metric's result in Kayenta's `CanaryAnalysisResult` shape: by default a Pass of a `latency` metric, 30 points a
 * side, canary mean 110 against baseline 100 (ratio 1.1), neither critical nor muted, without a judge detail.
 * @param patch the name and any field to override
 * @returns a fresh result object
 */
export function metricResult(patch: Partial<CanaryAnalysisResult> & { name: string }): CanaryAnalysisResult {
  return {
    tags: {},
    classification: 'Pass',
    groups: ['latency'],
    experimentMetadata: { stats: { count: 30, mean: 110, min: 90, max: 130, std: 8 } },
    controlMetadata: { stats: { count: 30, mean: 100, min: 85, max: 120, std: 7 } },
    resultMetadata: { ratio: 1.1 },
    critical: false,
    muted: false,
    ...patch,
  };
}

/**
 * A critical metric classified High, with the reason Kayenta's `NetflixACAJudge` writes for it ("The metric <name>
 * was classified as High (Critical)"); otherwise {@link metricResult}'s defaults.
 * @param patch the name and any field to override (the statistics, the ratio, the judge detail)
 * @returns a fresh result object
 */
export function criticalHighResult(patch: Partial<CanaryAnalysisResult> & { name: string }): CanaryAnalysisResult {
  return metricResult({
    classification: 'High',
    classificationReason: `The metric ${patch.name} was classified as High (Critical)`,
    critical: true,
    ...patch,
  });
}

/** The figures that differ from one shown metric to the next: the interval, estimate, bounds, effect size, sentence. */
export type DetailFigures = Pick<
  MetricJudgeDetail,
  'ciLower' | 'ciUpper' | 'estimate' | 'lowerBound' | 'upperBound' | 'effectSize' | 'explanation'
>;

/**
 * A detail decided by the Mann-Whitney test under NetflixACAJudge-v1.0's defaults (spinnaker/kayenta's
 * `NetflixACAJudge` and `MannWhitneyClassifier`): tolerance 0.25, 98 % confidence, mean-ratio effect size with
 * allowed and critical thresholds of 1 each way, direction `increase`, NaN removed, outliers kept, and 30 points a
 * side, none NaN, all used.
 * @param figures the interval, estimate, bounds (metric units), effect size (a ratio) and explanation
 * @param patch any other field, over the defaults (e.g. `significance`, `outlierFactor`)
 * @returns a fresh detail object
 */
export function mannWhitneyDetail(figures: DetailFigures, patch: Partial<MetricJudgeDetail> = {}): MetricJudgeDetail {
  const side = { raw: 30, nan: 0, nanRemoved: 0, nanReplaced: 0, outliersRemoved: 0, used: 30 };
  return {
    tolerance: 0.25,
    confidenceLevel: 0.98,
    effectSizeMeasure: 'meanRatio',
    allowed: { increase: 1, decrease: 1 },
    criticalThresholds: { increase: 1, decrease: 1 },
    direction: 'increase',
    nanStrategy: 'remove',
    outlierStrategy: 'keep',
    samples: { control: { ...side }, experiment: { ...side } },
    decidedBy: 'mann-whitney',
    ...figures,
    ...patch,
  };
}
