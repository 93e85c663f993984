/**
 * The judge service with a `wavefront` source against a Wavefront chart-API stand-in on loopback (documented
 * answer shape, token checked in `Authorization: Bearer`): a Kayenta canary config written for Kayenta's Wavefront
 * metrics store is judged unchanged — a healthy canary passes, a latency regression fails — and bad query configs
 * are refused with 400.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { WAVEFRONT_TOKEN, wavefrontStandIn } from '../support/stand-ins/wavefront';
import { judgeWithStage, startStandInRig, type StandInRig } from './stand-in-judgment';

const HOUR = 3_600_000;
const windowStart = Math.floor(Date.now() / HOUR) * HOUR - 6 * HOUR;

/**
 * A canary config as Kayenta stores it for its Wavefront metrics store (`WavefrontCanaryMetricSetQueryConfig`:
 * `type`, `metricName`, `aggregate`, `summarization`; Kayenta also writes `serviceType`), NetflixACAJudge-v1.0.
 */
const kayentaWavefrontConfig = {
  name: 'checkout-wavefront',
  description: 'Checkout canary on Wavefront metrics',
  configVersion: '1',
  applications: ['checkout'],
  judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
  metrics: [
    {
      name: 'latency',
      query: {
        type: 'wavefront',
        serviceType: 'wavefront',
        metricName: 'checkout.http.latency',
        aggregate: 'avg',
        summarization: 'MEAN',
      },
      groups: ['Latency'],
      analysisConfigurations: { canary: { direction: 'increase', critical: true } },
      scopeName: 'default',
    },
    {
      name: 'cpu',
      query: {
        type: 'wavefront',
        serviceType: 'wavefront',
        metricName: 'kubernetes.pod.cpu.usage_rate',
        aggregate: 'max',
        summarization: 'MAX',
      },
      groups: ['System'],
      analysisConfigurations: { canary: { direction: 'increase' } },
      scopeName: 'default',
    },
  ],
  templates: {},
  classifier: { groupWeights: { Latency: 50, System: 50 } },
};

function request(experimentScope: string, config: unknown = kayentaWavefrontConfig): JudgmentRequest {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'wavefront',
    canaryConfig: config as JudgmentRequest['canaryConfig'],
    scopes: { controlScope: 'env=prod and deployment=checkout-baseline', experimentScope },
    timing: {
      startTimeIso: new Date(windowStart).toISOString(),
      endTimeIso: new Date(windowStart + HOUR).toISOString(),
      stepSeconds: 60,
    },
    thresholds: { pass: 75, marginal: 50 },
  };
}

function withMetric(query: Record<string, unknown>) {
  const [first, ...rest] = kayentaWavefrontConfig.metrics;
  return { ...kayentaWavefrontConfig, metrics: [{ ...first, query }, ...rest] };
}

let env: StandInRig | undefined;

beforeAll(async () => {
  // Latency 100 ± 8 (140 for the slow canary), CPU 40 ± 4: the data of test/sources/stand-in-judgment.ts.
  env = await startStandInRig(wavefrontStandIn, (url) => (url.includes('cpu') ? 'cpu' : 'latency'));
}, 90_000);

afterAll(async () => {
  await env?.stop();
});

describe('judge service with a Wavefront source (stand-in)', () => {
  it('healthy canary → PASS', async () => {
    const run = await runStage(pluginStage(env!.judge.baseUrl, request('env=prod and deployment=checkout-canary')));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    expect(finalBody(run)).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const queries = env!.store.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('q'));
    expect(queries).toContain('avg(ts(checkout.http.latency, env=prod and deployment=checkout-canary))');
    expect(queries).toContain('max(ts(kubernetes.pod.cpu.usage_rate, env=prod and deployment=checkout-baseline))');
    expect(env!.store.requests.every((r) => !r.url.includes(WAVEFRONT_TOKEN))).toBe(true);
  });

  it('latency regression → FAIL, latency classified High', async () => {
    const run = await runStage(
      pluginStage(env!.judge.baseUrl, request('env=prod and deployment=checkout-canary-slow')),
    );
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
    ['no metricName', { type: 'wavefront', aggregate: 'avg', summarization: 'MEAN' }, /needs query\.metricName/],
    [
      'an unknown summarization',
      { type: 'wavefront', metricName: 'm', summarization: 'AVG' },
      /query\.summarization "AVG"/,
    ],
    [
      'a template with a placeholder the judgment does not supply',
      { type: 'wavefront', customInlineTemplate: 'avg(ts(m, ${scope} and team=${team}))' },
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
