/**
 * The fixed parameters of Kayenta's `NetflixACAJudge-v1.0`.
 *
 * Reference: `docs/design/kayenta-judge.md` §2.3 (both are fixed in `NetflixACAJudge.scala`; the Spring
 * properties that look configurable are unused upstream).
 */

/** The judge name Kayenta writes in `CanaryJudgeResult.judgeName`. */
export const JUDGE_NAME = 'NetflixACAJudge-v1.0';

/**
 * Fraction of |estimate| that the Mann-Whitney interval must clear to count as High/Low (0.25 = 25 %).
 * Dimensionless; the bounds are `±JUDGE_TOLERANCE·|estimate|` in the metric's own unit. `design/kayenta-judge.md` §5
 * item 6.
 */
export const JUDGE_TOLERANCE = 0.25;

/** Confidence level of the Mann-Whitney interval (0.98 = a 98 % two-sided interval). `design/kayenta-judge.md` §5 item 5, §6. */
export const JUDGE_CONFIDENCE_LEVEL = 0.98;
