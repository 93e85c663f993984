/**
 * The judge service against a real InfluxDB 1.x (Debian's influxd with authentication on, fed with the line
 * protocol): a Kayenta canary config for InfluxDB (the query-config forms of kayenta-influxdb's docs: `metricName` +
 * `fields`, `customInlineTemplate` with `${scope}`, `${timeFilter}` and `${step}`, `customFilterTemplate`; scopes
 * written `key:value`) is judged retrospectively through the Orca-shaped client: healthy canary → PASS, latency
 * regression → FAIL; a `GROUP BY region` query gives one pair per region. The password comes from an environment
 * variable (`passwordEnv`) and travels as HTTP Basic; a wrong one ends the judgment with `AUTH_REFUSED`. Bad query
 * configs are refused with 400 naming the field.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { lineProtocolEscape, startInfluxWithData } from '../support/influxdb';
import { getFromStore, pastHourWindow, useRealStore } from '../support/real-store';
import { itJudgesKayentaConfig } from './real-store-judgment';
import { kayentaLatencyMetric, kayentaMetric, retrospectiveRequest } from './stand-in-judgment';

/** Data window: one hour, starting six whole hours ago. */
const window = pastHourWindow(60);
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;

function lines(measurement: string, tags: Record<string, string>, mean: number, sd: number, seed: number): string[] {
  const tagText = Object.entries(tags)
    .map(([k, v]) => `,${k}=${lineProtocolEscape(v)}`)
    .join('');
  return window.points(mean, sd, seed, { withEnd: false }).map(([t, v]) => `${measurement}${tagText} value=${v} ${t}`);
}

const APPS = ['checkout-baseline', 'checkout-canary', 'checkout-canary-slow'];
const data: string[] = APPS.flatMap((app, i) => [
  ...lines('latency', { app }, app.endsWith('slow') ? 140 : 100, 8, 10 + i),
  ...lines('cpu', { app }, 40, 4, 20 + i),
  ...lines('errors', { app, region: 'eu' }, 5, 1, 30 + i),
  ...lines('errors', { app, region: 'us' }, 8, 1, 40 + i),
]);

/** A Kayenta canary config for InfluxDB, as Kayenta stores it. */
const kayentaInfluxConfig = {
  name: 'checkout-influxdb',
  description: 'Checkout canary on InfluxDB (query configs as in kayenta-influxdb docs/metric-set-query-config.md).',
  judge: { judgeConfigurations: {}, name: 'NetflixACAJudge-v1.0' },
  metrics: [
    kayentaLatencyMetric('Latency', { type: 'influxdb', metricName: 'latency', fields: ['value'] }),
    kayentaMetric(
      'cpu',
      ['System'],
      { canary: { direction: 'increase' } },
      {
        type: 'influxdb',
        customInlineTemplate: 'SELECT mean(value) FROM cpu WHERE ${scope} AND ${timeFilter} GROUP BY time(${step})',
      },
    ),
    kayentaMetric(
      'errors',
      ['System'],
      { canary: { direction: 'increase' } },
      { type: 'influxdb', customFilterTemplate: 'errorsByRegion' },
    ),
  ],
  templates: {
    errorsByRegion: 'SELECT sum(value) FROM errors WHERE ${scope} AND ${timeFilter} GROUP BY time(${step}), region',
  },
  classifier: { groupWeights: { Latency: 50, System: 50 }, scoreThresholds: { marginal: 50, pass: 75 } },
};

/** A judgment of the canary config on another source, or with other scopes, than the suite's. */
function request(
  experimentScope: string,
  metricSource: string,
  controlScope = 'app:checkout-baseline',
): JudgmentRequest {
  return retrospectiveRequest(metricSource, kayentaInfluxConfig, { controlScope, experimentScope }, window.timing);
}

/** Query configs the service must refuse, what is wrong with each, and the message naming it. */
const BAD_QUERIES: [string, Record<string, unknown>, RegExp][] = [
  [
    'a query config of another store',
    { type: 'graphite', metricName: 'a.b' },
    /query\.type:? is "graphite", but (the chosen metric source|this is a \w+ source)/,
  ],
  [
    'an unknown placeholder',
    {
      type: 'influxdb',
      template: "SELECT mean(value) FROM cpu WHERE ${scope} AND ${timeFilter} AND region = '${location}'",
    },
    /query\.template uses the placeholder \$\{location\}, which has no value/,
  ],
  ['no measurement', { type: 'influxdb', fields: ['value'] }, /needs query\.metricName \(the measurement\)/],
  [
    'a second statement',
    {
      type: 'influxdb',
      customInlineTemplate: 'SELECT * FROM cpu WHERE ${scope} AND ${timeFilter}; DROP DATABASE canary',
    },
    /contains ";", which is not allowed/,
  ],
];

const common = { type: 'influxdb', database: 'canary', username: 'kayenta', timeoutMs: 10_000 };
const rig = useRealStore({
  name: 'influxdb',
  start: (workDir) =>
    startInfluxWithData(workDir, { database: 'canary', username: 'kayenta', password: PASSWORD, lines: data }),
  sources: (influx) => ({
    influxdb: { ...common, baseUrl: influx.baseUrl, passwordEnv: 'CJ_TEST_INFLUX_PASSWORD' },
    'influxdb-wrong-password': { ...common, baseUrl: influx.baseUrl, password: 'not-the-password' },
  }),
  env: { CJ_TEST_INFLUX_PASSWORD: PASSWORD },
});

describe('judge service with a real InfluxDB 1.x (line protocol, authentication on)', () => {
  it('holds the written points and refuses a request without credentials (sanity check of the fixture)', async () => {
    const count = { db: 'canary', q: 'SELECT count(value) FROM latency GROUP BY app' };
    expect((await getFromStore(rig.store().baseUrl, '/query', count)).status).toBe(401);
    const auth = `Basic ${Buffer.from(`kayenta:${PASSWORD}`).toString('base64')}`;
    const { json: answer } = await getFromStore<{ results: { series: { values: [string, number][] }[] }[] }>(
      rig.store().baseUrl,
      '/query',
      count,
      { authorization: auth },
    );
    expect(answer?.results[0]?.series.map((s) => s.values[0]?.[1])).toEqual([60, 60, 60]);
  });

  itJudgesKayentaConfig(rig.judgeUrl, window.timing, kayentaInfluxConfig, {
    source: 'influxdb',
    controlScope: 'app:checkout-baseline',
    healthy: {
      title: 'healthy canary → PASS, each field and each region judged (tags as Kayenta gives them)',
      scope: 'app:checkout-canary',
      series: [
        ['cpu', { field: 'mean' }, 'Pass'],
        ['errors', { field: 'sum', region: 'eu' }, 'Pass'],
        ['errors', { field: 'sum', region: 'us' }, 'Pass'],
        ['latency', { field: 'value' }, 'Pass'],
      ],
    },
    slow: { scope: 'app:checkout-canary-slow', passing: ['cpu'] },
    noData: {
      title: 'a canary InfluxDB has no points for → no data (no series), not an error',
      scope: 'app:checkout-canary-typo',
      warning: /metric latency \(canary app:checkout-canary-typo\).*no series/,
    },
    badQueries: {
      scope: 'app:checkout-canary',
      rows: BAD_QUERIES,
      code: 'BAD_QUERY',
    },
  });

  it('a wrong password → TERMINAL with AUTH_REFUSED, the password in no message', async () => {
    const run = await runStage(pluginStage(rig.judgeUrl(), request('app:checkout-canary', 'influxdb-wrong-password')));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'AUTH_REFUSED' } });
    expect((body.error as { message: string }).message).toMatch(/InfluxDB refused the credentials \(HTTP 401\)/);
    expect(JSON.stringify(body)).not.toContain('not-the-password');
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
  });

  it('a scope not written key:value → TERMINAL with BAD_QUERY naming the scope', async () => {
    const run = await runStage(
      pluginStage(rig.judgeUrl(), request('checkout-canary', 'influxdb', 'checkout-baseline')),
    );
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: { code: 'BAD_QUERY' } });
    expect((body.error as { message: string }).message).toMatch(/scope "checkout-\w+" is not in the form name:value/);
  });
});
