/**
 * The judge service against a real Graphite (Debian's graphite-web over whisper files the test writes): a Kayenta
 * canary config for Graphite (the shape of kayenta-graphite's `integration-test-canary-config.json`, with the three
 * ways Kayenta names a target: `metricName` with `$scope`, `template` with `${scope}`, and `customFilterTemplate`)
 * is judged retrospectively through the Orca-shaped client: healthy canary → PASS, latency regression → FAIL. A
 * wildcard target answers one series per status code, paired across baseline and canary by their tags; a gap in the
 * baseline (a null point) is a NaN, not a failure. Bad query configs are refused with 400 naming the field.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finalBody, pluginStage, runStage } from '../conformance/harness';
import { startGraphiteWithData, type GraphiteServer, type WhisperSeries } from '../support/graphite';
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
/** Data window: one hour, starting six whole hours ago (well inside the whisper retention). */
const windowStart = Math.floor(Date.now() / 1000 / HOUR) * HOUR - 6 * HOUR;
const windowEnd = windowStart + HOUR;

function series(path: string, mean: number, sd: number, seed: number, gapAt?: number): WhisperSeries {
  const draw = noise(seed);
  const points: [number, number | null][] = [];
  for (let t = windowStart; t <= windowEnd; t += STEP) {
    const v = Math.round((mean + sd * draw()) * 1000) / 1000;
    points.push([t, t === gapAt ? null : v]);
  }
  return { path, points };
}

const SCOPES = ['checkout-baseline', 'checkout-canary', 'checkout-canary-slow'];
const data: WhisperSeries[] = SCOPES.flatMap((scope, i) => [
  series(
    `servers.${scope}.latency`,
    scope.endsWith('slow') ? 140 : 100,
    8,
    10 + i,
    i === 0 ? windowStart + 600 : undefined,
  ),
  series(`servers.${scope}.cpu`, 40, 4, 20 + i),
  series(`servers.${scope}.requests.2xx`, 1000, 30, 30 + i),
  series(`servers.${scope}.requests.5xx`, 5, 1, 40 + i),
]);

/** A Kayenta canary config for Graphite, as Kayenta stores it. */
function kayentaGraphiteConfig(overrides: Record<string, unknown>[] = []): Record<string, unknown> {
  const metrics: Record<string, unknown>[] = [
    kayentaMetric(
      'latency',
      ['Latency'],
      { canary: { direction: 'increase', critical: true } },
      { metricName: 'servers.$scope.latency', type: 'graphite' },
    ),
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
  ];
  overrides.forEach((o, i) => Object.assign(metrics[i] as object, o));
  return {
    name: 'checkout-graphite',
    description: 'Checkout canary on Graphite (shape of kayenta-graphite integration-test-canary-config.json).',
    judge: { judgeConfigurations: {}, name: 'NetflixACAJudge-v1.0' },
    metrics,
    templates: { requestsByStatus: 'servers.${scope}.requests.*' },
    classifier: { groupWeights: { Latency: 50, System: 50 }, scoreThresholds: { marginal: 50, pass: 75 } },
  };
}

function request(experimentScope: string, canaryConfig = kayentaGraphiteConfig()): JudgmentRequest {
  return retrospectiveRequest(
    'graphite',
    canaryConfig,
    { controlScope: 'checkout-baseline', experimentScope },
    windowTiming(windowStart, windowEnd, STEP),
  );
}

let workDir: string;
let graphite: GraphiteServer | undefined;
let judge: JudgeService | undefined;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'canary-judge-graphite-'));
  graphite = await startGraphiteWithData(workDir, data, STEP);
  judge = await startJudgeService({
    config: {
      scheduler: { tickMs: 100 },
      metricSources: { graphite: { type: 'graphite', baseUrl: graphite.baseUrl, timeoutMs: 10_000 } },
    },
  });
}, 120_000);

afterAll(async () => {
  await judge?.cleanup();
  await graphite?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('judge service with a real Graphite (graphite-web over whisper files)', () => {
  it('serves the written history, with the gap as null (sanity check of the fixture)', async () => {
    const url = new URL('/render', graphite?.baseUrl);
    url.search = new URLSearchParams({
      target: 'servers.checkout-baseline.latency',
      from: String(windowStart - 1),
      until: String(windowEnd),
      format: 'json',
    }).toString();
    const answer = (await (await fetch(url)).json()) as { datapoints: [number | null, number][] }[];
    expect(answer).toHaveLength(1);
    expect(answer[0]?.datapoints).toHaveLength(HOUR / STEP + 1);
    expect(answer[0]?.datapoints[10]).toEqual([null, windowStart + 600]);
  });

  it('healthy canary → PASS, every metric and every status-code series judged', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary')));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100 });
    const results = await reportResults(body);
    expect(results.map((r) => [r.name, r.tags ?? {}, r.classification]).sort()).toEqual(
      [
        ['cpu', {}, 'Pass'],
        ['latency', {}, 'Pass'],
        ['requests', { target: 'servers.$scope.requests.2xx' }, 'Pass'],
        ['requests', { target: 'servers.$scope.requests.5xx' }, 'Pass'],
      ].sort(),
    );
  });

  itFailsOnLatencyRegression(
    () => judge?.baseUrl ?? '',
    () => request('checkout-canary-slow'),
    {
      title: 'latency regression → FAIL, and the report names the metric',
      passing: ['cpu'],
    },
  );

  it('a canary scope Graphite has no series for → no data (empty answer), not an error', async () => {
    const run = await runStage(pluginStage(judge?.baseUrl ?? '', request('checkout-canary-typo')));
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', error: null });
    expect(body.verdict).not.toBe('PASS');
    expect((body.warnings as string[]).join('\n')).toMatch(/metric latency \(canary checkout-canary-typo\).*no series/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'a query config of another store',
      { query: { type: 'prometheus', metricName: 'up' } },
      /query\.type:? is "prometheus", but (the chosen metric source|this is a \w+ source)/,
    ],
    [
      'an unknown placeholder',
      { query: { type: 'graphite', template: 'servers.${region}.latency' } },
      /query\.template uses the placeholder \$\{region\}, which has no value/,
    ],
    ['no target at all', { query: { type: 'graphite' } }, /a Graphite query needs query\.metricName/],
  ])('bad input: %s → 400 naming the field', async (_label, metric, message) => {
    const res = await putJudgment(judge?.baseUrl, `graphite-bad-${Math.random().toString(36).slice(2)}`, {
      ...request('checkout-canary', kayentaGraphiteConfig([metric])),
    });
    expect(res.status).toBe(400);
    const error = res.json.error as { code: string; message: string; field: string };
    expect(error.code).toBe('BAD_QUERY');
    // The service names the query (or its type, for another store's query config).
    expect(error.field).toMatch(/^canaryConfig\.metrics\[0\]\.query(\.type)?$/);
    expect(error.message).toMatch(message);
  });
});
