/**
 * The judge service with a `datadog` source against a Datadog stand-in on loopback (documented answer shape, keys
 * checked in the DD-* headers): a Kayenta canary config written for Kayenta's Datadog metrics store is judged
 * unchanged — a healthy canary passes, a latency regression fails — and bad query configs are refused with 400.
 */
import { describe, expect, it } from 'vitest';
import { DATADOG_API_KEY, DATADOG_APPLICATION_KEY, datadogStandIn } from '../support/stand-ins/datadog';
import {
  judgeWithStage,
  reportResults,
  kayentaLatencyCpuConfig,
  itJudgesLikeKayenta,
  useKayentaStoreRig,
  expectPassingStage,
} from './stand-in-judgment';

/**
 * A canary config as Kayenta stores it for its Datadog metrics store (`DatadogCanaryMetricSetQueryConfig`:
 * `type`, `metricName`, `customInlineTemplate`; Kayenta also writes `serviceType`), NetflixACAJudge-v1.0.
 */
const kayentaDatadogConfig = kayentaLatencyCpuConfig('datadog', 'Checkout canary on Datadog APM metrics', {
  latency: { metricName: 'avg:trace.http.request.duration' },
  cpu: { customInlineTemplate: 'avg:kubernetes.cpu.usage.total{${scope}} by {host}' },
});

// Latency 100 ± 8 (140 for the slow canary), CPU 40 ± 4: the data of test/sources/stand-in-judgment.ts.
const rig = useKayentaStoreRig(datadogStandIn, kayentaDatadogConfig, 'kube_namespace:checkout-baseline');
const { env, request } = rig;

describe('judge service with a Datadog source (stand-in)', () => {
  it('healthy canary → PASS; the grouped CPU query is judged per host, like Kayenta', async () => {
    const body = await expectPassingStage(env().judge.baseUrl, request('kube_namespace:checkout-canary'));
    const results = await reportResults(body);
    expect(results.filter((r) => r.name === 'cpu').map((r) => r.tags)).toEqual([{ host: 'a' }, { host: 'b' }]);
    // Every request carried the keys in headers and the scope in the query, never a key in the URL.
    const queries = env().store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('query'));
    expect(queries).toContain('avg:trace.http.request.duration{kube_namespace:checkout-canary}');
    expect(queries).toContain('avg:kubernetes.cpu.usage.total{kube_namespace:checkout-baseline} by {host}');
    expect(
      env().store.requests.every((r) => !r.url.includes(DATADOG_API_KEY) && !r.url.includes(DATADOG_APPLICATION_KEY)),
    ).toBe(true);
  });

  itJudgesLikeKayenta(rig, kayentaDatadogConfig, 'kube_namespace:checkout-canary-slow', [
    ['a query config of another store', { type: 'prometheus', metricName: 'up' }, /query\.type is "prometheus"/],
    ['no metricName nor template', { type: 'datadog' }, /needs query\.metricName/],
    [
      'a missing named template',
      { type: 'datadog', customFilterTemplate: 'nope' },
      /"nope" is not in canaryConfig\.templates/,
    ],
    [
      'a template with a placeholder the judgment does not supply',
      { type: 'datadog', customInlineTemplate: 'avg:latency{${scope},team:${team}}' },
      /query\.customInlineTemplate uses the placeholder \$\{team\}/,
    ],
  ]);

  it('an unknown source name → 400 naming metricSource', async () => {
    const out = await judgeWithStage(env(), { ...request('x'), metricSource: 'datadog-staging' });
    expect(out.httpStatus).toBe(400);
    expect((out.body.error as { field: string }).field).toBe('metricSource');
  });
});
