/**
 * The final verdict of a multi-interval analysis: only the last interval's score counts.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/tasks/AggregateCanaryResultsTask.kt`,
 * Kayenta SCA `GenerateCanaryAnalysisResultTask.java` (`getAggregatedJudgment`); `docs/design/kayenta-judge.md` §11.3.
 */
import type { Verdict } from '../contract/judgment';
import type { ScoreThresholds } from '../contract/kayenta';
import { javaDoubleToString } from './java-double';

/** The final decision: whether the analysis passed, Orca's message, and our three-way verdict. */
export interface FinalAggregation {
  passed: boolean;
  /** Orca's / Kayenta SCA's exact message, the score printed as Java's `Double.toString` (e.g. `100.0`). */
  message: string;
  verdict: Verdict;
}

/** Message when no interval produced a score (Kayenta SCA, exact text). */
export const NO_JUDGEMENTS_MESSAGE = 'There were no successful canary judgements to aggregate';

/** Thresholds as a caller may give them: each may be missing (or null, as in SCA's JSON). */
export type OptionalThresholds = { [K in keyof ScoreThresholds]?: ScoreThresholds[K] | null };

function threshold(thresholds: OptionalThresholds, key: keyof ScoreThresholds): number | undefined {
  const value = thresholds[key];
  if (value === undefined || value === null) return undefined;
  if (!Number.isFinite(value)) throw new RangeError(`thresholds.${key}: must be a finite number or absent`);
  return value;
}

/**
 * Decide a whole analysis from its interval scores, with Orca's `AggregateCanaryResultsTask` rules applied to the
 * last score `s` (real numbers; Orca truncates to Int, see `shared/KAYENTA-DIFFERENCES.md`):
 *
 * 0. no scores at all → not passed, `There were no successful canary judgements to aggregate` (Kayenta SCA);
 * 1. neither threshold → passed, `No score thresholds were specified.`;
 * 2. marginal given and `s ≤ marginal` → failed, `Final canary score <s> is not above the marginal score threshold.`;
 * 3. no pass threshold → passed, `No pass score threshold was specified.`;
 * 4. `s < pass` → failed, `Final canary score <s> is below the pass score threshold.`;
 * 5. else passed, `Final canary score <s> met or exceeded the pass score threshold.`
 *
 * Verdict: `PASS` when passed; `MARGINAL` for rule 4 when a marginal threshold was given (the score lies between
 * marginal and pass); `FAIL` otherwise (rules 0 and 2, and rule 4 without a marginal threshold).
 *
 * @param intervalScores - every finished interval's score, in interval order (points)
 * @param thresholds - pass and marginal thresholds (points); either may be absent or null
 * @returns the decision
 * @throws {RangeError} when the last score or a given threshold is not finite
 * @example aggregateFinal([40, 100], { pass: 75, marginal: 50 }).message
 * // 'Final canary score 100.0 met or exceeded the pass score threshold.'
 */
export function aggregateFinal(intervalScores: readonly number[], thresholds: OptionalThresholds): FinalAggregation {
  const pass = threshold(thresholds, 'pass');
  const marginal = threshold(thresholds, 'marginal');
  if (intervalScores.length === 0) return { passed: false, message: NO_JUDGEMENTS_MESSAGE, verdict: 'FAIL' };
  const score = intervalScores[intervalScores.length - 1] as number;
  if (!Number.isFinite(score)) {
    throw new RangeError(`intervalScores[${intervalScores.length - 1}]: must be a finite number`);
  }
  const s = javaDoubleToString(score);
  if (marginal === undefined && pass === undefined) {
    return { passed: true, message: 'No score thresholds were specified.', verdict: 'PASS' };
  }
  if (marginal !== undefined && score <= marginal) {
    return {
      passed: false,
      message: `Final canary score ${s} is not above the marginal score threshold.`,
      verdict: 'FAIL',
    };
  }
  if (pass === undefined) return { passed: true, message: 'No pass score threshold was specified.', verdict: 'PASS' };
  if (score < pass) {
    return {
      passed: false,
      message: `Final canary score ${s} is below the pass score threshold.`,
      verdict: marginal === undefined ? 'FAIL' : 'MARGINAL',
    };
  }
  return {
    passed: true,
    message: `Final canary score ${s} met or exceeded the pass score threshold.`,
    verdict: 'PASS',
  };
}
