/**
 * The "Restart stage" line of the results tab: after Orca restarted the stage, the judge ran a new attempt under the
 * same key (`attempt`, from the second on) and lists the earlier ones (`earlierAttempts`); see
 * `deck-plugin/docs/configure-stage.md` ("Restart stage").
 */
import type { Judgment } from '@canary-judge/shared';

/** One earlier attempt as shown: `#1 FAIL (score 35)`, `#2 ERROR TIMEOUT`, `#3 CANCELED`. */
export function attemptLabel(a: NonNullable<Judgment['earlierAttempts']>[number]): string {
  const score = typeof a.score === 'number' ? ` (score ${Math.round(a.score * 100) / 100})` : '';
  if (a.verdict) return `#${a.attempt} ${a.verdict}${score}`;
  if (a.status === 'CANCELED') return `#${a.attempt} CANCELED`;
  return `#${a.attempt} ERROR${a.error ? ` ${a.error.code}` : ''}`;
}

/**
 * The line for a restarted judgment, or null for a first attempt (or a judge too old to report attempts).
 * @param j the judgment resource as Orca stored it (possibly partial)
 */
export function attemptsText(j: Partial<Judgment> | null): string | null {
  if (!j || typeof j.attempt !== 'number' || !Array.isArray(j.earlierAttempts) || j.earlierAttempts.length === 0) {
    return null;
  }
  return `Attempt ${j.attempt} (the stage was restarted). Earlier: ${j.earlierAttempts.map(attemptLabel).join(', ')}`;
}
