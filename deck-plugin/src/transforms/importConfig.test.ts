import { describe, expect, it } from 'vitest';
import { importKayentaConfig } from './importConfig';
import { formToStage, stageToForm } from './stageJson';
import { validateStage } from './validation';
import { validForm } from '../testing/fixtures';

/**
 * A canary config of the checkout application as Kayenta's editor exports it ("Edit as JSON"): judged by
 * NetflixACAJudge-v1.0, every metric on the `default` scope, no templates unless given.
 */
function kayentaJson<M extends { name: string; query: object }>(
  name: string,
  metrics: M[],
  rest: { classifier: object; templates?: Record<string, string> },
) {
  return {
    name,
    applications: ['checkout'],
    judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
    metrics: metrics.map((m) => ({ ...m, scopeName: 'default' })),
    templates: {},
    ...rest,
  };
}

/** A stage of `metricSource` whose payload carries the imported canary config (what the import box does). */
function stageWith(metricSource: string, canaryConfig: unknown): Record<string, unknown> {
  const base = formToStage({ ...validForm(), metricSource }, {});
  return { ...base, payload: { ...(base['payload'] as object), canaryConfig } };
}

/** A config shaped like Kayenta's editor JSON (Prometheus store, inline PromQL template). */
const KAYENTA = kayentaJson(
  'checkout-latency',
  [
    {
      name: 'p99',
      query: {
        type: 'prometheus',
        customInlineTemplate: 'PromQL:histogram_quantile(0.99, sum(rate(x{pod=~"${scope}"}[1m])))',
      },
      groups: ['latency'],
      analysisConfigurations: { canary: { direction: 'increase', critical: true } },
    },
    {
      name: 'errors',
      query: { type: 'prometheus', metricName: 'http_errors_total', labelBindings: [] },
      groups: ['errors'],
      analysisConfigurations: { canary: { direction: 'increase', nanStrategy: 'replace' } },
    },
  ],
  { classifier: { groupWeights: { latency: 70, errors: 30 }, scoreThresholds: { pass: 95, marginal: 75 } } },
);

describe('importKayentaConfig', () => {
  it('keeps metrics, groups, weights and settings, and turns inline PromQL into query.promql', () => {
    const r = importKayentaConfig(JSON.stringify(KAYENTA));
    if (!r.ok) throw new Error(r.error);
    expect(r.metricCount).toBe(2);
    expect(r.config.metrics[0]!.query).toEqual({
      type: 'prometheus',
      promql: 'histogram_quantile(0.99, sum(rate(x{pod=~"${scope}"}[1m])))',
    });
    expect(r.config.metrics[1]!.query).toEqual({
      type: 'prometheus',
      metricName: 'http_errors_total',
      labelBindings: [],
    });
    expect(r.config.classifier?.groupWeights).toEqual({ latency: 70, errors: 30 });
  });

  it('fills the form; a Kayenta Prometheus query (metricName) is kept and accepted, as the service accepts it', () => {
    const r = importKayentaConfig(JSON.stringify(KAYENTA));
    if (!r.ok) throw new Error(r.error);
    const stage = stageWith('prometheus', r.config);
    const form = stageToForm(stage);
    expect(form.metrics.map((m) => [m.name, m.group, m.direction, m.critical, m.query.slice(0, 18)])).toEqual([
      ['p99', 'latency', 'increase', true, 'histogram_quantile'],
      ['errors', 'errors', 'increase', false, ''],
    ]);
    const saved = { ...stage, ...formToStage(form, stage) };
    expect(
      (saved['payload'] as { canaryConfig: { metrics: Array<{ query: unknown }> } }).canaryConfig.metrics[1]?.query,
    ).toMatchObject({
      metricName: 'http_errors_total',
    });
    expect(validateStage(saved).map((i) => i.path)).toEqual([]);
  });

  it('drops null settings (Kayenta reads them as absent): the form shows the defaults, the stage validates', () => {
    const withNulls = {
      ...KAYENTA,
      metrics: [
        {
          ...KAYENTA.metrics[0]!,
          analysisConfigurations: {
            canary: {
              direction: 'increase',
              critical: null,
              mustHaveData: null,
              outliers: null,
              effectSize: { measure: null, allowedIncrease: null, criticalIncrease: 1.5 },
            },
          },
        },
        { ...KAYENTA.metrics[1]!, analysisConfigurations: null },
      ],
    };
    const r = importKayentaConfig(JSON.stringify(withNulls));
    if (!r.ok) throw new Error(r.error);
    expect(r.config.metrics[0]!.analysisConfigurations).toEqual({
      canary: { direction: 'increase', effectSize: { criticalIncrease: 1.5 } },
    });
    expect('analysisConfigurations' in r.config.metrics[1]!).toBe(false);
    const stage = stageWith('prometheus', r.config);
    const form = stageToForm(stage);
    expect(form.metrics.map((m) => [m.name, m.direction, m.critical])).toEqual([
      ['p99', 'increase', false],
      ['errors', 'either', false],
    ]);
  });

  it.each([
    ['{oops', '(JSON): not valid JSON'],
    ['[1]', '(root): must be a JSON object'],
    ['{"metrics": []}', 'metrics: must be a non-empty array of metrics'],
    ['{"metrics": [{"name": ""}]}', 'metrics[0].name: must be a non-empty string'],
    ['{"metrics": [{"name": "a", "groups": "g"}]}', 'metrics[0].groups: must be an array of group names'],
  ])('rejects %s naming the path', (text, error) => {
    const r = importKayentaConfig(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(error);
  });
});

/**
 * Kayenta canary configs for Datadog and Stackdriver, with the query-config fields of Kayenta's
 * `DatadogCanaryMetricSetQueryConfig` and `StackdriverCanaryMetricSetQueryConfig` (spinnaker/kayenta).
 */
const DATADOG = kayentaJson(
  'checkout-datadog',
  [
    {
      name: 'cpu',
      query: { type: 'datadog', metricName: 'avg:system.cpu.user', customFilterTemplate: 'by-asg' },
      groups: ['system'],
      analysisConfigurations: { canary: { direction: 'increase' } },
    },
    {
      name: 'latency',
      query: { type: 'datadog', customInlineTemplate: 'avg:trace.http.request.duration{${scope}} by {host}' },
      groups: ['latency'],
      analysisConfigurations: {},
    },
  ],
  { classifier: { groupWeights: { system: 50, latency: 50 } }, templates: { 'by-asg': 'autoscaling_group:${scope}' } },
);

const STACKDRIVER = kayentaJson(
  'checkout-gcp',
  [
    {
      name: 'cpu',
      query: {
        type: 'stackdriver',
        metricType: 'compute.googleapis.com/instance/cpu/utilization',
        resourceType: 'gce_instance',
        perSeriesAligner: 'ALIGN_MEAN',
        crossSeriesReducer: 'REDUCE_MEAN',
        groupByFields: ['resource.labels.zone'],
        customInlineTemplate: 'metric.labels.instance_name = starts_with("${scope}")',
      },
      groups: ['system'],
      analysisConfigurations: { canary: { direction: 'increase' } },
    },
  ],
  { classifier: { groupWeights: { system: 100 } } },
);

describe('importKayentaConfig keeps every store query config', () => {
  it.each([
    ['datadog', DATADOG],
    ['stackdriver', STACKDRIVER],
  ])('%s: the queries are imported, saved through the form and validated unchanged', (type, kayenta) => {
    const r = importKayentaConfig(JSON.stringify(kayenta));
    if (!r.ok) throw new Error(r.error);
    expect(r.config.metrics.map((m) => m.query)).toEqual(kayenta.metrics.map((m) => m.query));
    const stage = stageWith(`${type}-prod`, r.config);
    const form = stageToForm(stage);
    expect(form.metrics.map((m) => m.query)).toEqual(kayenta.metrics.map(() => ''));
    const saved = { ...stage, ...formToStage(form, stage) };
    const payload = saved['payload'] as { canaryConfig: { metrics: Array<{ query: unknown }> } };
    expect(payload.canaryConfig.metrics.map((m) => m.query)).toEqual(kayenta.metrics.map((m) => m.query));
    expect(validateStage(saved)).toEqual([]);
  });
});
