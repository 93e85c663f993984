/** Report and stage fixtures for tests (not shipped). Numbers are illustrative, shaped like the judge's output. */
import type { CanaryJudgeResult, Judgment, MetricJudgeDetail } from '@canary-judge/shared';
import { criticalHighResult, mannWhitneyDetail, metricResult } from '@canary-judge/shared/testing';
import { readReport, type JudgmentReport } from '../transforms/report';

/**
 * A judge detail from a plain object. Cast on purpose: the detail type in `shared/` is still growing fields the
 * plugin does not read, and fixtures should not break on each addition.
 */
export function judgeDetail(d: Record<string, unknown>): MetricJudgeDetail {
  return d as unknown as MetricJudgeDetail;
}

/** A metric result with defaults (a Pass of a latency metric); `patch` overrides any field. */
export { metricResult };

/** A FAIL result: critical p99 latency High, error-rate Pass, cpu Nodata (canary empty). */
export function failResult(): CanaryJudgeResult {
  return {
    judgeName: 'NetflixACAJudge-v1.0',
    results: [
      metricResult({
        name: 'cpu',
        groups: ['latency'],
        classification: 'Nodata',
        experimentMetadata: { stats: { count: 0, mean: 'NaN', min: 'NaN', max: 'NaN', std: 'NaN' } },
        resultMetadata: { ratio: 'NaN' },
      }),
      metricResult({ name: 'error-rate', groups: ['errors'], resultMetadata: { ratio: 0.98 } }),
      criticalHighResult({
        name: 'p99-latency',
        resultMetadata: { ratio: 1.4 },
        canaryJudge: mannWhitneyDetail(
          {
            ciLower: 30,
            ciUpper: 50,
            estimate: 40,
            lowerBound: -10,
            upperBound: 10,
            effectSize: 1.4,
            explanation: 'p99-latency is High: canary − baseline shift 40 (98% CI 30 to 50) is above +10.',
          },
          { significance: 'increase', outlierFactor: 3 },
        ),
      }),
    ],
    groupScores: [
      { name: 'latency', score: 0, classification: '', classificationReason: '' },
      { name: 'errors', score: 100, classification: '', classificationReason: '' },
    ],
    score: {
      score: 0,
      classification: 'Fail',
      classificationReason: 'Canary Failed: The metric p99-latency was classified as High (Critical)',
    },
  };
}

/** A judgment resource with defaults. */
export function judgment(patch: Partial<Judgment> = {}): Judgment {
  return {
    apiVersion: 'canary-judge/v1',
    judgmentKey: 'exec1-stage1-1700000000000',
    status: 'TERMINAL',
    message: 'FAIL: score 0 (pass at 75). Report: http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000/report',
    phase: 'DONE',
    verdict: 'FAIL',
    score: 0,
    intervalScores: [80, 0],
    intervalsPlanned: 3,
    thresholds: { pass: 75, marginal: 50 },
    warnings: [],
    error: null,
    statusUrl: 'http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000',
    reportUrl: 'http://127.0.0.1:8080/v1/judgments/exec1-stage1-1700000000000/report',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:20:00Z',
    completedAt: '2026-01-01T00:20:00Z',
    ...patch,
  };
}

const T0 = Date.parse('2026-01-01T00:00:00Z');

function series(startMs: number, values: number[]): { timestamps: number[]; values: Array<number | 'NaN'> } {
  return {
    timestamps: values.map((_, i) => startMs + i * 60_000),
    values: values.map((v) => (Number.isNaN(v) ? 'NaN' : v)),
  };
}

/** A report body as the service sends it (wire numbers), two intervals, FAIL in the second. */
export function reportBody(): Record<string, unknown> {
  const win = (i: number) => ({
    start: new Date(T0).toISOString(),
    end: new Date(T0 + i * 10 * 60_000).toISOString(),
  });
  // A finished interval's index, state, windows and times (its score, outcome and result follow).
  const done = (i: number) => ({
    index: i,
    state: 'DONE',
    experimentWindow: win(i),
    controlWindow: win(i),
    dueAt: win(i).end,
    completedAt: win(i).end,
  });
  return {
    apiVersion: 'canary-judge/v1',
    judgment: judgment(),
    request: {
      apiVersion: 'canary-judge/v1',
      metricSource: 'demo',
      canaryConfig: {
        metrics: [
          {
            name: 'p99-latency',
            groups: ['latency'],
            query: { series: 'latency' },
            analysisConfigurations: { canary: { direction: 'increase', critical: true } },
          },
          { name: 'error-rate', groups: ['errors'], query: { series: 'errors' } },
          { name: 'cpu', groups: ['latency'], query: { series: 'cpu' } },
        ],
        classifier: { groupWeights: { latency: 60, errors: 40 } },
      },
      scopes: { controlScope: 'base', experimentScope: 'canary' },
      timing: { lifetimeMinutes: 30, intervalMinutes: 10 },
      thresholds: { pass: 75, marginal: 50 },
    },
    intervals: [
      {
        ...done(1),
        score: 80,
        outcome: 'PASS',
        warnings: [],
        error: null,
        result: { ...failResult(), score: { score: 80, classification: 'Pass', classificationReason: '' } },
        series: {},
      },
      {
        ...done(2),
        score: 0,
        outcome: 'FAIL',
        warnings: ['cpu: canary returned no points'],
        error: null,
        result: failResult(),
        series: {
          'p99-latency': { control: series(T0, [100, 101, NaN, 99]), experiment: series(T0, [140, 141, 139, 142]) },
          cpu: { control: series(T0, [50, 51]), experiment: { timestamps: [], values: [] } },
        },
      },
      { index: 3, state: 'PENDING', experimentWindow: win(3), controlWindow: win(3), dueAt: win(3).end },
    ],
  };
}

const WHAT_IF_T0 = Date.parse('2026-01-01T00:00:00Z');

/**
 * A one-minute-step series of `n` points around `base` with a deterministic wiggle (0, 1, 2, 0, 1, 2, …), so it is
 * never constant.
 * @param base the level of the series
 * @param n number of points (default 30)
 * @returns timestamps (epoch ms from 2026-01-01T00:00Z) and values
 */
export function wiggleSeries(base: number, n = 30): { timestamps: number[]; values: number[] } {
  return {
    timestamps: Array.from({ length: n }, (_, i) => WHAT_IF_T0 + i * 60_000),
    values: Array.from({ length: n }, (_, i) => base + (i % 3)),
  };
}

/**
 * The {@link reportBody} report with series on interval 2 for re-scoring: canary p99 latency clearly higher (140 vs
 * 100), error rates equal, and cpu either equal or without canary data.
 * @param cpuCanary `'same'` for an equal cpu series, `'missing'` for an empty canary side
 * @returns the read report
 */
export function whatIfReport(cpuCanary: 'same' | 'missing'): JudgmentReport {
  const r = readReport(reportBody());
  r.intervals[1]!.series = {
    'p99-latency': { control: wiggleSeries(100), experiment: wiggleSeries(140) },
    'error-rate': { control: wiggleSeries(5), experiment: wiggleSeries(5) },
    cpu: {
      control: wiggleSeries(50),
      experiment: cpuCanary === 'same' ? wiggleSeries(50) : { timestamps: [], values: [] },
    },
  };
  return r;
}
