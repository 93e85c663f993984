/**
 * The judge call: Kayenta's `NetflixACAJudge-v1.0` end to end (`design/kayenta-judge.md` §1) — per metric: settings,
 * transforms, descriptive statistics, classification at tolerance 0.25 / confidence 0.98; then scoring and the summary
 * classification — returning Kayenta's `CanaryJudgeResult` JSON plus a `canaryJudge` detail object per metric.
 *
 * Two entry points:
 * - {@link judge} takes the RemoteJudge request as parsed JSON (values as numbers or `"NaN"`), validates it
 *   ({@link parseRemoteJudgeRequest}) and judges it;
 * - {@link judgeSeries} takes already numeric inputs (Float64Array series, resolved settings) for callers that
 *   hold them (the judge service after its own parsing, the benchmark), so the wire is not parsed twice.
 *
 * Output shape (`design/kayenta-judge.md` §10): fields in Kayenta's order so that a `JSON.stringify` diff against
 * Kayenta lines up; absent (null) fields omitted (`classificationReason` of a plain Pass, `resultMetadata` of an Error,
 * `id` when the pair has none); NaN written as `"NaN"`. Group scores carry `classification: ""`, `classificationReason:
 * ""` and, only for a group without countable results, `noData: true` after Kayenta's fields.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/NetflixACAJudge.scala`;
 * `docs/design/kayenta-judge.md` §1–§10; differences: `shared/KAYENTA-DIFFERENCES.md`.
 */
import type {
  CanaryAnalysisResult,
  CanaryJudgeGroupScore,
  CanaryJudgeResult,
  MetricJudgeDetail,
  RemoteJudgeRequest,
} from '../contract/kayenta';
import { describe as summarize } from '../stats';
import { classifyMetric, type ClassifierOptions, type MetricVerdict } from './classifier';
import { JUDGE_CONFIDENCE_LEVEL, JUDGE_NAME, JUDGE_TOLERANCE } from './constants';
import { explainPoissonBody, explainVerdict, explainVerdictBody, finishExplanation } from './explain';
import { applyGuardrails, type GuardrailResult } from './guardrails';
import { classifyPoisson, POISSON_CONFIDENCE_LEVEL, type PoissonVerdict } from './poisson-classifier';
import { parseRemoteJudgeRequest, type SeriesJudgeRequest, type SeriesMetricInput } from './request';
import { scoreResults } from './scorer';
import { prepareSeries } from './transforms';
import { toWireNumber, toWireStats } from './wire';

/** A metric's wire result together with the verdict behind it (for callers that want the raw numbers). */
export interface JudgedMetric {
  /** Kayenta's `CanaryAnalysisResult` wire object with our `canaryJudge` detail. */
  readonly result: CanaryAnalysisResult;
  /** The classifier's verdict (unrounded doubles, NaN as NaN). */
  readonly verdict: MetricVerdict;
}

/**
 * Judges one metric: transforms both series, computes their stats, classifies at the judge's fixed tolerance and
 * confidence level, and builds the wire result with its `canaryJudge` detail.
 *
 * @param input Name, groups, settings and raw numeric series (NaN = missing point).
 * @returns The wire result and the verdict. Never throws for data conditions.
 */
export function judgeMetric(input: SeriesMetricInput): JudgedMetric {
  const s = input.settings;
  const control = prepareSeries(input.control, s);
  const experiment = prepareSeries(input.experiment, s);
  const options: ClassifierOptions = {
    metricName: input.name,
    direction: s.direction,
    nanStrategy: s.nanStrategy,
    critical: s.critical,
    mustHaveData: s.mustHaveData,
    tolerance: JUDGE_TOLERANCE,
    confLevel: JUDGE_CONFIDENCE_LEVEL,
    effectSizeMeasure: s.effectSizeMeasure,
    allowedIncrease: s.allowedIncrease,
    allowedDecrease: s.allowedDecrease,
    criticalIncrease: s.criticalIncrease,
    criticalDecrease: s.criticalDecrease,
  };
  // Opt-in Poisson rate test (analysisConfigurations.canaryJudge.test): replaces Kayenta's test for this metric.
  const poisson: PoissonVerdict | null =
    s.test === 'poissonRate' ? classifyPoisson(control.values, experiment.values, options) : null;
  const kayentaVerdict =
    poisson === null ? classifyMetric(control.values, experiment.values, options) : poisson.verdict;
  const samples = { control: control.counts, experiment: experiment.counts };
  const baseBody = (): string => {
    if (poisson === null) return explainVerdictBody(kayentaVerdict, options, samples);
    if (poisson.figures !== null) {
      return explainPoissonBody(kayentaVerdict, options, poisson.figures, POISSON_CONFIDENCE_LEVEL);
    }
    return kayentaVerdict.decidedBy === 'error'
      ? `The poissonRate test could not run (${kayentaVerdict.errorMessage ?? 'unknown error'}), so the metric is an Error and left out of the scores`
      : explainVerdictBody(kayentaVerdict, options, samples);
  };
  // Opt-in guardrails (analysisConfigurations.canaryJudge): only when configured; otherwise Kayenta's verdict as is.
  const guarded: GuardrailResult | null =
    s.guardrails === undefined
      ? null
      : applyGuardrails({
          metricName: input.name,
          guardrails: s.guardrails,
          critical: s.critical,
          mustHaveData: s.mustHaveData,
          control: control.values,
          experiment: experiment.values,
          kayenta: kayentaVerdict,
        });
  const verdict: MetricVerdict = guarded === null ? kayentaVerdict : { ...kayentaVerdict, ...guarded.outcome };
  const t = verdict.test;
  const detail: MetricJudgeDetail = {
    decidedBy: verdict.decidedBy,
    explanation:
      guarded === null
        ? poisson === null
          ? explainVerdict(verdict, options, samples, s.muted)
          : finishExplanation(baseBody(), s.muted)
        : finishExplanation(guarded.sentence(baseBody()), s.muted),
    ciLower: t === null ? null : toWireNumber(t.ciLower),
    ciUpper: t === null ? null : toWireNumber(t.ciUpper),
    estimate: t === null ? null : toWireNumber(t.estimate),
    lowerBound: t === null ? null : toWireNumber(t.lowerBound),
    upperBound: t === null ? null : toWireNumber(t.upperBound),
    significance: verdict.significance,
    effectSize: verdict.effectSize === null ? null : toWireNumber(verdict.effectSize),
    effectSizeMeasure: s.effectSizeMeasure,
    allowed: { increase: s.allowedIncrease, decrease: s.allowedDecrease },
    criticalThresholds: { increase: s.criticalIncrease, decrease: s.criticalDecrease },
    tolerance: JUDGE_TOLERANCE,
    confidenceLevel: JUDGE_CONFIDENCE_LEVEL,
    direction: s.direction,
    nanStrategy: s.nanStrategy,
    outlierStrategy: s.outlierStrategy,
    outlierFactor: s.outlierFactor,
    samples,
    ...(verdict.errorMessage !== null ? { errorMessage: verdict.errorMessage } : {}),
    ...(guarded !== null ? { guardrails: guarded.detail } : {}),
    ...(poisson !== null && poisson.figures !== null
      ? {
          poissonRate: {
            canaryEvents: poisson.figures.canaryEvents,
            canaryExposure: poisson.figures.canaryExposure,
            baselineEvents: poisson.figures.baselineEvents,
            baselineExposure: poisson.figures.baselineExposure,
            rateRatio: toWireNumber(poisson.figures.rateRatio),
            ciLower: toWireNumber(poisson.figures.ciLower),
            ciUpper: toWireNumber(poisson.figures.ciUpper),
            confidenceLevel: POISSON_CONFIDENCE_LEVEL,
            pValue: toWireNumber(poisson.figures.pValue),
          },
        }
      : {}),
  };
  const result: CanaryAnalysisResult = {
    name: input.name,
    tags: { ...(input.tags ?? {}) },
    ...(input.id !== undefined ? { id: input.id } : {}),
    classification: verdict.classification,
    ...(verdict.reason !== null ? { classificationReason: verdict.reason } : {}),
    groups: [...input.groups],
    experimentMetadata: { stats: toWireStats(summarize(experiment.values)) },
    controlMetadata: { stats: toWireStats(summarize(control.values)) },
    ...(verdict.deviation !== null ? { resultMetadata: { ratio: toWireNumber(verdict.deviation) } } : {}),
    critical: verdict.critical,
    muted: s.muted,
    canaryJudge: detail,
  };
  return { result, verdict };
}

/**
 * Judges a call whose series are already numeric (no wire parsing): every metric with {@link judgeMetric}, then
 * scoring ({@link scoreResults}) with the request's group weights and thresholds.
 *
 * @param request Metrics (in pair order) with resolved settings, group weights and score thresholds.
 * @returns Kayenta's `CanaryJudgeResult` JSON with `canaryJudge` details.
 */
export function judgeSeries(request: SeriesJudgeRequest): CanaryJudgeResult {
  const results = request.metrics.map((m) => judgeMetric(m).result);
  const outcome = scoreResults(results, request.groupWeights, request.scoreThresholds);
  const groupScores: CanaryJudgeGroupScore[] = outcome.groupScores.map((g) => ({
    name: g.name,
    score: g.score,
    classification: '',
    classificationReason: '',
    ...(g.noData ? { noData: true } : {}),
  }));
  return {
    judgeName: JUDGE_NAME,
    results,
    groupScores,
    score: {
      score: outcome.score,
      classification: outcome.classification,
      classificationReason: outcome.classificationReason,
    },
  };
}

/**
 * Judges a RemoteJudge request exactly as Kayenta's `NetflixACAJudge-v1.0` (module doc).
 *
 * @param request The parsed JSON body `{canaryConfig, metricSetPairList, scoreThresholds}`; series values are
 *   numbers or `"NaN"`. Typed as the contract, but validated at run time as untrusted JSON.
 * @returns Kayenta's `CanaryJudgeResult` JSON (with `canaryJudge` details), ready for `JSON.stringify`.
 * @throws JudgeInputError (with `path` and `rule`) for every request Kayenta would fail as a whole — see
 *   `request.ts` and `settings.ts` for the list.
 * @example
 * judge({ canaryConfig: { metrics: [{ name: 'cpu', groups: ['system'] }] },
 *         metricSetPairList: [{ name: 'cpu', values: { control: [1, 2, 3], experiment: [1, 2, 3] } }],
 *         scoreThresholds: { pass: 75, marginal: 50 } }).score // { score: 100, classification: 'Pass', … }
 */
export function judge(request: RemoteJudgeRequest): CanaryJudgeResult {
  return judgeSeries(parseRemoteJudgeRequest(request));
}
