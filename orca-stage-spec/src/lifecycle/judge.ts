/**
 * The scoring function the service uses: `judge` from `@canary-judge/shared` (Kayenta's NetflixACAJudge-v1.0,
 * with `canaryJudge` details per metric). It throws `JudgeInputError` (with `path` and `rule`) for requests it
 * refuses; the HTTP layer maps that to 400 and the scheduler to a TERMINAL judgment with `JUDGE_ERROR`.
 */
import { judge } from '@canary-judge/shared';
import type { JudgeFn } from './evaluate';

/**
 * The library's judge.
 * @returns the judge function
 */
export function libraryJudge(): JudgeFn {
  return judge;
}
