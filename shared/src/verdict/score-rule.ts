/**
 * The score rule people read, exactly as Orca applies it (a score at or below `marginal` fails, below `pass` is
 * marginal, else it passes), and the one wording every label, legend and band uses for it. Kayenta's own summary
 * classification (`ThresholdScoreClassifier`, `score ≥ marginal` is Marginal) stays in the wire result for parity;
 * the stage's verdict is Orca's.
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/tasks/MonitorKayentaCanaryTask.kt`
 * and `AggregateCanaryResultsTask.kt` (the `score <= marginal` check); `docs/design/orca-webhook-contract.md` §5.
 */
import type { ScoreThresholds } from '../contract/kayenta';
import type { Verdict } from '../contract/judgment';

/** Formats a score or threshold in points: up to two decimals, no trailing zeros. */
export function formatPoints(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/**
 * Orca's verdict for a score: FAIL at or below marginal, MARGINAL below pass, else PASS.
 *
 * @param score summary score in points (0–100)
 * @param thresholds pass and marginal in points
 * @returns the verdict
 * @example verdictOfScore(50, { pass: 75, marginal: 50 }) // 'FAIL'
 */
export function verdictOfScore(score: number, thresholds: ScoreThresholds): Verdict {
  if (score <= thresholds.marginal) return 'FAIL';
  if (score < thresholds.pass) return 'MARGINAL';
  return 'PASS';
}

/**
 * The three bands in words, for legends and threshold bars: `Fail ≤ 50 · Marginal 50–75 · Pass ≥ 75` (the marginal
 * band excludes both ends). With marginal = pass there is no marginal band.
 *
 * @param thresholds pass and marginal in points
 * @returns one legend per band, in score order
 */
export function scoreBands(thresholds: ScoreThresholds): { verdict: Verdict; label: string }[] {
  const m = formatPoints(thresholds.marginal);
  const p = formatPoints(thresholds.pass);
  const bands: { verdict: Verdict; label: string }[] = [{ verdict: 'FAIL', label: `Fail ≤ ${m}` }];
  if (thresholds.pass > thresholds.marginal) {
    bands.push({ verdict: 'MARGINAL', label: `Marginal > ${m} and < ${p}` });
  }
  bands.push({ verdict: 'PASS', label: `Pass ≥ ${p}` });
  return bands;
}

/**
 * Why a score gives its verdict, in Orca's words: `score 50 is at or below marginal 50`,
 * `score 60 is above marginal 50 but below pass 75`, `score 80 meets pass 75`.
 *
 * @param score summary score in points
 * @param thresholds pass and marginal in points
 * @returns the clause (no verdict word, no full stop)
 */
export function scoreRuleText(score: number, thresholds: ScoreThresholds): string {
  const s = formatPoints(score);
  const m = formatPoints(thresholds.marginal);
  const p = formatPoints(thresholds.pass);
  switch (verdictOfScore(score, thresholds)) {
    case 'FAIL':
      return `score ${s} is at or below marginal ${m}`;
    case 'MARGINAL':
      return `score ${s} is above marginal ${m} but below pass ${p}`;
    case 'PASS':
      return `score ${s} meets pass ${p}`;
  }
}
