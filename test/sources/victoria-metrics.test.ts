/**
 * The existing `prometheus` source against a real VictoriaMetrics (a PromQL-compatible store; Debian's
 * victoria-metrics fed through its Prometheus text import), judged end to end through the service process and the
 * Orca-shaped client with a Kayenta Prometheus canary config in the shape of Kayenta's own samples (`json-formats.md`:
 * `MySampleK8SPrometheusCanaryConfigWithCustomFilterTemplate`, with `configVersion: 1.0` written as a number as in
 * Kayenta's `scratch/prometheus_canary_config.json`): healthy canary → PASS, latency regression → FAIL, and a
 * `groupByFields` query judged per region.
 */
import { describe, expect, it } from 'vitest';
import { queryRange, type GaugeSeries } from '../support/prometheus';
import { pastHourWindow, useRealStore } from '../support/real-store';
import { startVictoriaMetricsWithData } from '../support/victoria-metrics';
import { itJudgesKayentaConfig } from './real-store-judgment';
import { kayentaLatencyMetric, kayentaMetric } from './stand-in-judgment';

/** Data window: one hour, starting six whole hours ago. */
const window = pastHourWindow(60);

const gauge = (name: string, labels: Record<string, string>, mean: number, sd: number, seed: number): GaugeSeries => ({
  name,
  labels,
  points: window.points(mean, sd, seed),
});

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
const kayentaPrometheusConfig = {
  name: 'MySampleK8SPrometheusCanaryConfigWithCustomFilterTemplate',
  description: 'Example Kayenta Configuration with Custom Filter Template using Prometheus for K8S',
  configVersion: 1.0,
  applications: ['checkout'],
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    kayentaLatencyMetric('latency', {
      type: 'prometheus',
      metricName: 'http_latency_ms',
      customInlineTemplate: 'deployment="${scope}"',
    }),
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
  ],
  templates: { 'my-template': "deployment='${scope}'" },
  classifier: { groupWeights: { latency: 50.0, system: 50.0 }, scoreThresholds: { pass: 95.0, marginal: 75.0 } },
};

const rig = useRealStore({
  name: 'vm',
  start: (workDir) => startVictoriaMetricsWithData(workDir, series),
  sources: (vm) => ({ 'victoria-metrics': { type: 'prometheus', baseUrl: vm.baseUrl, timeoutMs: 10_000 } }),
});

describe('the prometheus source against a real VictoriaMetrics', () => {
  it('serves the imported history through its PromQL API (sanity check of the fixture)', async () => {
    const result = await queryRange(
      rig.store().baseUrl,
      'avg(http_latency_ms{deployment="checkout-canary-slow"})',
      window,
    );
    expect(result).toHaveLength(1);
    expect(result[0]?.values).toHaveLength(3600 / window.step + 1);
    const mean = (result[0]?.values ?? []).reduce((a, [, v]) => a + Number(v), 0) / (3600 / window.step + 1);
    expect(mean).toBeGreaterThan(130);
  });

  itJudgesKayentaConfig(rig.judgeUrl, window.timing, kayentaPrometheusConfig, {
    source: 'victoria-metrics',
    controlScope: 'checkout-baseline',
    healthy: {
      title: 'healthy canary → PASS with a Kayenta config (configVersion 1.0 as a number), errors judged per region',
      scope: 'checkout-canary',
      series: [
        ['cpu_usage_seconds', {}, 'Pass'],
        ['errors', { region: 'eu' }, 'Pass'],
        ['errors', { region: 'us' }, 'Pass'],
        ['latency', {}, 'Pass'],
      ],
    },
    slow: { scope: 'checkout-canary-slow', passing: ['cpu_usage_seconds'] },
    badQueries: {
      scope: 'checkout-canary',
      rows: [
        [
          'a query config of another store',
          { type: 'influxdb', metricName: 'cpu' },
          /query\.type:? is "influxdb", but (the chosen )?metric source/,
        ],
        [
          'an unknown placeholder',
          { type: 'prometheus', metricName: 'http_latency_ms', customInlineTemplate: 'pod="${pod}"' },
          /\$\{pod\}/,
        ],
      ],
      // The code differs by row (another store's query type is refused by validation), so it is not checked here.
      code: undefined,
    },
  });
});
