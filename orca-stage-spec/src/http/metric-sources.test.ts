import { afterEach, describe, expect, it } from 'vitest';
import { judge as realJudge } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { testService } from '../testing/fixtures';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

async function start(env: Record<string, string> = {}) {
  svc = await testService({ CANARY_JUDGE_PROMETHEUS_URL: 'http://127.0.0.1:9', ...env });
  return svc;
}

const put = (s: RunningService, key: string, body: unknown) =>
  s.app.inject({ method: 'PUT', url: `/v1/judgments/${key}`, payload: body as object });

/** A request on the `prometheus` source with one metric's query replaced. */
function promRequest(query: Record<string, unknown>, extendedScopeParams?: Record<string, string>) {
  const r = demoRequest();
  return {
    ...r,
    metricSource: 'prometheus',
    scopes: { ...r.scopes, ...(extendedScopeParams ? { extendedScopeParams } : {}) },
    canaryConfig: {
      ...r.canaryConfig,
      metrics: [{ ...r.canaryConfig.metrics[0]!, query }],
      classifier: { groupWeights: { [r.canaryConfig.metrics[0]!.groups[0]!]: 100 } },
    },
  };
}

describe('GET /v1/metric-sources', () => {
  it('lists the configured sources with their query fields and nothing secret; the token protects it', async () => {
    const s = await start({ CANARY_JUDGE_TOKEN: 't0k' });
    expect((await s.app.inject({ method: 'GET', url: '/v1/metric-sources' })).statusCode).toBe(401);
    const res = await s.app.inject({
      method: 'GET',
      url: '/v1/metric-sources',
      headers: { authorization: 'Bearer t0k' },
    });
    expect(res.statusCode).toBe(200);
    const list = res.json().metricSources as Array<{ name: string; type: string; queryFields: unknown[] }>;
    expect(list.map((x) => [x.name, x.type])).toEqual([
      ['demo', 'demo'],
      ['prometheus', 'prometheus'],
    ]);
    expect(res.body).not.toMatch(/127\.0\.0\.1|t0k/);
  });
});

describe('choosing a source and its query at creation', () => {
  it("accepts Kayenta's metricsAccountName for metricSource, and refuses the two naming different sources", async () => {
    const s = await start();
    const { metricSource: _m, ...rest } = demoRequest();
    const ok = await put(s, 'k-alias', { ...rest, metricsAccountName: 'demo' });
    expect(ok.statusCode).toBe(201);
    const both = await put(s, 'k-both', { ...rest, metricSource: 'demo', metricsAccountName: 'prometheus' });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ field: 'metricsAccountName', code: 'VALIDATION_FAILED' });
  });

  it('refuses an unknown source name with 400 naming metricSource and listing the configured ones', async () => {
    const s = await start();
    const res = await put(s, 'k-unknown', { ...demoRequest(), metricSource: 'datadog-prod' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'metricSource', code: 'UNKNOWN_METRIC_SOURCE' });
    expect(res.json().error.message).toMatch(/configured: demo, prometheus/);
  });

  it('refuses a query config of another store’s type, naming query.type', async () => {
    const s = await start();
    const res = await put(s, 'k-type', promRequest({ type: 'datadog', metricName: 'avg:latency' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'canaryConfig.metrics[0].query.type', code: 'VALIDATION_FAILED' });
    expect(res.json().error.message).toMatch(/is "datadog", but the chosen metric source is of type "prometheus"/);
  });

  it('refuses a template placeholder the judgment cannot fill, naming it; extendedScopeParams keys are known', async () => {
    const s = await start();
    const bad = await put(s, 'k-ph', promRequest({ promql: 'sum(rate(x{job="${scope}",zone="${zone}"}[1m]))' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('canaryConfig.metrics[0].query');
    expect(bad.json().error.message).toMatch(/query\.promql uses the placeholder \$\{zone\}, which has no value/);
    const ok = await put(
      s,
      'k-ph2',
      promRequest({ promql: 'sum(rate(x{job="${scope}",zone="${zone}"}[1m]))' }, { zone: 'a' }),
    );
    expect(ok.statusCode).toBe(201);
  });
});

describe("Kayenta's Jackson scalar coercion", () => {
  it('reads configVersion 1.0 (a number, as in Kayenta’s sample config) and numeric group weights as Kayenta does', async () => {
    const s = await start();
    const r = demoRequest();
    const res = await put(s, 'k-cv', {
      ...r,
      canaryConfig: {
        ...r.canaryConfig,
        configVersion: 1.0,
        classifier: { groupWeights: { latency: '60', errors: '40' } },
      },
    });
    expect(res.statusCode).toBe(201);
    const judged = await testService({}, { judge: realJudge });
    try {
      const remote = await judged.app.inject({
        method: 'POST',
        url: '/judge',
        payload: {
          canaryConfig: { configVersion: 1.0, name: 7, metrics: [{ name: 'cpu', groups: ['system'] }] },
          metricSetPairList: [{ name: 'cpu', values: { control: [1, 2, 3], experiment: [1, 2, 3] } }],
          scoreThresholds: { pass: 75, marginal: 50 },
        },
      });
      expect(remote.statusCode).toBe(200);
    } finally {
      await judged.close();
    }
  });

  it('keeps refusing what Jackson refuses: an object where a string belongs', async () => {
    const s = await start();
    const r = demoRequest();
    const res = await put(s, 'k-obj', { ...r, canaryConfig: { ...r.canaryConfig, configVersion: { v: 1 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('canaryConfig.configVersion');
  });
});
