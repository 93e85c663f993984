/**
 * The judgment API applies the scoring library's one set of rules (issue 13): what the Deck panel refuses, the API
 * refuses, every problem at once with its field; plus the HTTP rules (empty body, wrong method).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { testService } from '../testing/fixtures';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

async function start(env: Record<string, string> = {}) {
  svc = await testService(env);
  return svc;
}

const put = (s: RunningService, key: string, body: unknown) =>
  s.app.inject({
    method: 'PUT',
    url: `/v1/judgments/${key}`,
    headers: { 'content-type': 'application/json' },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Body = ReturnType<typeof demoRequest> & Record<string, unknown>;
const body = (): Body => structuredClone(demoRequest()) as Body;

describe('the judgment API refuses what the panel refuses', () => {
  it.each<[string, (b: Body) => void, string, string]>([
    [
      'weights summing to 120',
      (b) => (b.canaryConfig.classifier = { groupWeights: { latency: 80, errors: 40 } }),
      'canaryConfig.classifier.groupWeights',
      'weights must sum to 100 (they sum to 120)',
    ],
    [
      'an allowed increase below 1',
      (b) =>
        (b.canaryConfig.metrics[0]!.analysisConfigurations = { canary: { effectSize: { allowedIncrease: 0.95 } } }),
      'canaryConfig.metrics[0].analysisConfigurations.canary.effectSize.allowedIncrease',
      'must be at least 0 % (got −5 %)',
    ],
    [
      'direction "up"',
      (b) => (b.canaryConfig.metrics[0]!.analysisConfigurations = { canary: { direction: 'up' } }),
      'canaryConfig.metrics[0].analysisConfigurations.canary.direction',
      'must be one of increase, decrease, either (got "up")',
    ],
    [
      'groups: []',
      (b) => (b.canaryConfig.metrics[1]!.groups = []),
      'canaryConfig.metrics[1].groups',
      'needs a group name',
    ],
    [
      'a PromQL query on the demo source',
      (b) => (b.canaryConfig.metrics[1]!.query = { promql: 'rate(http_errors_total[1m])' }),
      'canaryConfig.metrics[1].query',
      'is a PromQL query, but the demo metric source reads demo series',
    ],
    [
      'windows with one point per side (lifetime 3, interval 1, step 60 s)',
      (b) => (b.timing = { lifetimeMinutes: 3, intervalMinutes: 1, stepSeconds: 60 }),
      'timing.intervalMinutes',
      'gives windows of 1 min at a 60 s step: 1 point per side, fewer than the 3 needed to judge; lengthen timing.intervalMinutes or shorten timing.stepSeconds',
    ],
    [
      'lifetimeMinutes with a retrospective start',
      (b) =>
        (b.timing = { lifetimeMinutes: 30, startTimeIso: '2024-05-01T10:00:00Z', endTimeIso: '2024-05-01T11:00:00Z' }),
      'timing.lifetimeMinutes',
      'must not be given together with endTimeIso (a retrospective window)',
    ],
    [
      'a retrospective window that ends in the future',
      (b) => (b.timing = { startTimeIso: '2024-05-01T11:00:00Z', endTimeIso: '2024-05-01T13:00:00Z' }),
      'timing.endTimeIso',
      'is in the future',
    ],
  ])('%s', async (_what, mutate, field, rule) => {
    const s = await start();
    const b = body();
    mutate(b);
    const res = await put(s, 'k-rule', b);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toContain(rule);
    expect(await s.service.get('k-rule')).toBeNull();
  });

  it('reports every problem at once, each with its field', async () => {
    const s = await start();
    const b = body();
    b.canaryConfig.classifier = { groupWeights: { latency: 80, errors: 40 } };
    b.canaryConfig.metrics[1]!.groups = [];
    b.thresholds = { pass: 50, marginal: 60 };
    const res = await put(s, 'k-many', b);
    expect(res.statusCode).toBe(400);
    const json = res.json();
    expect(json.errors.map((e: { field: string }) => e.field)).toEqual([
      'canaryConfig.metrics[1].groups',
      'canaryConfig.classifier.groupWeights.errors',
      'canaryConfig.classifier.groupWeights',
      'thresholds.marginal',
    ]);
    expect(json.error.message).toMatch(/^4 problems: canaryConfig\.metrics\[1\]\.groups: needs a group name; /);
    expect(json.errors.every((e: { code: string }) => e.code === 'VALIDATION_FAILED')).toBe(true);
  });

  it('lists every schema failure too', async () => {
    const s = await start();
    const b = body() as Record<string, unknown>;
    b['thresholds'] = { pass: 'high', marginal: 'low' };
    const res = await put(s, 'k-schema', b);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'thresholds.pass',
      'thresholds.marginal',
    ]);
  });

  it('takes the minimum points per window from the config (judgments.minPointsPerWindow)', async () => {
    const s = await start();
    const b = body();
    b.timing = { lifetimeMinutes: 3, intervalMinutes: 1, stepSeconds: 20 };
    expect((await put(s, 'k-3-points', b)).statusCode).toBe(201);
    b.timing = { lifetimeMinutes: 3, intervalMinutes: 1, stepSeconds: 30 };
    expect((await put(s, 'k-2-points', b)).statusCode).toBe(400);
  });
});

describe('HTTP rules', () => {
  it('says "the body is empty" for an empty PUT, POST or /judge body', async () => {
    const s = await start();
    for (const [method, url] of [
      ['PUT', '/v1/judgments/k-empty'],
      ['POST', '/v1/judgments'],
      ['POST', '/judge'],
    ] as const) {
      const res = await s.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: '' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'EMPTY_BODY', field: '(body)' });
      expect(res.json().error.message).toMatch(/^the body is empty/);
    }
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const s = await start();
    const del = await s.app.inject({ method: 'DELETE', url: '/v1/judgments/k1' });
    expect(del.statusCode).toBe(405);
    expect(del.headers['allow']).toBe('PUT, GET');
    expect(del.json().error.code).toBe('METHOD_NOT_ALLOWED');
    const get = await s.app.inject({ method: 'GET', url: '/judge' });
    expect(get.statusCode).toBe(405);
    expect(get.headers['allow']).toBe('POST');
    expect((await s.app.inject({ method: 'GET', url: '/nowhere' })).statusCode).toBe(404);
  });
});
