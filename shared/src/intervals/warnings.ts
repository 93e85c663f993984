/**
 * Orca's low-sample warning on a judge result.
 *
 * Reference: `spinnaker/orca:orca-kayenta/src/main/kotlin/com/netflix/spinnaker/orca/kayenta/tasks/MonitorKayentaCanaryTask.kt`
 * (spinnaker/kayenta#283, spinnaker/deck-kayenta#314); `docs/design/kayenta-judge.md` §11.3.
 */

/** A control series with fewer points than this (after transforms) triggers the warning. */
export const LOW_SAMPLE_THRESHOLD = 50;

/** Orca's warning text (exact). */
export const LOW_SAMPLE_WARNING =
  'One of the metrics returned fewer than 50 data points, which can reduce confidence in the final canary score.';

/** The part of a metric result the rule reads (`CanaryAnalysisResult.controlMetadata.stats.count`). */
export interface ControlCountCarrier {
  controlMetadata: { stats: { count: number } };
}

/**
 * Orca's low-sample warning for one judge result: returned when any metric result (muted ones included, as Orca
 * iterates all results) has a control `stats.count` below {@link LOW_SAMPLE_THRESHOLD}. Orca skips the check for
 * Datadog metrics accounts; Canary Judge has no such accounts and always checks.
 *
 * @param results - the judge result's `results`
 * @returns {@link LOW_SAMPLE_WARNING}, or null when every control series has at least 50 points (or no results)
 * @example lowSampleWarning([{ controlMetadata: { stats: { count: 10 } } }]) // LOW_SAMPLE_WARNING
 */
export function lowSampleWarning(results: readonly ControlCountCarrier[]): string | null {
  return results.some((r) => r.controlMetadata.stats.count < LOW_SAMPLE_THRESHOLD) ? LOW_SAMPLE_WARNING : null;
}
