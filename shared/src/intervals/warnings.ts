/**
 * Orca's low-sample warning on a judge result, and the list of a judgment's warnings with each warning once.
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

/** The prefix the service gives a warning about one interval (`interval 3: metric cpu (canary …): …`). */
const INTERVAL_PREFIX = /^interval (\d+): /;

/** Interval numbers as a short range list: `interval 2`, `intervals 1–3`, `intervals 1–3, 5`. */
function intervalList(indexes: readonly number[]): string {
  const sorted = [...indexes].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return `${sorted.length === 1 ? 'interval' : 'intervals'} ${parts.join(', ')}`;
}

/**
 * A judgment's warnings with each warning once: identical texts are kept once, and the same warning about several
 * intervals (`interval 1: X`, `interval 2: X`) becomes one entry naming them (`X (intervals 1–2)`), in the order each
 * first appears. A metric that returns no series for a whole live analysis is then one line, not one per interval.
 *
 * @param warnings the judgment's warnings, then its intervals' (texts as the service writes them)
 * @returns the merged list
 * @example mergeWarnings(['interval 1: cpu: no series', 'interval 2: cpu: no series', 'x', 'x'])
 * // ['cpu: no series (intervals 1–2)', 'x']
 */
export function mergeWarnings(warnings: readonly string[]): string[] {
  const intervals = new Map<string, number[]>();
  for (const w of warnings) {
    const m = INTERVAL_PREFIX.exec(w);
    const text = m ? w.slice(m[0].length) : w;
    const list = intervals.get(text) ?? [];
    if (!intervals.has(text)) intervals.set(text, list);
    const index = m ? Number(m[1]) : undefined;
    if (index !== undefined && !list.includes(index)) list.push(index);
  }
  return [...intervals].map(([text, list]) => (list.length === 0 ? text : `${text} (${intervalList(list)})`));
}
