/**
 * The judge's report (`GET /v1/judgments/{key}/report`; its shape is the scoring library's `JudgmentReport`,
 * `shared/src/contract/report.ts`, which the service writes) as the results view reads it, and a tolerant reader
 * that turns unknown JSON into it. Wire numbers (`"NaN"`) become `NaN`; malformed parts are dropped rather than
 * crashing the view, so the read form relaxes the contract only where a part may be missing.
 */
import type {
  CanaryAnalysisResult,
  CanaryJudgeResult,
  Judgment,
  JudgmentRequest,
  MetricClassification,
  SeriesStats,
  WireNumber,
  JudgmentReport as WireJudgmentReport,
  ReportInterval as WireReportInterval,
  ReportSeries as WireReportSeries,
} from '@canary-judge/shared';

/** One side's series as read: epoch-ms timestamps and values (NaN = missing point). */
export type ReportSeries = WireReportSeries<number>;

/**
 * One interval of the report as read: the contract's interval with numbers for series values, minus the field the
 * view does not use (`attempts`); `dueAt` may be missing, an error's parts and a metric's sides too, and an interval
 * not yet judged has no series (`{}`).
 */
export interface ReportInterval extends Omit<WireReportInterval<number>, 'dueAt' | 'attempts' | 'error' | 'series'> {
  /** When the interval is (or was) due, ISO-8601; absent when the report did not say. */
  dueAt?: string;
  error: Partial<NonNullable<WireReportInterval['error']>> | null;
  series: Record<string, { control?: ReportSeries; experiment?: ReportSeries }>;
}

/** The whole report as read (the contract's, without `apiVersion`). */
export interface JudgmentReport extends Omit<WireJudgmentReport<number>, 'apiVersion' | 'intervals'> {
  intervals: ReportInterval[];
}

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A wire number (`"NaN"` or number) as a JS number; anything else is NaN. */
export function wireToNumber(v: WireNumber | unknown): number {
  return typeof v === 'number' ? v : NaN;
}

function readSeries(v: unknown): ReportSeries | undefined {
  const r = rec(v);
  if (!Array.isArray(r['timestamps']) || !Array.isArray(r['values'])) return undefined;
  const timestamps = (r['timestamps'] as unknown[]).map(wireToNumber);
  const values = (r['values'] as unknown[]).map(wireToNumber);
  const n = Math.min(timestamps.length, values.length);
  return { timestamps: timestamps.slice(0, n), values: values.slice(0, n) };
}

function window(v: unknown): { start: string; end: string } {
  const r = rec(v);
  return { start: typeof r['start'] === 'string' ? r['start'] : '', end: typeof r['end'] === 'string' ? r['end'] : '' };
}

const CLASSES: readonly MetricClassification[] = ['Pass', 'High', 'Low', 'Nodata', 'NodataFailMetric', 'Error'];

function readStats(v: unknown): { stats: SeriesStats } {
  const st = rec(rec(v)['stats']);
  const num = (x: unknown): WireNumber => (typeof x === 'number' ? x : 'NaN');
  return {
    stats: {
      count: typeof st['count'] === 'number' ? st['count'] : 0,
      mean: num(st['mean']),
      min: num(st['min']),
      max: num(st['max']),
      std: num(st['std']),
    },
  };
}

/**
 * One metric result with every field the view reads present: missing groups become [], an unknown classification
 * becomes Error, missing stats become count 0 (Deck's Kayenta report crashed on missing metadata,
 * spinnaker/spinnaker#4389). Unknown extra fields are kept.
 */
export function readMetricResult(v: unknown, i: number): CanaryAnalysisResult {
  const r = rec(v);
  const classification = CLASSES.find((c) => c === r['classification']) ?? 'Error';
  return {
    ...(r as unknown as CanaryAnalysisResult),
    name: typeof r['name'] === 'string' ? r['name'] : `metric ${i + 1}`,
    tags: rec(r['tags']) as Record<string, string>,
    classification,
    groups: Array.isArray(r['groups'])
      ? (r['groups'] as unknown[]).filter((g): g is string => typeof g === 'string')
      : [],
    experimentMetadata: readStats(r['experimentMetadata']),
    controlMetadata: readStats(r['controlMetadata']),
    critical: r['critical'] === true,
    muted: r['muted'] === true,
  };
}

/** A judge result with its lists present and each metric result completed ({@link readMetricResult}); null if absent. */
export function readJudgeResult(v: unknown): CanaryJudgeResult | null {
  const r = rec(v);
  if (!Array.isArray(r['results'])) return null;
  const score = rec(r['score']);
  const scoreValue = typeof score['score'] === 'number' ? score['score'] : NaN;
  const cls = score['classification'];
  return {
    ...(r as unknown as CanaryJudgeResult),
    results: (r['results'] as unknown[]).map(readMetricResult),
    groupScores: Array.isArray(r['groupScores'])
      ? (r['groupScores'] as unknown[])
          .map((g) => rec(g))
          .filter((g) => typeof g['name'] === 'string' && typeof g['score'] === 'number')
          .map((g) => g as unknown as CanaryJudgeResult['groupScores'][number])
      : [],
    score: {
      score: scoreValue,
      classification: cls === 'Pass' || cls === 'Marginal' || cls === 'Fail' ? cls : 'Fail',
      classificationReason: typeof score['classificationReason'] === 'string' ? score['classificationReason'] : '',
    },
  };
}

function readInterval(v: unknown, i: number): ReportInterval {
  const r = rec(v);
  const series: ReportInterval['series'] = {};
  for (const [name, pair] of Object.entries(rec(r['series']))) {
    const p = rec(pair);
    const control = readSeries(p['control']);
    const experiment = readSeries(p['experiment']);
    series[name] = { ...(control ? { control } : {}), ...(experiment ? { experiment } : {}) };
  }
  const state = r['state'];
  const outcome = r['outcome'];
  return {
    index: typeof r['index'] === 'number' ? r['index'] : i + 1,
    state: state === 'PENDING' || state === 'CLAIMED' || state === 'FAILED' ? state : 'DONE',
    experimentWindow: window(r['experimentWindow']),
    controlWindow: window(r['controlWindow']),
    ...(typeof r['dueAt'] === 'string' ? { dueAt: r['dueAt'] } : {}),
    completedAt: typeof r['completedAt'] === 'string' ? r['completedAt'] : null,
    score: typeof r['score'] === 'number' ? r['score'] : null,
    outcome: outcome === 'PASS' || outcome === 'MARGINAL' || outcome === 'FAIL' ? outcome : null,
    warnings: Array.isArray(r['warnings']) ? (r['warnings'] as unknown[]).filter((w) => typeof w === 'string') : [],
    error: r['error'] && typeof r['error'] === 'object' ? (r['error'] as ReportInterval['error']) : null,
    result: readJudgeResult(r['result']),
    series,
  };
}

/**
 * Reads a report from parsed JSON.
 * @throws Error naming the missing field when the body is not a report at all (no `judgment` or `intervals`)
 */
export function readReport(body: unknown): JudgmentReport {
  const r = rec(body);
  if (!r['judgment'] || typeof r['judgment'] !== 'object') throw new Error('report: field "judgment" is missing');
  if (!Array.isArray(r['intervals'])) throw new Error('report: field "intervals" is missing or not an array');
  return {
    judgment: r['judgment'] as Judgment,
    request: rec(r['request']) as unknown as JudgmentRequest,
    intervals: (r['intervals'] as unknown[]).map(readInterval),
  };
}

/** The last interval that has a judge result (the one the verdict comes from), or null. */
export function latestJudgedInterval(report: JudgmentReport): ReportInterval | null {
  for (let i = report.intervals.length - 1; i >= 0; i--) {
    const it = report.intervals[i];
    if (it && it.result) return it;
  }
  return null;
}
