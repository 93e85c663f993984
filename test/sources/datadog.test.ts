/**
 * The judge service with a `datadog` source against a Datadog stand-in on loopback (documented answer shape, keys
 * checked in the DD-* headers): a Kayenta canary config written for Kayenta's Datadog metrics store is judged
 * unchanged — a healthy canary passes, a latency regression fails — and bad query configs are refused with 400.
 */
import { describe, expect, it } from 'vitest';
import { DATADOG_API_KEY, DATADOG_APPLICATION_KEY, datadogStandIn } from '../support/stand-ins/datadog';
import { judgeWithStage, seriesTags } from './stand-in-judgment';
import { itJudgesLikeKayenta, kayentaLatencyCpuConfig, useKayentaStoreRig } from './stand-in-suite';

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

describe('judge service with a Datadog source (stand-in)', () => {
  it('healthy canary → PASS; the grouped CPU query is judged per host, like Kayenta', async () => {
    const body = await rig.expectPassing('kube_namespace:checkout-canary');
    expect(await seriesTags(body, 'cpu')).toEqual([{ host: 'a' }, { host: 'b' }]);
    // Every request carried the keys in headers and the scope in the query, never a key in the URL.
    const queries = rig.env().store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('query'));
    expect(queries).toContain('avg:trace.http.request.duration{kube_namespace:checkout-canary}');
    expect(queries).toContain('avg:kubernetes.cpu.usage.total{kube_namespace:checkout-baseline} by {host}');
    expect(rig.urlsCarrying(DATADOG_API_KEY, DATADOG_APPLICATION_KEY)).toEqual([]);
  });

  itJudgesLikeKayenta(rig, kayentaDatadogConfig, {
    slowScope: 'kube_namespace:checkout-canary-slow',
    otherStoreQuery: { type: 'prometheus', metricName: 'up' },
    rows: [['no metricName nor template', { type: 'datadog' }, /needs query\.metricName/]],
    teamTemplate: 'avg:latency{${scope},team:${team}}',
  });

  it('an unknown source name → 400 naming metricSource', async () => {
    const out = await judgeWithStage(rig.env(), { ...rig.request('x'), metricSource: 'datadog-staging' });
    expect(out.httpStatus).toBe(400);
    expect((out.body.error as { field: string }).field).toBe('metricSource');
  });
});
