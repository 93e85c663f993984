/**
 * The judge service against a real InfluxDB 1.x (Debian's influxd with authentication on, fed with the line
 * protocol): a Kayenta canary config for InfluxDB (the query-config forms of kayenta-influxdb's docs: `metricName` +
 * `fields`, `customInlineTemplate` with `${scope}`, `${timeFilter}` and `${step}`, `customFilterTemplate`; scopes
 * written `key:value`) is judged retrospectively through the Orca-shaped client: healthy canary → PASS, latency
 * regression → FAIL; a `GROUP BY region` query gives one pair per region. The password comes from an environment
 * variable (`passwordEnv`) and travels as HTTP Basic; a wrong one ends the judgment with `AUTH_REFUSED`. Bad query
 * configs are refused with 400 naming the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { lineProtocolEscape, startInfluxWithData, type InfluxServer } from '../support/influxdb';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { noise } from '../support/noise';
import {
  putJudgment,
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
const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`;

function lines(measurement: string, tags: Record<string, string>, mean: number, sd: number, seed: number): string[] {
  const draw = noise(seed);
  const tagText = Object.entries(tags)
    .map(([k, v]) => `,${k}=${lineProtocolEscape(v)}`)
    .join('');
  const out: string[] = [];
  for (let t = windowStart; t < windowEnd; t += STEP) {
    out.push(`${measurement}${tagText} value=${Math.round((mean + sd * draw()) * 1000) / 1000} ${t}`);
  }
  return out;
}

const APPS = ['checkout-baseline', 'checkout-canary', 'checkout-canary-slow'];
const data: string[] = APPS.flatMap((app, i) => [
  ...lines('latency', { app }, app.endsWith('slow') ? 140 : 100, 8, 10 + i),
  ...lines('cpu', { app }, 40, 4, 20 + i),
  ...lines('errors', { app, region: 'eu' }, 5, 1, 30 + i),
  ...lines('errors', { app, region: 'us' }, 8, 1, 40 + i),
]);

/** A Kayenta canary config for InfluxDB, as Kayenta stores it. */
function kayentaInfluxConfig(overrides: Record<string, unknown>[] = []): Record<string, unknown> {
  const metrics: Record<string, unknown>[] = [
    kayentaMetric(
      'latency',
      ['Latency'],
      { canary: { direction: 'increase', critical: true } },
      { type: 'influxdb', metricName: 'latency', fields: ['value'] },
    ),
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
  ];
  overrides.forEach((o, i) => Object.assign(metrics[i] as object, o));
  return {
    name: 'checkout-influxdb',
    description: 'Checkout canary on InfluxDB (query configs as in kayenta-influxdb docs/metric-set-query-config.md).',
    judge: { judgeConfigurations: {}, name: 'NetflixACAJudge-v1.0' },
    metrics,
    templates: {
      errorsByRegion: 'SELECT sum(value) FROM errors WHERE ${scope} AND ${timeFilter} GROUP BY time(${step}), region',
    },
    classifier: { groupWeights: { Latency: 50, System: 50 }, scoreThresholds: { marginal: 50, pass: 75 } },
  };
}

function request(
  experimentScope: string,
  canaryConfig = kayentaInfluxConfig(),
  metricSource = 'influxdb',
  controlScope = 'app:checkout-baseline',
): JudgmentRequest {
  return retrospectiveRequest(
    metricSource,
    canaryConfig,
    { controlScope, experimentScope },
    windowTiming(windowStart, windowEnd, STEP),
  );
}

let workDir: string;
let influx: InfluxServer | undefined;
let judge: JudgeService | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'canary-judge-influxdb-'));
  influx = await startInfluxWithData(workDir, {
    database: 'canary',
    username: 'kayenta',
    password: PASSWORD,
    lines: data,
  });
  const common = {
    type: 'influxdb',
    baseUrl: influx.baseUrl,
    database: 'canary',
    username: 'kayenta',
    timeoutMs: 10_000,
  };
  judge = await startJudgeService({
    env: { CJ_TEST_INFLUX_PASSWORD: PASSWORD },
    config: {
      scheduler: { tickMs: 100 },
      metricSources: {
        influxdb: { ...common, passwordEnv: 'CJ_TEST_INFLUX_PASSWORD' },
        'influxdb-wrong-password': { ...common, password: 'not-the-password' },
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await judge?.cleanup();
  await influx?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('judge service with a real InfluxDB 1.x (line protocol, authentication on)', () => {
  it('holds the written points and refuses a request without credentials (sanity check of the fixture)', async () => {
    const url = new URL('/query', influx?.baseUrl);
    url.search = new URLSearchParams({ db: 'canary', q: 'SELECT count(value) FROM latency GROUP BY app' }).toString();
    expect((await fetch(url)).status).toBe(401);
    const auth = `Basic ${Buffer.from(`kayenta:${PASSWORD}`).toString('base64')}`;
    const answer = (await (await fetch(url, { headers: { authorization: auth } })).json()) as {
      results: { series: { values: [string, number][] }[] }[];
    };
    expect(answer.results[0]?.series.map((s) => s.values[0]?.[1])).toEqual([60, 60, 60]);
  });

  it('healthy canary → PASS, each field and each region judged (tags as Kayenta gives them)', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('app:checkout-canary')));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const results = await reportResults(body);
    expect(results.map((r) => JSON.stringify([r.name, r.tags ?? {}, r.classification])).sort()).toEqual(
      [
        ['cpu', { field: 'mean' }, 'Pass'],
        ['errors', { field: 'sum', region: 'eu' }, 'Pass'],
        ['errors', { field: 'sum', region: 'us' }, 'Pass'],
        ['latency', { field: 'value' }, 'Pass'],
      ]
        .map((r) => JSON.stringify(r))
        .sort(),
    );
  });

  itFailsOnLatencyRegression(
    () => judge?.baseUrl ?? '',
    () => request('app:checkout-canary-slow'),
    {
      title: 'latency regression → FAIL, and the report names the metric',
      passing: ['cpu'],
    },
  );

  it('a canary InfluxDB has no points for → no data (no series), not an error', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('app:checkout-canary-typo')));
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: null });
    expect(body.verdict).not.toBe('PASS');
    expect((body.warnings as string[]).join('\n')).toMatch(
      /metric latency \(canary app:checkout-canary-typo\).*no series/,
    );
  });

  it('a wrong password → TERMINAL with AUTH_REFUSED, the password in no message', async () => {
    const run = await runStage(
      pluginStage(judge?.baseUrl ?? '', request('app:checkout-canary', undefined, 'influxdb-wrong-password')),
    );
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'AUTH_REFUSED' } });
    expect((body.error as { message: string }).message).toMatch(/InfluxDB refused the credentials \(HTTP 401\)/);
    expect(JSON.stringify(body)).not.toContain('not-the-password');
    expect(JSON.stringify(body)).not.toContain(PASSWORD);
  });

  it('a scope not written key:value → TERMINAL with BAD_QUERY naming the scope', async () => {
    const run = await runStage(
      pluginStage(judge?.baseUrl ?? '', request('checkout-canary', undefined, 'influxdb', 'checkout-baseline')),
    );
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: { code: 'BAD_QUERY' } });
    expect((body.error as { message: string }).message).toMatch(/scope "checkout-\w+" is not in the form name:value/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a query config of another store',
      { query: { type: 'graphite', metricName: 'a.b' } },
      /query\.type:? is "graphite", but (the chosen metric source|this is a \w+ source)/,
    ],
    [
      'an unknown placeholder',
      {
        query: {
          type: 'influxdb',
          template: "SELECT mean(value) FROM cpu WHERE ${scope} AND ${timeFilter} AND region = '${location}'",
        },
      },
      /query\.template uses the placeholder \$\{location\}, which has no value/,
    ],
    [
      'no measurement',
      { query: { type: 'influxdb', fields: ['value'] } },
      /needs query\.metricName \(the measurement\)/,
    ],
    [
      'a second statement',
      {
        query: {
          type: 'influxdb',
          customInlineTemplate: 'SELECT * FROM cpu WHERE ${scope} AND ${timeFilter}; DROP DATABASE canary',
        },
      },
      /contains ";", which is not allowed/,
    ],
  ])('bad input: %s → 400 naming the field', async (_label, metric, message) => {
    const res = await putJudgment(
      judge?.baseUrl,
      `influx-bad-${Math.random().toString(36).slice(2)}`,
      request('app:checkout-canary', kayentaInfluxConfig([metric])),
    );
    expect(res.status).toBe(400);
    const error = res.json.error as { code: string; message: string; field: string };
    expect(error.code).toBe('BAD_QUERY');
    // The service names the query (or its type, for another store's query config).
    expect(error.field).toMatch(/^canaryConfig\.metrics\[0\]\.query(\.type)?$/);
    expect(error.message).toMatch(message);
  });
});
