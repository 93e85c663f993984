/**
 * The judge service against a real Graphite (Debian's graphite-web over whisper files the test writes): a Kayenta
 * canary config for Graphite (the shape of kayenta-graphite's `integration-test-canary-config.json`, with the three
 * ways Kayenta names a target: `metricName` with `$scope`, `template` with `${scope}`, and `customFilterTemplate`)
 * is judged retrospectively through the Orca-shaped client: healthy canary → PASS, latency regression → FAIL. A
 * wildcard target answers one series per status code, paired across baseline and canary by their tags; a gap in the
 * baseline (a null point) is a NaN, not a failure. Bad query configs are refused with 400 naming the field.
 */
import { describe, expect, it } from 'vitest';
import { startGraphiteWithData, type WhisperSeries } from '../support/graphite';
import { getFromStore, pastHourWindow, useRealStore } from '../support/real-store';
import { itJudgesKayentaConfig } from './real-store-judgment';
import { kayentaLatencyMetric, kayentaMetric } from './stand-in-judgment';

/** Data window: one hour, starting six whole hours ago (well inside the whisper retention). */
const window = pastHourWindow(60);

function series(path: string, mean: number, sd: number, seed: number, gapAt?: number): WhisperSeries {
  const points = window.points(mean, sd, seed).map(([t, v]): [number, number | null] => [t, t === gapAt ? null : v]);
  return { path, points };
}

const SCOPES = ['checkout-baseline', 'checkout-canary', 'checkout-canary-slow'];
const data: WhisperSeries[] = SCOPES.flatMap((scope, i) => [
  series(
    `servers.${scope}.latency`,
    scope.endsWith('slow') ? 140 : 100,
    8,
    10 + i,
    i === 0 ? window.start + 600 : undefined,
  ),
  series(`servers.${scope}.cpu`, 40, 4, 20 + i),
  series(`servers.${scope}.requests.2xx`, 1000, 30, 30 + i),
  series(`servers.${scope}.requests.5xx`, 5, 1, 40 + i),
]);

/** A Kayenta canary config for Graphite, as Kayenta stores it. */
const kayentaGraphiteConfig = {
  name: 'checkout-graphite',
  description: 'Checkout canary on Graphite (shape of kayenta-graphite integration-test-canary-config.json).',
  judge: { judgeConfigurations: {}, name: 'NetflixACAJudge-v1.0' },
  metrics: [
    kayentaLatencyMetric('Latency', { metricName: 'servers.$scope.latency', type: 'graphite' }),
    kayentaMetric(
      'cpu',
      ['System'],
      { canary: { direction: 'increase' } },
      { template: 'servers.${scope}.cpu', type: 'graphite' },
    ),
    kayentaMetric(
      'requests',
      ['System'],
      { canary: { direction: 'either' } },
      { customFilterTemplate: 'requestsByStatus', type: 'graphite' },
    ),
  ],
  templates: { requestsByStatus: 'servers.${scope}.requests.*' },
  classifier: { groupWeights: { Latency: 50, System: 50 }, scoreThresholds: { marginal: 50, pass: 75 } },
};

const rig = useRealStore({
  name: 'graphite',
  start: (workDir) => startGraphiteWithData(workDir, data, window.step),
  sources: (graphite) => ({ graphite: { type: 'graphite', baseUrl: graphite.baseUrl, timeoutMs: 10_000 } }),
});
describe('judge service with a real Graphite (graphite-web over whisper files)', () => {
  it('serves the written history, with the gap as null (sanity check of the fixture)', async () => {
    const { json: answer } = await getFromStore<{ datapoints: [number | null, number][] }[]>(
      rig.store().baseUrl,
      '/render',
      {
        target: 'servers.checkout-baseline.latency',
        from: String(window.start - 1),
        until: String(window.end),
        format: 'json',
      },
    );
    expect(answer).toHaveLength(1);
    expect(answer?.[0]?.datapoints).toHaveLength(3600 / window.step + 1);
    expect(answer?.[0]?.datapoints[10]).toEqual([null, window.start + 600]);
  });

  itJudgesKayentaConfig(rig.judgeUrl, window.timing, kayentaGraphiteConfig, {
    source: 'graphite',
    controlScope: 'checkout-baseline',
    healthy: {
      title: 'healthy canary → PASS, every metric and every status-code series judged',
      scope: 'checkout-canary',
      series: [
        ['cpu', {}, 'Pass'],
        ['latency', {}, 'Pass'],
        ['requests', { target: 'servers.$scope.requests.2xx' }, 'Pass'],
        ['requests', { target: 'servers.$scope.requests.5xx' }, 'Pass'],
      ],
    },
    slow: { scope: 'checkout-canary-slow', passing: ['cpu'] },
    noData: {
      title: 'a canary scope Graphite has no series for → no data (empty answer), not an error',
      scope: 'checkout-canary-typo',
      warning: /metric latency \(canary checkout-canary-typo\).*no series/,
    },
    badQueries: {
      scope: 'checkout-canary',
      rows: [
        [
          'a query config of another store',
          { type: 'prometheus', metricName: 'up' },
          /query\.type:? is "prometheus", but (the chosen metric source|this is a \w+ source)/,
        ],
        [
          'an unknown placeholder',
          { type: 'graphite', template: 'servers.${region}.latency' },
          /query\.template uses the placeholder \$\{region\}, which has no value/,
        ],
        ['no target at all', { type: 'graphite' }, /a Graphite query needs query\.metricName/],
      ],
      code: 'BAD_QUERY',
    },
  });
});
