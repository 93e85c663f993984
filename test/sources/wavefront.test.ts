/**
 * The judge service with a `wavefront` source against a Wavefront chart-API stand-in on loopback (documented
 * answer shape, token checked in `Authorization: Bearer`): a Kayenta canary config written for Kayenta's Wavefront
 * metrics store is judged unchanged — a healthy canary passes, a latency regression fails — and bad query configs
 * are refused with 400.
 */
import { describe, expect, it } from 'vitest';
import { WAVEFRONT_TOKEN, wavefrontStandIn } from '../support/stand-ins/wavefront';
import { itJudgesLikeKayenta, kayentaLatencyCpuConfig, useKayentaStoreRig } from './stand-in-suite';

/**
 * A canary config as Kayenta stores it for its Wavefront metrics store (`WavefrontCanaryMetricSetQueryConfig`:
 * `type`, `metricName`, `aggregate`, `summarization`; Kayenta also writes `serviceType`), NetflixACAJudge-v1.0.
 */
const kayentaWavefrontConfig = kayentaLatencyCpuConfig('wavefront', 'Checkout canary on Wavefront metrics', {
  latency: { metricName: 'checkout.http.latency', aggregate: 'avg', summarization: 'MEAN' },
  cpu: { metricName: 'kubernetes.pod.cpu.usage_rate', aggregate: 'max', summarization: 'MAX' },
});

// Latency 100 ± 8 (140 for the slow canary), CPU 40 ± 4: the data of test/sources/stand-in-judgment.ts.
const rig = useKayentaStoreRig(wavefrontStandIn, kayentaWavefrontConfig, 'env=prod and deployment=checkout-baseline');

describe('judge service with a Wavefront source (stand-in)', () => {
  it('healthy canary → PASS', async () => {
    await rig.expectPassing('env=prod and deployment=checkout-canary');
    const queries = rig.env().store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('q'));
    expect(queries).toContain('avg(ts(checkout.http.latency, env=prod and deployment=checkout-canary))');
    expect(queries).toContain('max(ts(kubernetes.pod.cpu.usage_rate, env=prod and deployment=checkout-baseline))');
    expect(rig.urlsCarrying(WAVEFRONT_TOKEN)).toEqual([]);
  });

  itJudgesLikeKayenta(rig, kayentaWavefrontConfig, {
    slowScope: 'env=prod and deployment=checkout-canary-slow',
    otherStoreQuery: { type: 'datadog', metricName: 'avg:x' },
    rows: [
      ['no metricName', { type: 'wavefront', aggregate: 'avg', summarization: 'MEAN' }, /needs query\.metricName/],
      [
        'an unknown summarization',
        { type: 'wavefront', metricName: 'm', summarization: 'AVG' },
        /query\.summarization "AVG"/,
      ],
    ],
    teamTemplate: 'avg(ts(m, ${scope} and team=${team}))',
  });
});
