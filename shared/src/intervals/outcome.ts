/**
 * The decision after each interval: stop early when the score is not above the marginal threshold.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/tasks/MonitorKayentaCanaryTask.kt`
 * (Kayenta SCA: `MonitorCanaryTask.java`); `docs/design/kayenta-judge.md` §11.2.
 */
import type { ScoreThresholds } from '../contract/kayenta';

/** Orca's thresholds when the stage gives none (`KayentaCanaryContext.kt`): pass 75, marginal 50 (points). */
export const ORCA_DEFAULT_THRESHOLDS: Readonly<ScoreThresholds> = Object.freeze({ pass: 75, marginal: 50 });

/** Orca's `canaryScoreMessage` when an interval stops the analysis (exact text). */
export const INTERVAL_FAIL_MESSAGE = 'Canary score is not above the marginal score threshold.';

/**
 * Whether the analysis continues after an interval scored `score`: `fail` when `score ≤ marginal`, else `continue`.
 *
 * We compare the real score; Orca reads the score and thresholds as Int (truncating, so 75.5 with marginal 75
 * fails in Orca and continues here). See `shared/KAYENTA-DIFFERENCES.md`.
 *
 * @param score - the interval's summary score, points (0–100; other values are compared as they are)
 * @param thresholds - the thresholds in force; only `marginal` is used
 * @returns `fail` (stop now, later intervals never run) or `continue`
 * @throws {RangeError} when the score or marginal threshold is not a finite number
 * @example intervalOutcome(50, { pass: 75, marginal: 50 }) // 'fail'
 */
export function intervalOutcome(score: number, thresholds: ScoreThresholds): 'continue' | 'fail' {
  if (!Number.isFinite(score)) throw new RangeError(`score: must be a finite number, got ${String(score)}`);
  if (!Number.isFinite(thresholds.marginal)) {
    throw new RangeError(`thresholds.marginal: must be a finite number, got ${String(thresholds.marginal)}`);
  }
  return score <= thresholds.marginal ? 'fail' : 'continue';
}
