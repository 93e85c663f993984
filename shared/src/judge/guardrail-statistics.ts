/**
 * The statistics an absolute guardrail may use (`analysisConfigurations.canaryJudge.absolute.statistic`). A module
 * of its own so that a caller needing only the list (the Deck plugin's start-up validator) does not pull in the
 * guardrail evaluation; `guardrails.ts` re-exports it.
 */
import type { GuardrailStatistic } from '../contract/kayenta';

/** The statistics an absolute guardrail may use, in the order the error message lists them. */
export const GUARDRAIL_STATISTICS: readonly GuardrailStatistic[] = Object.freeze([
  'mean',
  'p50',
  'p90',
  'p95',
  'p99',
  'max',
]);
