/**
 * The scoring function the service uses: `judge` from `@canary-judge/shared` (Kayenta's NetflixACAJudge-v1.0).
 * Looked up at run time so the service also starts on a library build that lacks it; every judgment then ends
 * TERMINAL with a clear `JUDGE_ERROR` instead of the process failing to start.
 */
import * as shared from '@canary-judge/shared';
import type { JudgeFn } from './evaluate';

/**
 * The library's judge, or a stand-in that throws "not available" on every call.
 * @returns the judge function
 */
export function libraryJudge(): JudgeFn {
  const fn = (shared as Record<string, unknown>)['judge'];
  if (typeof fn === 'function') return fn as JudgeFn;
  return () => {
    throw new Error('the scoring library in this build has no judge() yet');
  };
}
