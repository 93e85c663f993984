/**
 * CloudWatch `GetMetricData` queries from a metric's query config. Kayenta has no CloudWatch store; the shape follows
 * what Argo Rollouts and Flagger users write (the AWS `MetricDataQuery` structure, with `${…}` placeholders), plus a
 * short form for the common case of one metric:
 *
 * - Short form: `{type: "cloudwatch", namespace, metricName, dimensions: [{name, value}], stat, unit}` → one
 *   `MetricStat` query (`Id` `m1`), e.g. namespace `AWS/ApplicationELB`, metricName `TargetResponseTime`,
 *   dimensions `[{name: "TargetGroup", value: "${scope}"}]`, stat `p99` (default `Average`).
 * - Full form: `{type: "cloudwatch", metricDataQueries: [ …AWS MetricDataQuery objects… ]}` — metric math
 *   (`Expression`) included; only queries with `ReturnData` not `false` become series.
 *
 * `Period` is the judgment's step (rounded up to a multiple of 60 s, CloudWatch's resolution for standard metrics)
 * unless the query sets it. Every string value may use `${scope}`, `${location}`, `${side}`, `${metricName}` and the
 * judgment's `extendedScopeParams` keys. Reference: AWS CloudWatch API Reference, `GetMetricData` and
 * `MetricDataQuery`.
 */
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { expandTemplate, placeholdersOf } from './template';

/** The statistics CloudWatch accepts in `MetricStat.Stat` besides percentiles (`p99`, `p99.9`, `tm90`, …). */
export const CLOUDWATCH_STATS = ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'] as const;

const STAT = /^(Average|Sum|Minimum|Maximum|SampleCount|(p|tm|wm|tc|ts|pr)\d{1,2}(\.\d+)?|(TM|WM|TC|TS|PR)\(.+\))$/;

/** A query-config mistake: `field` is the path inside `query` (e.g. `dimensions[0].value`). */
export class CloudWatchQueryError extends Error {
  /** @param field path inside the query config; @param rule what is wrong */
  constructor(
    readonly field: string,
    rule: string,
  ) {
    super(`query.${field}: ${rule}`);
    this.name = 'CloudWatchQueryError';
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every string inside a value, with its path (for placeholder checks and expansion). */
function strings(v: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (isObject(v)) for (const [k, x] of Object.entries(v)) strings(x, path ? `${path}.${k}` : k, out);
  return out;
}

function expandAll(v: unknown, values: Record<string, string>): unknown {
  if (typeof v === 'string') return expandTemplate(v, values, (s) => s);
  if (Array.isArray(v)) return v.map((x) => expandAll(x, values));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandAll(x, values)]));
  return v;
}

function shortForm(q: Record<string, unknown>): MetricDataQuery[] {
  const namespace = q['namespace'];
  const metricName = q['metricName'];
  if (typeof namespace !== 'string' || namespace.trim() === '') {
    throw new CloudWatchQueryError('namespace', 'is required (e.g. "AWS/ApplicationELB"), or give metricDataQueries');
  }
  if (typeof metricName !== 'string' || metricName.trim() === '') {
    throw new CloudWatchQueryError('metricName', 'is required (e.g. "TargetResponseTime")');
  }
  const dims = q['dimensions'] ?? [];
  if (!Array.isArray(dims)) throw new CloudWatchQueryError('dimensions', 'must be a list of {name, value}');
  const dimensions = dims.map((d: unknown, i) => {
    if (!isObject(d) || typeof d['name'] !== 'string' || typeof d['value'] !== 'string') {
      throw new CloudWatchQueryError(`dimensions[${i}]`, 'must be {name: string, value: string}');
    }
    return { Name: d['name'], Value: d['value'] };
  });
  const stat = q['stat'] ?? 'Average';
  if (typeof stat !== 'string' || !STAT.test(stat)) {
    throw new CloudWatchQueryError('stat', `must be one of ${CLOUDWATCH_STATS.join(', ')} or a percentile like p99`);
  }
  const unit = q['unit'];
  if (unit !== undefined && typeof unit !== 'string') throw new CloudWatchQueryError('unit', 'must be a string');
  return [
    {
      Id: 'm1',
      MetricStat: {
        Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions },
        Period: undefined,
        Stat: stat,
        ...(unit ? { Unit: unit as never } : {}),
      },
      ReturnData: true,
    },
  ];
}

function fullForm(list: unknown): MetricDataQuery[] {
  if (!Array.isArray(list) || list.length === 0) {
    throw new CloudWatchQueryError('metricDataQueries', 'must be a non-empty list of MetricDataQuery objects');
  }
  if (list.length > 500) throw new CloudWatchQueryError('metricDataQueries', 'may hold at most 500 queries');
  const ids = new Set<string>();
  return list.map((item: unknown, i) => {
    const at = `metricDataQueries[${i}]`;
    if (!isObject(item)) throw new CloudWatchQueryError(at, 'must be a MetricDataQuery object');
    const id = item['Id'];
    if (typeof id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(id)) {
      throw new CloudWatchQueryError(`${at}.Id`, 'must start with a lower-case letter, then letters, digits or _');
    }
    if (ids.has(id)) throw new CloudWatchQueryError(`${at}.Id`, `"${id}" is used twice`);
    ids.add(id);
    const hasStat = isObject(item['MetricStat']);
    const hasExpr = typeof item['Expression'] === 'string';
    if (hasStat === hasExpr) throw new CloudWatchQueryError(at, 'needs exactly one of MetricStat and Expression');
    return item as unknown as MetricDataQuery;
  });
}

/**
 * The unexpanded `MetricDataQuery` list of a query config.
 * @param query the metric's `query`
 * @throws CloudWatchQueryError naming the field
 */
export function cloudWatchQueries(query: Record<string, unknown>): MetricDataQuery[] {
  return query['metricDataQueries'] !== undefined ? fullForm(query['metricDataQueries']) : shortForm(query);
}

/**
 * Checks a query config and, given the known placeholder names, every `${…}` in it.
 * @param query the metric's `query`
 * @param known placeholder names the judgment supplies (absent: not checked)
 * @throws CloudWatchQueryError naming the field
 */
export function checkCloudWatchQuery(query: Record<string, unknown>, known?: ReadonlySet<string>): void {
  const queries = cloudWatchQueries(query);
  if (!known) return;
  const where = query['metricDataQueries'] !== undefined ? 'metricDataQueries' : '';
  for (const [path, text] of strings(where ? queries : query, where, [])) {
    const unknown = placeholdersOf(text).find((p) => !known.has(p));
    if (unknown !== undefined) {
      throw new CloudWatchQueryError(path, `uses the placeholder \${${unknown}}, which has no value`);
    }
  }
}

/**
 * The `MetricDataQueries` of one fetch: placeholders expanded, `Period` set to the step (a multiple of 60 s) where the
 * query does not set it.
 * @param query the metric's `query`
 * @param values placeholder values
 * @param stepSeconds the judgment's step
 * @throws CloudWatchQueryError for a bad config; Error naming an unknown placeholder
 */
export function buildCloudWatchQueries(
  query: Record<string, unknown>,
  values: Record<string, string>,
  stepSeconds: number,
): MetricDataQuery[] {
  const period = Math.max(60, Math.ceil(stepSeconds / 60) * 60);
  return cloudWatchQueries(query).map((q) => {
    const expanded = expandAll(q, values) as MetricDataQuery;
    if (expanded.MetricStat)
      expanded.MetricStat = { ...expanded.MetricStat, Period: expanded.MetricStat.Period ?? period };
    else if (expanded.Expression !== undefined && expanded.Period === undefined) expanded.Period = period;
    return expanded;
  });
}
