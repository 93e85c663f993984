/**
 * The existing `prometheus` source against a real VictoriaMetrics (a PromQL-compatible store; Debian's
 * victoria-metrics fed through its Prometheus text import), judged end to end through the service process and the
 * Orca-shaped client with a Kayenta Prometheus canary config in the shape of Kayenta's own samples (`json-formats.md`:
 * `MySampleK8SPrometheusCanaryConfigWithCustomFilterTemplate`, with `configVersion: 1.0` written as a number as in
 * Kayenta's `scratch/prometheus_canary_config.json`): healthy canary → PASS, latency regression → FAIL, and a
 * `groupByFields` query judged per region.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import type { GaugeSeries } from '../support/prometheus';
import { startVictoriaMetricsWithData, type VictoriaMetricsServer } from '../support/victoria-metrics';
import { noise } from '../support/noise';
import {
  reportResults,
  retrospectiveRequest,
  windowTiming,
  kayentaMetric,
  itFailsOnLatencyRegression,
} from './stand-in-judgment';

const HOUR = 3600;
const STEP = 60;
/** Data window: one hour, starting six whole hours ago. */
const windowStart = Math.floor(Date.now() / 1000 / HOUR) * HOUR - 6 * HOUR;
const windowEnd = windowStart + HOUR;

function gauge(name: string, labels: Record<string, string>, mean: number, sd: number, seed: number): GaugeSeries {
  const draw = noise(seed);
  const points: [number, number][] = [];
  for (let t = windowStart; t <= windowEnd; t += STEP) points.push([t, Math.round((mean + sd * draw()) * 1000) / 1000]);
  return { name, labels, points };
}

const DEPLOYMENTS = ['checkout-baseline', 'checkout-canary', 'checkout-canary-slow'];
const series: GaugeSeries[] = DEPLOYMENTS.flatMap((deployment, i) => [
  gauge('http_latency_ms', { deployment }, deployment.endsWith('slow') ? 140 : 100, 8, 10 + i),
  gauge('container_cpu_usage_seconds_total', { deployment, container_name: 'checkout' }, 40, 4, 20 + i),
  gauge('http_errors', { deployment, region: 'eu' }, 5, 1, 30 + i),
  gauge('http_errors', { deployment, region: 'us' }, 8, 1, 40 + i),
]);

/**
 * A Kayenta Prometheus canary config: the shape of Kayenta's `MySampleK8SPrometheusCanaryConfigWithCustomFilterTemplate`
 * (json-formats.md), with `configVersion` as the number 1.0 (Kayenta's scratch sample; Jackson reads it as "1.0").
 */
function kayentaPrometheusConfig(overrides: Record<string, unknown>[] = []): Record<string, unknown> {
  const metrics: Record<string, unknown>[] = [
    kayentaMetric(
      'latency',
      ['latency'],
      { canary: { direction: 'increase', critical: true } },
      { type: 'prometheus', metricName: 'http_latency_ms', customInlineTemplate: 'deployment="${scope}"' },
    ),
    {
      name: 'cpu_usage_seconds',
      query: {
        type: 'prometheus',
        metricName: 'container_cpu_usage_seconds_total',
        labelBindings: ["container_name='checkout'"],
        customFilterTemplate: 'my-template',
      },
      groups: ['system'],
      analysisConfigurations: {},
      scopeName: 'default',
    },
    kayentaMetric(
      'errors',
      ['system'],
      { canary: { direction: 'increase' } },
      {
        type: 'prometheus',
        metricName: 'http_errors',
        customFilterTemplate: 'my-template',
        groupByFields: ['region'],
      },
    ),
  ];
  overrides.forEach((o, i) => Object.assign(metrics[i] as object, o));
  return {
    name: 'MySampleK8SPrometheusCanaryConfigWithCustomFilterTemplate',
    description: 'Example Kayenta Configuration with Custom Filter Template using Prometheus for K8S',
    configVersion: 1.0,
    applications: ['checkout'],
    judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
    metrics,
    templates: { 'my-template': "deployment='${scope}'" },
    classifier: { groupWeights: { latency: 50.0, system: 50.0 }, scoreThresholds: { pass: 95.0, marginal: 75.0 } },
  };
}

function request(experimentScope: string, canaryConfig = kayentaPrometheusConfig()): JudgmentRequest {
  return retrospectiveRequest(
    'victoria-metrics',
    canaryConfig,
    { controlScope: 'checkout-baseline', experimentScope },
    windowTiming(windowStart, windowEnd, STEP),
  );
}

let workDir: string;
let vm: VictoriaMetricsServer | undefined;
let judge: JudgeService | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'canary-judge-vm-'));
  vm = await startVictoriaMetricsWithData(workDir, series);
  judge = await startJudgeService({
    config: {
      scheduler: { tickMs: 100 },
      metricSources: { 'victoria-metrics': { type: 'prometheus', baseUrl: vm.baseUrl, timeoutMs: 10_000 } },
    },
  });
}, 120_000);

afterAll(async () => {
  await judge?.cleanup();
  await vm?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('the prometheus source against a real VictoriaMetrics', () => {
  it('serves the imported history through its PromQL API (sanity check of the fixture)', async () => {
    const url = new URL('/api/v1/query_range', vm?.baseUrl);
    url.search = new URLSearchParams({
      query: 'avg(http_latency_ms{deployment="checkout-canary-slow"})',
      start: String(windowStart),
      end: String(windowEnd),
      step: `${STEP}s`,
    }).toString();
    const answer = (await (await fetch(url)).json()) as { data: { result: { values: [number, string][] }[] } };
    expect(answer.data.result).toHaveLength(1);
    expect(answer.data.result[0]?.values).toHaveLength(HOUR / STEP + 1);
    const mean = (answer.data.result[0]?.values ?? []).reduce((a, [, v]) => a + Number(v), 0) / (HOUR / STEP + 1);
    expect(mean).toBeGreaterThan(130);
  });

  it('healthy canary → PASS with a Kayenta config (configVersion 1.0 as a number), errors judged per region', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary')));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const results = await reportResults(body);
    expect(results.map((r) => JSON.stringify([r.name, r.tags ?? {}, r.classification])).sort()).toEqual(
      [
        ['cpu_usage_seconds', {}, 'Pass'],
        ['errors', { region: 'eu' }, 'Pass'],
        ['errors', { region: 'us' }, 'Pass'],
        ['latency', {}, 'Pass'],
      ]
        .map((r) => JSON.stringify(r))
        .sort(),
    );
  });

  itFailsOnLatencyRegression(
    () => judge?.baseUrl ?? '',
    () => request('checkout-canary-slow'),
    {
      title: 'latency regression → FAIL, and the report names the metric',
      passing: ['cpu_usage_seconds'],
    },
  );

  it('bad input: a query config of another store, or an unknown placeholder → 400 naming the field', async () => {
    for (const [metric, message] of [
      [
        { query: { type: 'influxdb', metricName: 'cpu' } },
        /query\.type:? is "influxdb", but (the chosen )?metric source/,
      ],
      [
        { query: { type: 'prometheus', metricName: 'http_latency_ms', customInlineTemplate: 'pod="${pod}"' } },
        /\$\{pod\}/,
      ],
    ] as const) {
      const res = await fetch(`${judge?.baseUrl}/v1/judgments/vm-bad-${Math.random().toString(36).slice(2)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request('checkout-canary', kayentaPrometheusConfig([metric]))),
      });
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { field: string; message: string } }).error;
      expect(error.field).toMatch(/^canaryConfig\.metrics\[0\]\.query(\.type)?$/);
      expect(error.message).toMatch(message);
    }
  });
});
