/**
 * The judge service with a `newrelic` source against a New Relic Insights stand-in on loopback (documented answer
 * shape, query key checked in X-Query-Key): a Kayenta canary config written for Kayenta's New Relic metrics store
 * is judged unchanged — a healthy canary passes, a latency regression fails — and bad query configs are refused
 * with 400.
 */
import { describe, expect, it } from 'vitest';
import { NEWRELIC_QUERY_KEY, newRelicStandIn } from '../support/stand-ins/newrelic';
import { seriesTags, RETROSPECTIVE } from './stand-in-judgment';
import { itJudgesLikeKayenta, kayentaLatencyCpuConfig, useKayentaStoreRig } from './stand-in-suite';

const windowStart = Date.parse(RETROSPECTIVE.startTimeIso);

/**
 * A canary config as Kayenta stores it for its New Relic metrics store (`NewRelicCanaryMetricSetQueryConfig`:
 * `type`, `select`, `q`, `customInlineTemplate`; Kayenta also writes `serviceType`), NetflixACAJudge-v1.0.
 */
const kayentaNewRelicConfig = kayentaLatencyCpuConfig(
  'newrelic',
  'Checkout canary on New Relic APM transactions',
  {
    latency: { select: 'SELECT average(duration) FROM Transaction', q: "transactionType = 'Web'" },
    cpu: { customFilterTemplate: 'cpu-by-host' },
  },
  {
    'cpu-by-host':
      "SELECT average(cpuPercent) FROM SystemSample TIMESERIES ${step} seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE appName LIKE '${scope}' FACET host",
  },
);

// Latency 100 ± 8 (140 for the slow canary), CPU 40 ± 4: the data of test/sources/stand-in-judgment.ts.
const rig = useKayentaStoreRig(newRelicStandIn, kayentaNewRelicConfig, 'checkout-baseline');

describe('judge service with a New Relic source (stand-in)', () => {
  it('healthy canary → PASS; the faceted CPU query is judged per host', async () => {
    const body = await rig.expectPassing('checkout-canary');
    expect(await seriesTags(body, 'cpu')).toEqual([{ host: 'web-1' }, { host: 'web-2' }]);
    const nrql = rig.env().store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('nrql') ?? '');
    const start = windowStart / 1000;
    expect(nrql).toContain(
      `SELECT average(duration) FROM Transaction TIMESERIES 60 seconds SINCE ${start} UNTIL ${start + 3600} WHERE transactionType = 'Web' AND appName LIKE 'checkout-canary'`,
    );
    expect(rig.urlsCarrying(NEWRELIC_QUERY_KEY)).toEqual([]);
  });

  itJudgesLikeKayenta(rig, kayentaNewRelicConfig, {
    slowScope: 'checkout-canary-slow',
    otherStoreQuery: { type: 'datadog', metricName: 'avg:x' },
    rows: [['no select nor template', { type: 'newrelic', q: "x = 'y'" }, /needs query\.select/]],
    teamTemplate: "SELECT count(*) FROM Transaction WHERE team = '${team}'",
  });
});
