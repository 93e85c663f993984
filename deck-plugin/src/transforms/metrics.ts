/**
 * Metric rows for the results table: sort order (failures and critical first), classification counts and filters,
 * deviation text, an explanation line and no-data messages that name the missing side.
 */
import type { CanaryAnalysisResult, Direction, MetricClassification } from '@canary-judge/shared';
import { wireToNumber } from './report';
import { CLASSIFICATION_STYLE, isFailing } from './status';

/** Every classification, in the order filters list them. */
export const CLASSIFICATIONS: readonly MetricClassification[] = [
  'High',
  'Low',
  'NodataFailMetric',
  'Error',
  'Nodata',
  'Pass',
];

/**
 * True when a result fails the whole canary or lowers its score: High, Low, NodataFailMetric, Error, or any
 * non-Pass critical result (a critical Nodata fails the canary too, `docs/design/kayenta-judge.md` §9 item 3).
 */
export function failsCanary(r: Pick<CanaryAnalysisResult, 'classification' | 'critical'>): boolean {
  return isFailing(r.classification) || (r.critical && r.classification !== 'Pass');
}

/**
 * Sort rank of a result: critical non-passes (they fail the canary), then failures, then errors, then no data, then
 * passes; muted results sink to the bottom of their rank. Lower sorts first.
 */
export function sortRank(r: Pick<CanaryAnalysisResult, 'classification' | 'critical' | 'muted'>): number {
  const base =
    r.critical && r.classification !== 'Pass'
      ? 0
      : r.classification === 'High' || r.classification === 'Low' || r.classification === 'NodataFailMetric'
        ? 1
        : r.classification === 'Error'
          ? 2
          : r.classification === 'Nodata'
            ? 3
            : 4;
  return base * 2 + (r.muted ? 1 : 0);
}

/** Size of a result's deviation, |canary mean / baseline mean − 1| (0 when unknown), for ordering within a rank. */
export function deviationSize(r: Pick<CanaryAnalysisResult, 'resultMetadata'>): number {
  const ratio = wireToNumber(r.resultMetadata?.ratio);
  return Number.isFinite(ratio) ? Math.abs(ratio - 1) : 0;
}

/**
 * Results sorted by {@link sortRank}, then by deviation size (largest change first, so the worst of 300 failing
 * metrics is on top), then by name (stable, does not mutate the input).
 */
export function sortResults<
  T extends Pick<CanaryAnalysisResult, 'classification' | 'critical' | 'muted' | 'name' | 'resultMetadata'>,
>(results: readonly T[]): T[] {
  return [...results].sort(
    (a, b) => sortRank(a) - sortRank(b) || deviationSize(b) - deviationSize(a) || a.name.localeCompare(b.name),
  );
}

/** Count of results per classification (all six keys present, zeros included). */
export function classificationCounts(
  results: readonly Pick<CanaryAnalysisResult, 'classification'>[],
): Record<MetricClassification, number> {
  const counts: Record<MetricClassification, number> = {
    Pass: 0,
    High: 0,
    Low: 0,
    Nodata: 0,
    NodataFailMetric: 0,
    Error: 0,
  };
  for (const r of results) counts[r.classification] += 1;
  return counts;
}

/**
 * Filters results by classification and group. An empty `classifications` set means "all"; `group` null means
 * every group.
 */
export function filterResults<T extends Pick<CanaryAnalysisResult, 'classification' | 'groups'>>(
  results: readonly T[],
  classifications: ReadonlySet<MetricClassification>,
  group: string | null,
): T[] {
  return results.filter(
    (r) =>
      (classifications.size === 0 || classifications.has(r.classification)) &&
      (group === null || r.groups.includes(group)),
  );
}

/**
 * The deviation (canary mean / baseline mean, Kayenta's `resultMetadata.ratio`) as a signed percent, e.g. 1.25 →
 * "+25.0%", 0.9 → "−10.0%", 1 → "0.0%"; "N/A" when absent or not finite (Kayenta shows the same) and for
 * no-data results.
 */
export function deviationText(
  r: Pick<CanaryAnalysisResult, 'resultMetadata'> & { classification?: MetricClassification },
): string {
  // Kayenta reports ratio 1 for a metric without data; showing "0.0%" there would read as "no change".
  if (r.classification === 'Nodata' || r.classification === 'NodataFailMetric') return 'N/A';
  const ratio = wireToNumber(r.resultMetadata?.ratio);
  if (!Number.isFinite(ratio)) return 'N/A';
  const pct = (ratio - 1) * 100;
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return '0.0%';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded).toFixed(1)}%`;
}

/**
 * Which side lacks data, from the transformed sample counts (`stats.count`): a message naming the missing side,
 * or null when both sides have data. Used for Nodata/NodataFailMetric rows and for empty charts.
 */
export function noDataMessage(
  r: Pick<CanaryAnalysisResult, 'controlMetadata' | 'experimentMetadata' | 'canaryJudge'>,
): string | null {
  const control = r.controlMetadata?.stats?.count ?? 0;
  const experiment = r.experimentMetadata?.stats?.count ?? 0;
  const samples = r.canaryJudge?.samples;
  const why = (side: 'control' | 'experiment'): string => {
    const s = samples?.[side];
    if (!s || s.raw === 0) return 'returned no points';
    return `had ${s.raw} points, all removed (${s.nanRemoved} NaN, ${s.outliersRemoved} outliers)`;
  };
  if (control === 0 && experiment === 0) {
    return `No data on either side: baseline ${why('control')}, canary ${why('experiment')}.`;
  }
  if (control === 0) return `No baseline data: the baseline ${why('control')}.`;
  if (experiment === 0) return `No canary data: the canary ${why('experiment')}.`;
  return null;
}

/**
 * One readable line explaining a metric's classification: the judge's own explanation when it sent one
 * (`canaryJudge.explanation`), else a line built from the classification, reason, deviation and no-data side.
 */
export function explanationLine(r: CanaryAnalysisResult): string {
  const judge = r.canaryJudge?.explanation;
  if (judge) return judge;
  const label = CLASSIFICATION_STYLE[r.classification].label;
  const parts = [`${r.name}: ${label}`];
  if (r.critical && isFailing(r.classification)) parts[0] += ' (critical: fails the whole canary)';
  if (r.classification === 'Nodata' || r.classification === 'NodataFailMetric') {
    const nd = noDataMessage(r);
    if (nd) parts.push(nd);
  } else if (r.classification !== 'Error') {
    parts.push(`canary mean is ${deviationText(r)} vs baseline`);
  }
  if (r.classificationReason) parts.push(r.classificationReason);
  if (r.muted) parts.push('muted: not counted in the score');
  return parts.join('. ').replace(/\.\./g, '.');
}

/** Distinct group names of the results, sorted. */
export function groupsOf(results: readonly Pick<CanaryAnalysisResult, 'groups'>[]): string[] {
  return [...new Set(results.flatMap((r) => r.groups))].sort();
}

/** Below this many points on a side, a result is marked low-confidence (Orca's and Kayenta's 50-point warning). */
export const LOW_SAMPLE_COUNT = 50;

/**
 * A "few samples" note when either side has fewer than {@link LOW_SAMPLE_COUNT} points (but some), e.g.
 * "few samples: baseline 12, canary 14"; null otherwise (no-data results have their own message).
 */
export function lowSampleNote(r: Pick<CanaryAnalysisResult, 'controlMetadata' | 'experimentMetadata'>): string | null {
  const c = r.controlMetadata?.stats?.count ?? 0;
  const e = r.experimentMetadata?.stats?.count ?? 0;
  if (c === 0 || e === 0) return null;
  return c < LOW_SAMPLE_COUNT || e < LOW_SAMPLE_COUNT ? `few samples: baseline ${c}, canary ${e}` : null;
}

/** Arrow and words for a metric's direction: ↑ fails on increase, ↓ on decrease, ↕ either way. */
export const DIRECTION_TEXT: Record<Direction, { icon: string; label: string }> = {
  increase: { icon: '↑', label: 'fails on increase' },
  decrease: { icon: '↓', label: 'fails on decrease' },
  either: { icon: '↕', label: 'fails on increase or decrease' },
};
