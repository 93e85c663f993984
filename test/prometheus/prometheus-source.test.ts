/**
 * The judge service against a real Prometheus: historical baseline and canary series are loaded as TSDB blocks,
 * and retrospective judgments run through the Orca-shaped client. A live judgment whose Prometheus goes away
 * mid-way ends TERMINAL with the source's error code (`PROMETHEUS_UNREACHABLE`) and a message naming the cause.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { queryRange, startPrometheusWithData, type GaugeSeries } from '../support/prometheus';
import { pastHourWindow, useRealStore } from '../support/real-store';
import { itFindsNoData } from '../sources/real-store-judgment';
import { expectPassingStage, itFailsOnLatencyRegression } from '../sources/stand-in-judgment';

/** Data window: one hour, starting six whole hours ago (inside retention, away from the head block). */
const window = pastHourWindow(15);

const gauge = (name: string, deployment: string, mean: number, sd: number, seed: number): GaugeSeries => ({
  name,
  labels: { deployment },
  points: window.points(mean, sd, seed),
});

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

const rig = useRealStore({
  name: 'prom',
  start: (workDir) => startPrometheusWithData(workDir, series),
  sources: (prometheus) => ({ prometheus: { type: 'prometheus', baseUrl: prometheus.baseUrl, timeoutMs: 2000 } }),
  scheduler: { retryDelaySeconds: 20, deadlineGraceMinutes: 1 },
  timeoutMs: 90_000,
});

describe('judge service with a real Prometheus (promtool blocks)', () => {
  it('serves the loaded history (sanity check of the fixture)', async () => {
    const result = await queryRange(rig.store().baseUrl, 'http_latency_ms{deployment="checkout-canary-slow"}', window);
    expect(result).toHaveLength(1);
    expect(result[0]?.values).toHaveLength(3600 / window.step + 1);
  });

  it('retrospective healthy canary → PASS', async () => {
    await expectPassingStage(rig.judgeUrl(), request('checkout-canary', window.timing));
  });

  itFailsOnLatencyRegression(rig.judgeUrl, () => request('checkout-canary-slow', window.timing), {
    title: 'retrospective latency regression → FAIL, and the report names the metric',
    passing: ['cpu'],
  });

  itFindsNoData(
    'a canary scope with no series in Prometheus → no data: the stage fails, warnings name metric, scope and query',
    rig.judgeUrl,
    () => request('checkout-canary-typo', window.timing),
    /metric latency \(canary checkout-canary-typo\).*no series.*http_latency_ms/,
    /metric cpu \(canary checkout-canary-typo\)/,
  );

  it('Prometheus stopped mid-judgment (live, accelerated clock) → TERMINAL with an error naming the cause', async () => {
    let scoredBeforeStop: number[] | undefined;
    const live = request(
      'checkout-canary',
      { lifetimeMinutes: 6, intervalMinutes: 2, stepSeconds: 5 },
      'sum(vector(1))',
    );
    const run = await runStage(pluginStage(rig.judgeUrl(), live), {
      onPoll: async (_n, context) => {
        const monitor = (context.webhook as { monitor?: { body?: { intervalScores?: number[] } } }).monitor;
        const scores = monitor?.body?.intervalScores ?? [];
        if (scoredBeforeStop === undefined && scores.length >= 1) {
          scoredBeforeStop = [...scores];
          await rig.store().stop();
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
