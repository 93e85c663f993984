/**
 * What one collapsed row of the config panel's metric table shows, and the group weights beside the table: a
 * one-line query summary, the number of problems under a metric, and each group's weight with the running sum of
 * the weights down the list (so a pipeline author sees where the 100 % goes). Pure.
 */
import type { MetricForm } from './stageJson';
import { parseNumberText } from './stageJson';
import type { ValidationIssue } from './validation';

/** Longest query summary, characters, before it is cut with "…" (the full text is the cell's title). */
export const QUERY_SUMMARY_MAX = 60;

/**
 * A one-line summary of a metric's query: the PromQL / demo series text, else the per-source query config as
 * `key=value` pairs (without `type`), whitespace collapsed and cut at `max` characters.
 *
 * @param metric the metric row of the form
 * @param stored the metric's stored query config (used when the form holds no per-source query)
 * @param max longest summary, characters (≥ 2)
 * @returns the summary, `full` (uncut, for a title) and '' when there is no query at all
 * @example querySummary({ ...emptyMetric(), query: 'sum(rate(x[1m]))' }) // { text: 'sum(rate(x[1m]))', full: … }
 */
export function querySummary(
  metric: Pick<MetricForm, 'query' | 'sourceQuery'>,
  stored?: Readonly<Record<string, unknown>>,
  max = QUERY_SUMMARY_MAX,
): { text: string; full: string } {
  let full = metric.query.trim();
  if (full === '') {
    const q = metric.sourceQuery ?? stored ?? {};
    full = Object.entries(q)
      .filter(([k, v]) => k !== 'type' && v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(', ');
  }
  full = full.replace(/\s+/g, ' ');
  const text = full.length > max ? `${full.slice(0, max - 1)}…` : full;
  return { text, full };
}

/**
 * How many validation problems lie under one metric (shown on its collapsed row).
 *
 * @param issues every issue of the stage
 * @param index the metric's position
 * @returns the count of issues whose path starts with `payload.canaryConfig.metrics[index]`
 */
export function metricProblemCount(issues: readonly ValidationIssue[], index: number): number {
  const prefix = `payload.canaryConfig.metrics[${index}]`;
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}.`)).length;
}

/** One group beside the metric table: its weight text, how many metrics use it, and the running sum so far. */
export interface GroupWeightRow {
  group: string;
  weight: string;
  metrics: number;
  /** Sum of the weights that parse, from the first group to this one (percent). */
  running: number;
}

/**
 * The group weights in the panel's order with the metric count per group and the running sum.
 *
 * @param groupWeights the form's weights (one per group, in first-use order)
 * @param metrics the form's metrics (their `group`, trimmed, is counted)
 * @returns one row per weight; a weight that does not parse adds 0 to the running sum
 * @example groupWeightRows([{ group: 'a', weight: '60' }, { group: 'b', weight: '40' }], metrics)
 *          // running 60, then 100
 */
export function groupWeightRows(
  groupWeights: ReadonlyArray<{ group: string; weight: string }>,
  metrics: ReadonlyArray<Pick<MetricForm, 'group'>>,
): GroupWeightRow[] {
  let running = 0;
  return groupWeights.map((w) => {
    const v = parseNumberText(w.weight);
    running += typeof v === 'number' && Number.isFinite(v) ? v : 0;
    return {
      group: w.group,
      weight: w.weight,
      metrics: metrics.filter((m) => m.group.trim() === w.group).length,
      running: Number(running.toPrecision(12)),
    };
  });
}
