/**
 * Points per side in each window of the stage's timing, shown under the timing fields as the user types, so a plan
 * that cannot judge (one point per side) is visible before the service refuses it. Counts come from the scoring
 * library's `windowPoints` (window length ÷ step), the minimum from its default (`DEFAULT_MIN_POINTS_PER_WINDOW`).
 */
import { DEFAULT_MIN_POINTS_PER_WINDOW, windowPoints, type JudgmentTiming } from '@canary-judge/shared';

/**
 * The sentence for the panel, or null when the timing cannot be planned yet.
 *
 * @param timing the stage's `payload.timing` (numbers as the stage JSON holds them)
 * @returns e.g. `60 to 180 points per side in each window (step 10 s; at least 3 needed to judge)`, and whether
 *   the shortest window has too few
 */
export function windowPointsText(timing: unknown): { text: string; tooFew: boolean } | null {
  if (timing === null || typeof timing !== 'object') return null;
  const p = windowPoints(timing as JudgmentTiming);
  if (!p) return null;
  const range = p.min === p.max ? `${p.min}` : `${p.min} to ${p.max}`;
  const need = DEFAULT_MIN_POINTS_PER_WINDOW;
  return {
    text: `${range} point${p.max === 1 ? '' : 's'} per side in each window (step ${p.stepSeconds} s; at least ${need} needed to judge)`,
    tooFew: p.min < need,
  };
}
