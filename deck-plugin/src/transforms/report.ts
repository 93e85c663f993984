/**
 * The judge's report (`GET /v1/judgments/{key}/report`, `orca-stage-spec/src/contract/schemas.ts`
 * `judgmentReportSchema`) as the results view reads it, and a tolerant reader that turns unknown JSON into it.
 * Wire numbers (`"NaN"`) become `NaN`; malformed parts are dropped rather than crashing the view.
 */
import type { CanaryJudgeResult, Judgment, JudgmentRequest, WireNumber } from '@canary-judge/shared';

/** One side's series: epoch-ms timestamps and values (NaN = missing point). */
export interface ReportSeries {
  timestamps: number[];
  values: number[];
}

/** One interval of the report. Windows are ISO-8601 instants. */
export interface ReportInterval {
  index: number;
  state: 'PENDING' | 'CLAIMED' | 'DONE' | 'FAILED';
  experimentWindow: { start: string; end: string };
  controlWindow: { start: string; end: string };
  completedAt: string | null;
  score: number | null;
  outcome: 'PASS' | 'MARGINAL' | 'FAIL' | null;
  warnings: string[];
  error: { code?: string; message?: string } | null;
  result: CanaryJudgeResult | null;
  series: Record<string, { control?: ReportSeries; experiment?: ReportSeries }>;
}

/** The whole report. */
export interface JudgmentReport {
  judgment: Judgment;
  request: JudgmentRequest;
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

function readInterval(v: unknown, i: number): ReportInterval {
  const r = rec(v);
  const series: ReportInterval['series'] = {};
  for (const [name, pair] of Object.entries(rec(r['series']))) {
    const p = rec(pair);
    const control = readSeries(p['control']);
    const experiment = readSeries(p['experiment']);
    series[name] = { ...(control ? { control } : {}), ...(experiment ? { experiment } : {}) };
  }
  const result = rec(r['result']);
  const state = r['state'];
  const outcome = r['outcome'];
  return {
    index: typeof r['index'] === 'number' ? r['index'] : i + 1,
    state: state === 'PENDING' || state === 'CLAIMED' || state === 'FAILED' ? state : 'DONE',
    experimentWindow: window(r['experimentWindow']),
    controlWindow: window(r['controlWindow']),
    completedAt: typeof r['completedAt'] === 'string' ? r['completedAt'] : null,
    score: typeof r['score'] === 'number' ? r['score'] : null,
    outcome: outcome === 'PASS' || outcome === 'MARGINAL' || outcome === 'FAIL' ? outcome : null,
    warnings: Array.isArray(r['warnings']) ? (r['warnings'] as unknown[]).filter((w) => typeof w === 'string') : [],
    error: r['error'] && typeof r['error'] === 'object' ? (r['error'] as ReportInterval['error']) : null,
    result: Array.isArray(result['results']) ? (result as unknown as CanaryJudgeResult) : null,
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
