/**
 * Scoring of one judge call: from per-metric classifications to group scores and the 0–100 summary score, exactly
 * as Kayenta's `NetflixACAJudge` + `WeightedSumScorer` + `ThresholdScoreClassifier` do it (`design/kayenta-judge.md`
 * §9).
 *
 * 1. Muted results are dropped (they stay in the reported results).
 * 2. Group scores, for every group named by a remaining result: `100·#Pass / (#Pass + #High + #Low +
 *    #NodataFailMetric)`, not rounded; a group with none of those (only Nodata/Error) is *noData* with score 0.
 * 3. A remaining critical result that is not Pass → summary 0, reason `Canary Failed: <its reason>` (first in order).
 * 4. Else if `#Nodata / #remaining · 100 ≥ 50` → summary 0, reason `Canary Failed: 50% or more metrics returned NODATA`.
 * 5. Else the weighted sum `Σ effective·(weight/100)` over groups, effective = 100 for noData groups; groups without a
 *    configured weight share `100 − Σ configured weights` equally; configured groups with no result add nothing;
 *    weights are used as given (no normalisation, sums ≠ 100 allowed, scores outside 0–100 possible).
 * 6. Round half-up to 2 decimals ({@link precisionRound}); classify `≥ pass` → Pass, `≥ marginal` → Marginal, else Fail.
 *
 * Group order (for the reported group scores and the order of the sum): Kayenta's Scala 2.12 hash-map iteration
 * order ({@link scalaGroupByOrder}); the configured weights are summed in Scala's map order of the config's keys.
 *
 * Reference: `spinnaker/kayenta:kayenta-judge/src/main/scala/com/netflix/kayenta/judge/scorers/WeightedSumScorer.scala`,
 * `.../scorers/ScoringHelper.scala`, `.../classifiers/score/ThresholdScoreClassifier.scala`.
 */
import type { MetricClassification, ScoreThresholds, SummaryClassification } from '../contract/kayenta';
import { precisionRound } from './precision-round';
import { scalaGroupByOrder, scalaImmutableMapOrder } from './scala-order';

/** The fields of a metric result that scoring reads. */
export interface ScorableResult {
  /** Kayenta label of the metric. */
  readonly classification: MetricClassification;
  /** The metric's reason; quoted after `Canary Failed: ` on a critical failure (`null`/absent reads `null`, as in Kayenta). */
  readonly classificationReason?: string | null;
  /** Groups the metric counts in (a metric in two groups counts in both). */
  readonly groups: readonly string[];
  /** True when this result fails the canary by itself if it is not Pass. */
  readonly critical: boolean;
  /** Muted results are ignored by scoring. */
  readonly muted?: boolean;
}

/** One group's score. */
export interface GroupScore {
  /** Group name. */
  readonly name: string;
  /** `100·Pass/(Pass+High+Low+NodataFailMetric)`, not rounded; 0 when `noData`. Percent. */
  readonly score: number;
  /** True when the group had no Pass/High/Low/NodataFailMetric result; it then counts as 100 in the sum. */
  readonly noData: boolean;
}

/** Which scoring rule produced the summary score. */
export type ScoreRule = 'critical-failure' | 'nodata-majority' | 'weighted-sum';

/** The outcome of scoring one judge call. */
export interface ScoreOutcome {
  /** Group scores in Kayenta's iteration order. */
  readonly groupScores: readonly GroupScore[];
  /** Summary score in points, rounded half-up to 2 decimals (0 on critical failure / Nodata majority). */
  readonly score: number;
  /** Weighted sum before rounding (0 when a failure rule fired). */
  readonly unroundedScore: number;
  /** `Pass` if score ≥ pass, `Marginal` if ≥ marginal, else `Fail`. */
  readonly classification: SummaryClassification;
  /** `Canary Failed: …` when a failure rule fired, else `''`. */
  readonly classificationReason: string;
  /** Which rule decided. */
  readonly rule: ScoreRule;
}

/** Reason prefix Kayenta writes when a rule scores the canary 0. */
export const CANARY_FAILED_PREFIX = 'Canary Failed: ';
/** Reason Kayenta writes when half or more of the scored metrics are `Nodata`. */
export const NODATA_MAJORITY_REASON = 'Canary Failed: 50% or more metrics returned NODATA';

/**
 * Group scores of the non-muted results, in Kayenta's order (`docs/design/kayenta-judge.md` §9 item 2).
 *
 * @param results Metric results in request order (muted ones are skipped).
 * @returns One entry per group named by a non-muted result.
 */
export function computeGroupScores(results: readonly ScorableResult[]): GroupScore[] {
  const counted = new Map<string, { pass: number; total: number }>();
  const encounter: string[] = [];
  for (const r of results) {
    if (r.muted === true) continue;
    for (const g of r.groups) {
      encounter.push(g);
      let c = counted.get(g);
      if (c === undefined) {
        c = { pass: 0, total: 0 };
        counted.set(g, c);
      }
      const label = r.classification;
      if (label === 'Pass') c.pass++;
      if (label === 'Pass' || label === 'High' || label === 'Low' || label === 'NodataFailMetric') c.total++;
    }
  }
  return scalaGroupByOrder(encounter).map((name) => {
    const c = counted.get(name) ?? { pass: 0, total: 0 };
    return c.total === 0 ? { name, score: 0, noData: true } : { name, score: (c.pass / c.total) * 100, noData: false };
  });
}

/**
 * Classifies a summary score with the caller's thresholds (Kayenta's `ThresholdScoreClassifier`).
 *
 * @param score Summary score in points.
 * @param thresholds `pass` and `marginal` in points; with 0/0 every score (even a critical failure's 0) is `Pass`.
 * @returns `Pass` if `score ≥ pass`, else `Marginal` if `score ≥ marginal`, else `Fail`.
 */
export function classifyScore(score: number, thresholds: ScoreThresholds): SummaryClassification {
  if (score >= thresholds.pass) return 'Pass';
  if (score >= thresholds.marginal) return 'Marginal';
  return 'Fail';
}

/**
 * Scores one judge call's metric results (module doc, `docs/design/kayenta-judge.md` §9).
 *
 * @param results Metric results in request order; muted ones are reported elsewhere but ignored here.
 * @param groupWeights Configured weight per group, in percent, in the config's key order (not validated: sums ≠ 100
 *   are used as they are).
 * @param thresholds Caller's score thresholds in points.
 * @returns Group scores, rounded summary score, its classification and reason, and the rule that decided.
 * @example
 * scoreResults([{ classification: 'Pass', groups: ['a'], critical: false },
 *               { classification: 'High', groups: ['a'], critical: false }], {}, { pass: 75, marginal: 50 })
 * // → score 50, classification 'Marginal'
 */
export function scoreResults(
  results: readonly ScorableResult[],
  groupWeights: Readonly<Record<string, number>>,
  thresholds: ScoreThresholds,
): ScoreOutcome {
  const remaining = results.filter((r) => r.muted !== true);
  const groupScores = computeGroupScores(remaining);
  const finish = (unrounded: number, reason: string, rule: ScoreRule): ScoreOutcome => {
    const score = precisionRound(unrounded, 2);
    return {
      groupScores,
      score,
      unroundedScore: unrounded,
      classification: classifyScore(score, thresholds),
      classificationReason: reason,
      rule,
    };
  };

  const criticalFailure = remaining.find((r) => r.critical && r.classification !== 'Pass');
  if (criticalFailure !== undefined) {
    return finish(0, CANARY_FAILED_PREFIX + String(criticalFailure.classificationReason ?? null), 'critical-failure');
  }
  const nodata = remaining.filter((r) => r.classification === 'Nodata').length;
  if ((nodata / remaining.length) * 100 >= 50) return finish(0, NODATA_MAJORITY_REASON, 'nodata-majority');

  const weightKeys = scalaImmutableMapOrder(Object.keys(groupWeights));
  let weightSum = 0;
  for (const k of weightKeys) weightSum += groupWeights[k] ?? 0;
  const has = (name: string): boolean => Object.prototype.hasOwnProperty.call(groupWeights, name);
  const unweighted = groupScores.filter((g) => !has(g.name)).length;
  const sharedWeight = unweighted > 0 ? (100 - weightSum) / unweighted : 0;
  let sum = 0;
  for (const g of groupScores) {
    const weight = has(g.name) ? (groupWeights[g.name] ?? 0) : sharedWeight;
    sum += (g.noData ? 100 : g.score) * (weight / 100);
  }
  return finish(sum, '', 'weighted-sum');
}
