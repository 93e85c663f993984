/**
 * The judge service against a real Prometheus: historical baseline and canary series are loaded as TSDB blocks,
 * and retrospective judgments run through the Orca-shaped client. A live judgment whose Prometheus goes away
 * mid-way ends TERMINAL with the source's error code (`PROMETHEUS_UNREACHABLE`) and a message naming the cause.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { startPrometheusWithData, type GaugeSeries, type PrometheusServer } from '../support/prometheus';
import { noise } from '../support/noise';

const HOUR = 3600;
/** Data window: one hour, starting six whole hours ago (inside retention, away from the head block). */
const windowStart = Math.floor(Date.now() / 1000 / HOUR) * HOUR - 6 * HOUR;
const windowEnd = windowStart + HOUR;
const STEP = 15;

function gauge(name: string, deployment: string, mean: number, sd: number, seed: number): GaugeSeries {
  const draw = noise(seed);
  const points: [number, number][] = [];
  for (let t = windowStart; t <= windowEnd; t += STEP) points.push([t, Math.round((mean + sd * draw()) * 1000) / 1000]);
  return { name, labels: { deployment }, points };
}

const series: GaugeSeries[] = [
  gauge('http_latency_ms', 'checkout-baseline', 100, 8, 1),
  gauge('http_latency_ms', 'checkout-canary', 100, 8, 2),
  gauge('http_latency_ms', 'checkout-canary-slow', 140, 8, 3),
  gauge('cpu_percent', 'checkout-baseline', 40, 4, 4),
  gauge('cpu_percent', 'checkout-canary', 40, 4, 5),
  gauge('cpu_percent', 'checkout-canary-slow', 40, 4, 6),
];

function request(experimentScope: string, timing: JudgmentRequest['timing'], promql?: string): JudgmentRequest {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'prometheus',
    canaryConfig: {
      name: 'checkout',
      metrics: [
        {
          name: 'latency',
          groups: ['latency'],
          query: { promql: promql ?? 'http_latency_ms{deployment="${scope}"}' },
          analysisConfigurations: { canary: { direction: 'increase', critical: true } },
        },
        {
          name: 'cpu',
          groups: ['cpu'],
          query: { promql: promql ?? 'cpu_percent{deployment="${scope}"}' },
          analysisConfigurations: { canary: { direction: 'increase' } },
        },
      ],
      classifier: { groupWeights: { latency: 50, cpu: 50 } },
    },
    scopes: { controlScope: 'checkout-baseline', experimentScope },
    timing,
    thresholds: { pass: 75, marginal: 50 },
  };
}

const retrospective = {
  startTimeIso: new Date(windowStart * 1000).toISOString(),
  endTimeIso: new Date(windowEnd * 1000).toISOString(),
  stepSeconds: STEP,
};

let workDir: string;
let prometheus: PrometheusServer | undefined;
let judge: JudgeService | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'canary-judge-prom-'));
  prometheus = await startPrometheusWithData(workDir, series);
  judge = await startJudgeService({
    clockSpeed: 60,
    config: {
      scheduler: { tickMs: 100, retryDelaySeconds: 20, deadlineGraceMinutes: 1 },
      metricSources: { prometheus: { type: 'prometheus', baseUrl: prometheus.baseUrl, timeoutMs: 2000 } },
    },
  });
}, 90_000);

afterAll(async () => {
  await judge?.cleanup();
  await prometheus?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('judge service with a real Prometheus (promtool blocks)', () => {
  it('serves the loaded history (sanity check of the fixture)', async () => {
    const url = new URL('/api/v1/query_range', prometheus?.baseUrl);
    url.search = new URLSearchParams({
      query: 'http_latency_ms{deployment="checkout-canary-slow"}',
      start: String(windowStart),
      end: String(windowEnd),
      step: `${STEP}s`,
    }).toString();
    const answer = (await (await fetch(url)).json()) as { data: { result: { values: unknown[] }[] } };
    expect(answer.data.result).toHaveLength(1);
    expect(answer.data.result[0]?.values).toHaveLength(HOUR / STEP + 1);
  });

  it('retrospective healthy canary → PASS', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary', retrospective)));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    expect(finalBody(run)).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
  });

  it('retrospective latency regression → FAIL, and the report names the metric', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary-slow', retrospective)));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const report = (await (await fetch(String(body.reportUrl))).json()) as {
      intervals: { result: { results: { name: string; classification: string }[] } }[];
    };
    const results = report.intervals[0]?.result.results ?? [];
    expect(results.find((r) => r.name === 'latency')?.classification).toBe('High');
    expect(results.find((r) => r.name === 'cpu')?.classification).toBe('Pass');
  });

  it('a canary scope with no series in Prometheus → no data: the stage fails, warnings name metric, scope and query', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary-typo', retrospective)));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: null });
    expect(body.verdict).not.toBe('PASS');
    const warnings = (body.warnings as string[]).join('\n');
    expect(warnings).toMatch(/metric latency \(canary checkout-canary-typo\).*no series.*http_latency_ms/);
    expect(warnings).toMatch(/metric cpu \(canary checkout-canary-typo\)/);
  });

  it('Prometheus stopped mid-judgment (live, accelerated clock) → TERMINAL with an error naming the cause', async () => {
    let scoredBeforeStop: number[] | undefined;
    const live = request(
      'checkout-canary',
      { lifetimeMinutes: 6, intervalMinutes: 2, stepSeconds: 5 },
      'sum(vector(1))',
    );
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', live), {
      onPoll: async (_n, context) => {
        const monitor = (context.webhook as { monitor?: { body?: { intervalScores?: number[] } } }).monitor;
        const scores = monitor?.body?.intervalScores ?? [];
        if (scoredBeforeStop === undefined && scores.length >= 1) {
          scoredBeforeStop = [...scores];
          await prometheus?.stop();
        }
      },
    });
    expect(scoredBeforeStop?.length).toBeGreaterThanOrEqual(1);
    expect(scoredBeforeStop?.length).toBeLessThan(3);
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    // The source's own code, and a message naming the metric, the failure, the interval and the attempts.
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'PROMETHEUS_UNREACHABLE' } });
    expect(body.intervalScores).toEqual(scoredBeforeStop);
    expect((body.error as { message: string }).message).toMatch(
      /^metric (latency|cpu) \(\w+ checkout-\w+\): cannot reach Prometheus at .*; source "prometheus", interval \d \(window .*\), \d+ attempts?: /,
    );
    expect(String(body.message)).toMatch(/^ERROR PROMETHEUS_UNREACHABLE: metric/);
  });
});
