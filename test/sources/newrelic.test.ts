/**
 * The judge service with a `newrelic` source against a New Relic Insights stand-in on loopback (documented answer
 * shape, query key checked in X-Query-Key): a Kayenta canary config written for Kayenta's New Relic metrics store
 * is judged unchanged — a healthy canary passes, a latency regression fails — and bad query configs are refused
 * with 400.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { NEWRELIC_QUERY_KEY, newRelicStandIn } from '../support/stand-ins/newrelic';
import { judgeWithStage, startStandInRig, type StandInRig } from './stand-in-judgment';

const HOUR = 3_600_000;
const windowStart = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;

/**
 * A canary config as Kayenta stores it for its New Relic metrics store (`NewRelicCanaryMetricSetQueryConfig`:
 * `type`, `select`, `q`, `customInlineTemplate`; Kayenta also writes `serviceType`), NetflixACAJudge-v1.0.
 */
const kayentaNewRelicConfig = {
  name: 'checkout-newrelic',
  description: 'Checkout canary on New Relic APM transactions',
  configVersion: '1',
  applications: ['checkout'],
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    {
      name: 'latency',
      query: {
        type: 'newrelic',
        serviceType: 'newrelic',
        select: 'SELECT average(duration) FROM Transaction',
        q: "transactionType = 'Web'",
      },
      groups: ['Latency'],
      analysisConfigurations: { canary: { direction: 'increase', critical: true } },
      scopeName: 'default',
    },
    {
      name: 'cpu',
      query: {
        type: 'newrelic',
        serviceType: 'newrelic',
        customFilterTemplate: 'cpu-by-host',
      },
      groups: ['System'],
      analysisConfigurations: { canary: { direction: 'increase' } },
      scopeName: 'default',
    },
  ],
  templates: {
    'cpu-by-host':
      "SELECT average(cpuPercent) FROM SystemSample TIMESERIES ${step} seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE appName LIKE '${scope}' FACET host",
  },
  classifier: { groupWeights: { Latency: 50, System: 50 } },
};

function request(experimentScope: string, config: unknown = kayentaNewRelicConfig): JudgmentRequest {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'newrelic',
    canaryConfig: config as JudgmentRequest['canaryConfig'],
    scopes: { controlScope: 'checkout-baseline', experimentScope },
    timing: {
      startTimeIso: new Date(windowStart).toISOString(),
      endTimeIso: new Date(windowStart + HOUR).toISOString(),
      stepSeconds: 60,
    },
    thresholds: { pass: 75, marginal: 50 },
  };
}

function withMetric(query: Record<string, unknown>) {
  const [first, ...rest] = kayentaNewRelicConfig.metrics;
  return { ...kayentaNewRelicConfig, metrics: [{ ...first, query }, ...rest] };
}

let env: StandInRig | undefined;

beforeAll(async () => {
  // Latency 100 ± 8 (140 for the slow canary), CPU 40 ± 4: the data of test/sources/stand-in-judgment.ts.
  env = await startStandInRig(newRelicStandIn, (url) => (url.includes('cpu') ? 'cpu' : 'latency'));
}, 90_000);

afterAll(async () => {
  await env?.stop();
});

describe('judge service with a New Relic source (stand-in)', () => {
  it('healthy canary → PASS; the faceted CPU query is judged per host', async () => {
    const run = await runStage(pluginStage(env!.judge.baseUrl, request('checkout-canary')));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const report = (await (await fetch(String(body.reportUrl))).json()) as {
      intervals: { result: { results: { name: string; tags: Record<string, string> }[] } }[];
    };
    const results = report.intervals[0]?.result.results ?? [];
    expect(results.filter((r) => r.name === 'cpu').map((r) => r.tags)).toEqual([{ host: 'web-1' }, { host: 'web-2' }]);
    const nrql = env!.store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('nrql') ?? '');
    const start = windowStart / 1000;
    expect(nrql).toContain(
      `SELECT average(duration) FROM Transaction TIMESERIES 60 seconds SINCE ${start} UNTIL ${start + 3600} WHERE transactionType = 'Web' AND appName LIKE 'checkout-canary'`,
    );
    expect(env!.store.requests.every((r) => !r.url.includes(NEWRELIC_QUERY_KEY))).toBe(true);
  });

  it('latency regression → FAIL, latency classified High', async () => {
    const run = await runStage(pluginStage(env!.judge.baseUrl, request('checkout-canary-slow')));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const report = (await (await fetch(String(body.reportUrl))).json()) as {
      intervals: { result: { results: { name: string; classification: string }[] } }[];
    };
    const results = report.intervals[0]?.result.results ?? [];
    expect(results.find((r) => r.name === 'latency')?.classification).toBe('High');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a query config of another store', { type: 'datadog', metricName: 'avg:x' }, /query\.type is "datadog"/],
    ['no select nor template', { type: 'newrelic', q: "x = 'y'" }, /needs query\.select/],
    [
      'a missing named template',
      { type: 'newrelic', customFilterTemplate: 'nope' },
      /"nope" is not in canaryConfig\.templates/,
    ],
    [
      'a template with a placeholder the judgment does not supply',
      { type: 'newrelic', customInlineTemplate: "SELECT count(*) FROM Transaction WHERE team = '${team}'" },
      /query\.customInlineTemplate uses the placeholder \$\{team\}/,
    ],
  ])('%s → 400 naming the field', async (_what, query, message) => {
    const out = await judgeWithStage(env!, request('x', withMetric(query)));
    expect(out.httpStatus).toBe(400);
    const error = out.body.error as { code: string; message: string; field: string };
    expect(error.code).toBe('BAD_QUERY');
    expect(error.field).toMatch(/^canaryConfig\.metrics\[0\]\.query/);
    expect(error.message).toMatch(message);
  });
});
