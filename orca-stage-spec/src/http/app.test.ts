import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { errorResponseSchema, judgmentSchema } from '../contract/schemas';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { judge as realJudge } from '@canary-judge/shared';
import { fakeJudge, sendJson, testService } from '../testing/fixtures';
import { buildApp } from './app';
import { createServiceMetrics } from './metrics';
import { jsonDepth } from './json-depth';
import { inlineJudgeRunner, type JudgeRunner } from '../workers/judge-pool';
import { StoreUnavailableError } from '../store/port';

const ajv = new Ajv({ strict: false });
addFormats.default(ajv);
const isJudgment = ajv.compile(judgmentSchema);
const isError = ajv.compile(errorResponseSchema);

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

async function start(env: Record<string, string> = {}) {
  const s = await testService(env);
  svc = s;
  return s;
}

/** An app over a test service's lifecycle and store, with the fake judge and no logs; `over` adds or replaces options. */
const appOver = (s: RunningService, over: Partial<Parameters<typeof buildApp>[0]>) =>
  buildApp({
    service: s.service,
    store: s.store,
    judge: fakeJudge,
    metrics: createServiceMetrics(s.store),
    logger: false,
    ...over,
  });

const put = (s: RunningService, key: string, body: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({
    method: 'PUT',
    url: `/v1/judgments/${key}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('PUT /v1/judgments/{key}', () => {
  it('creates (201), replays the same request (200, same judgment) and refuses a different body (409)', async () => {
    const s = await start();
    const first = await put(s, 'exec-1-stage-1-1714564800000', demoRequest());
    expect(first.statusCode).toBe(201);
    expect(isJudgment(first.json())).toBe(true);
    expect(first.json()).toMatchObject({ status: 'RUNNING', phase: 'QUEUED', intervalsPlanned: 3, verdict: null });

    const again = await put(s, 'exec-1-stage-1-1714564800000', demoRequest());
    expect(again.statusCode).toBe(200);
    expect(again.json().createdAt).toBe(first.json().createdAt);

    const other = await put(s, 'exec-1-stage-1-1714564800000', demoRequest('latency-regression'));
    expect(other.statusCode).toBe(409);
    expect(isError(other.json())).toBe(true);
    expect(other.json().error.code).toBe('KEY_CONFLICT');
  });

  it('builds absolute URLs from the public base URL, never from the Host header', async () => {
    const s = await start({ PUBLIC_BASE_URL: 'https://judge.example.com/' });
    const res = await put(s, 'k1', demoRequest(), { host: 'evil.example.org' });
    expect(res.json().statusUrl).toBe('https://judge.example.com/v1/judgments/k1');
    expect(res.json().reportUrl).toBe('https://judge.example.com/v1/judgments/k1/report');
    expect(res.json().message).toContain('https://judge.example.com/v1/judgments/k1/report');
  });

  it('accepts a text/plain body as JSON (Orca without a Content-Type header)', async () => {
    const s = await start();
    const res = await put(s, 'k-text', JSON.stringify(demoRequest()), { 'content-type': 'text/plain; charset=utf-8' });
    expect(res.statusCode).toBe(201);
  });

  it('accepts numeric strings (Deck’s generic form only produces strings)', async () => {
    const s = await start();
    const body = demoRequest() as unknown as { thresholds: Record<string, unknown>; timing: Record<string, unknown> };
    body.thresholds = { pass: '80', marginal: '60' };
    body.timing = { lifetimeMinutes: '20' };
    const res = await put(s, 'k-strings', body);
    expect(res.statusCode).toBe(201);
    expect(res.json().thresholds).toEqual({ pass: 80, marginal: 60 });
  });

  it('treats a blank numeric string as not given: an optional field defaults, a required one is missing', async () => {
    const s = await start();
    const body = demoRequest() as unknown as { thresholds: Record<string, unknown>; timing: Record<string, unknown> };
    body.timing = { lifetimeMinutes: '20', warmupMinutes: '', intervalMinutes: ' 10 ' };
    expect((await put(s, 'k-blank-ok', body)).json()).toMatchObject({ intervalsPlanned: 2 });
    body.thresholds = { pass: '', marginal: '50' };
    const blank = await put(s, 'k-blank-pass', body);
    expect(blank.statusCode).toBe(400);
    expect(blank.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'thresholds.pass' });
    body.thresholds = { pass: '75%', marginal: '50' };
    const junk = await put(s, 'k-junk-pass', body);
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.message).toBe('thresholds.pass: must be number (rule: type)');
  });

  it.each([
    ['a missing field', (b: Record<string, unknown>) => delete b['thresholds'], 'thresholds', 'is required'],
    [
      'a wrong type',
      (b: Record<string, unknown>) => ((b['timing'] as Record<string, unknown>)['lifetimeMinutes'] = 'soon'),
      'timing.lifetimeMinutes',
      'must be number',
    ],
    [
      'an out-of-range threshold',
      (b: Record<string, unknown>) => ((b['thresholds'] as Record<string, unknown>)['pass'] = 120),
      'thresholds.pass',
      'must be <= 100',
    ],
    ['an unknown field', (b: Record<string, unknown>) => (b['scope'] = 'x'), 'scope', 'is not a known field'],
    [
      'marginal above pass',
      (b: Record<string, unknown>) => (b['thresholds'] = { pass: 50, marginal: 70 }),
      'thresholds.marginal',
      'must be below pass (50)',
    ],
    [
      'both lifetime and end time',
      (b: Record<string, unknown>) =>
        (b['timing'] = {
          lifetimeMinutes: 10,
          startTimeIso: '2024-05-01T10:00:00Z',
          endTimeIso: '2024-05-01T11:00:00Z',
        }),
      'timing.lifetimeMinutes',
      'must not be given together with endTimeIso',
    ],
    [
      'an unknown metric source',
      (b: Record<string, unknown>) => (b['metricSource'] = 'graphite'),
      'metricSource',
      'not configured',
    ],
    [
      'a bad demo query',
      (b: Record<string, unknown>) =>
        ((b['canaryConfig'] as { metrics: Array<{ query: unknown }> }).metrics[1]!.query = { series: 'disk' }),
      'canaryConfig.metrics[1].query',
      'unknown demo series',
    ],
  ])('rejects %s with 400 naming the field and the rule', async (_what, mutate, field, rule) => {
    const s = await start();
    const body = structuredClone(demoRequest()) as unknown as Record<string, unknown>;
    mutate(body);
    const res = await put(s, 'k-bad', body);
    expect(res.statusCode).toBe(400);
    expect(isError(res.json())).toBe(true);
    expect(res.json().error.field).toBe(field);
    expect(res.json().error.message).toContain(rule);
    expect(res.json().status).toBe('TERMINAL');
    expect(await s.service.get('k-bad')).toBeNull();
  });

  it('refuses at creation a canary config the judge would refuse, naming the field', async () => {
    const s = await testService({}, { judge: realJudge });
    svc = s;
    const body = demoRequest();
    body.canaryConfig = structuredClone(body.canaryConfig);
    body.canaryConfig.metrics[2]!.analysisConfigurations = {
      canary: { outliers: { strategy: 'remove', outlierFactor: 0 } },
    };
    const res = await put(s, 'k-judge-refuses', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.field).toBe('canaryConfig.metrics[2].analysisConfigurations.canary.outliers.outlierFactor');
    expect(await s.service.get('k-judge-refuses')).toBeNull();
    expect((await put(s, 'k-judge-accepts', demoRequest())).statusCode).toBe(201);
  });

  it('rejects an unresolved ${…} expression with 400 naming the parameter, but allows query templates', async () => {
    const s = await start();
    const body = demoRequest();
    body.scopes.experimentScope = '${parameterValues.canaryScope}';
    const res = await put(s, 'k-spel', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNRESOLVED_EXPRESSION', field: 'scopes.experimentScope' });

    const ok = demoRequest();
    ok.canaryConfig = structuredClone(ok.canaryConfig);
    ok.canaryConfig.metrics[0]!.query = { series: 'latency', note: 'rate(x{job="${scope}"}[1m])' };
    expect((await put(s, 'k-template', ok)).statusCode).toBe(201);
  });

  it('names an unresolved ${…} expression in the judgment key (the URL template did not resolve)', async () => {
    const s = await start();
    const res = await put(s, encodeURIComponent('${execution.id}-stage-1'), demoRequest());
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNRESOLVED_EXPRESSION', field: 'judgmentKey' });
    const get = await s.app.inject({ method: 'GET', url: `/v1/judgments/${encodeURIComponent('${execution.id}')}` });
    expect(get.json().error.code).toBe('UNRESOLVED_EXPRESSION');
  });

  it('rejects a bad key, a body over the limit (413), an unknown content type (415) and bad JSON (400)', async () => {
    const s = await start();
    expect((await put(s, 'bad key!', demoRequest())).statusCode).toBe(400);
    const big = { ...demoRequest(), spinnaker: { user: 'x'.repeat(2 * 1024 * 1024) } };
    const tooBig = await put(s, 'k-big', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.code).toBe('BODY_TOO_LARGE');
    const xml = await put(s, 'k-xml', '<judgment/>', { 'content-type': 'application/xml' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const broken = await put(s, 'k-broken', '{"apiVersion": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('INVALID_JSON');
  });
});

describe('GET, cancel, report, POST', () => {
  it('GET returns 404 for an unknown key and 200 for a known one', async () => {
    const s = await start();
    const missing = await s.app.inject({ method: 'GET', url: '/v1/judgments/nope' });
    expect(missing.statusCode).toBe(404);
    expect(isError(missing.json())).toBe(true);
    await put(s, 'k-get', demoRequest());
    const found = await s.app.inject({ method: 'GET', url: '/v1/judgments/k-get' });
    expect(found.statusCode).toBe(200);
    expect(isJudgment(found.json())).toBe(true);
  });

  it('cancel: 202 for a running judgment, then 200 no-op, 404 for unknown; accepts an empty or text body', async () => {
    const s = await start();
    await put(s, 'k-cancel', demoRequest());
    const cancelWith = (payload: string) =>
      s.app.inject({
        method: 'POST',
        url: '/v1/judgments/k-cancel/cancel',
        headers: { 'content-type': 'application/json' },
        payload,
      });
    const first = await cancelWith('{}');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ status: 'CANCELED', verdict: null, phase: 'DONE' });
    expect(first.json().message).toMatch(/^CANCELED/);
    const again = await cancelWith('');
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('CANCELED');
    const unknown = await s.app.inject({ method: 'POST', url: '/v1/judgments/unknown/cancel' });
    expect(unknown.statusCode).toBe(404);
  });

  it('POST /v1/judgments creates with the key in the body and answers an absolute Location', async () => {
    const s = await start();
    const res = await sendJson(s, 'POST', '/v1/judgments', { judgmentKey: 'k-post', ...demoRequest() });
    expect(res.statusCode).toBe(201);
    expect(res.headers['location']).toBe('http://127.0.0.1:8095/v1/judgments/k-post');
    // The same request by PUT is a replay of the same judgment.
    expect((await put(s, 'k-post', demoRequest())).statusCode).toBe(200);
  });
});

describe('status-poll times for the pacer', () => {
  it('tells onStatusPoll the handling time of every answered status poll, and of nothing else', async () => {
    const s = await start();
    const times: number[] = [];
    const app = appOver(s, { onStatusPoll: (ms) => times.push(ms) });
    await put({ ...s, app } as RunningService, 'k', demoRequest());
    expect(times).toEqual([]); // a create is not a poll
    expect((await app.inject({ method: 'GET', url: '/v1/judgments/k' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/judgments/missing' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/v1/judgments/k/report' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(times).toHaveLength(1);
    expect(times[0]).toBeGreaterThanOrEqual(0);
    await app.close();
  });
});

describe('bearer token', () => {
  it('is required on /v1 and /judge when configured, not on health endpoints', async () => {
    const s = await start({ CANARY_JUDGE_TOKEN: 's3cret' });
    expect((await put(s, 'k-auth', demoRequest())).statusCode).toBe(401);
    expect((await put(s, 'k-auth', demoRequest(), { authorization: 'Bearer wrong' })).statusCode).toBe(401);
    expect((await put(s, 'k-auth', demoRequest(), { authorization: 'Bearer s3cret' })).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'POST', url: '/judge', payload: {} })).statusCode).toBe(401);
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect((await s.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });
});

describe('operations endpoints', () => {
  it('serves health, readiness and Prometheus metrics', async () => {
    const s = await start();
    await put(s, 'k-m', demoRequest());
    expect((await s.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await s.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const m = await s.app.inject({ method: 'GET', url: '/metrics' });
    expect(m.headers['content-type']).toContain('text/plain');
    expect(m.body).toContain('canary_judge_judgments_created_total{source="demo"} 1');
    expect(m.body).toContain('canary_judge_judgments{status="RUNNING"} 1');
    s.clock.advance(10 * 60_000 + 5_000);
    await s.scheduler.runOnce();
    const after = (await s.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(after).toContain('canary_judge_interval_start_lag_seconds_count 1');
    expect(after).toContain('canary_judge_interval_start_lag_seconds_bucket{le="5"} 1');
    expect(after).toContain('canary_judge_interval_evaluation_seconds_count{outcome="done"} 1');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const s = await start();
    const res = await s.app.inject({ method: 'GET', url: '/v2/nothing' });
    expect(res.statusCode).toBe(404);
    expect(isError(res.json())).toBe(true);
  });
});

describe('POST /judge (Kayenta RemoteJudge)', () => {
  const body = {
    canaryConfig: { metrics: [{ name: 'cpu', groups: ['system'] }] },
    metricSetPairList: [{ name: 'cpu', values: { control: [1, 2, 3, 'NaN'], experiment: [1, 2, 3, 4] } }],
    scoreThresholds: { pass: 75, marginal: 50 },
  };

  it('answers a CanaryJudgeResult with canaryJudge details', async () => {
    const s = await testService({}, { judge: realJudge });
    svc = s;
    const res = await s.app.inject({ method: 'POST', url: '/judge', payload: body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      judgeName: 'NetflixACAJudge-v1.0',
      score: { classification: expect.any(String) },
    });
    expect(res.json().results[0].canaryJudge).toBeDefined();
  });

  it('judges settings written as null like absent ones (Kayenta MapUtils: absent ⇒ default), not 400', async () => {
    const s = await testService({}, { judge: realJudge });
    svc = s;
    const nulls = {
      ...body,
      canaryConfig: {
        metrics: [
          {
            name: 'cpu',
            groups: ['system'],
            analysisConfigurations: {
              canary: { critical: null, direction: null, outliers: null, effectSize: { allowedIncrease: null } },
              canaryJudge: null,
            },
          },
        ],
      },
    };
    const withNulls = await s.app.inject({ method: 'POST', url: '/judge', payload: nulls });
    const plain = await s.app.inject({ method: 'POST', url: '/judge', payload: body });
    expect(withNulls.statusCode).toBe(200);
    expect(withNulls.body).toBe(plain.body);
  });

  it('refuses a schema violation and a request the judge refuses with 400 naming the path', async () => {
    const s = await testService({}, { judge: realJudge });
    svc = s;
    const bad = await s.app.inject({
      method: 'POST',
      url: '/judge',
      payload: { ...body, scoreThresholds: { pass: 75 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('scoreThresholds.marginal');
    const refused = await s.app.inject({
      method: 'POST',
      url: '/judge',
      payload: { ...body, metricSetPairList: [{ name: 'disk', values: { control: [1], experiment: [1] } }] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('JUDGE_REJECTED');
    expect(refused.json().error.field).toMatch(/metricSetPairList\[0\]/);
  });
});

describe('hostile input', () => {
  it('refuses deeply nested JSON with 400 NESTING_TOO_DEEP before parsing it', async () => {
    const s = await start();
    const deep = JSON.stringify(demoRequest()).replace(/\}$/, `,"deep":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const res = await put(s, 'k-deep', deep);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'NESTING_TOO_DEEP', field: '(body)' });
    // Brackets inside strings do not count.
    expect(jsonDepth(`{"a":"${'['.repeat(1000)}"}`)).toBe(1);
    expect(jsonDepth('{"a":[1,{"b":"[\\"["}]}')).toBe(3);
  });

  it('answers an undecodable URL with the JSON error shape', async () => {
    const s = await start();
    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/%ff%fe' });
    expect(res.statusCode).toBe(400);
    expect(isError(res.json())).toBe(true);
    expect(res.json().error.code).toBe('BAD_URL');
  });
});

describe('CORS (Deck fetching reports from the browser)', () => {
  it('answers preflights and adds Access-Control-Allow-Origin only for configured origins', async () => {
    const s = await start({ CANARY_JUDGE_CORS_ORIGINS: 'https://deck.example.com', CANARY_JUDGE_TOKEN: 't' });
    await put(s, 'k-cors', demoRequest(), { authorization: 'Bearer t' });
    const preflight = await s.app.inject({
      method: 'OPTIONS',
      url: '/v1/judgments/k-cors/report',
      headers: {
        origin: 'https://deck.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://deck.example.com');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/authorization/i);
    const get = await s.app.inject({
      method: 'GET',
      url: '/v1/judgments/k-cors/report',
      headers: { origin: 'https://deck.example.com', authorization: 'Bearer t' },
    });
    expect(get.statusCode).toBe(200);
    expect(get.headers['access-control-allow-origin']).toBe('https://deck.example.com');
    const other = await s.app.inject({
      method: 'GET',
      url: '/v1/judgments/k-cors',
      headers: { origin: 'https://evil.example.org', authorization: 'Bearer t' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers when no origin is configured', async () => {
    const s = await start();
    await put(s, 'k-nocors', demoRequest());
    const get = await s.app.inject({
      method: 'GET',
      url: '/v1/judgments/k-nocors',
      headers: { origin: 'https://deck.example.com' },
    });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('path parameters', () => {
  it('accepts a 200-character key and names the judgment key when it breaks the pattern', async () => {
    const s = await start();
    expect((await put(s, 'k'.repeat(200), demoRequest())).statusCode).toBe(201);
    expect((await s.app.inject({ method: 'GET', url: `/v1/judgments/${'k'.repeat(200)}` })).statusCode).toBe(200);
    const res = await s.app.inject({ method: 'GET', url: `/v1/judgments/${'k'.repeat(201)}` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'judgmentKey' });
    expect(res.json().error.message).toMatch(/^judgmentKey \(path parameter\): must match pattern/);
  });
});

describe('index and API description', () => {
  it('GET / links the endpoints and GET /openapi.json serves the committed document, without a token', async () => {
    const s = await start({ CANARY_JUDGE_TOKEN: 't' });
    const index = await s.app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.json().links.openapi).toBe('/openapi.json');
    const doc = await s.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const committed = JSON.parse(
      readFileSync(fileURLToPath(new URL('../../openapi/openapi.json', import.meta.url)), 'utf8'),
    ) as unknown;
    expect(doc.json()).toEqual(committed);
  });
});

describe('request logs', () => {
  it('log creations at info but leave polls, probes and scrapes out unless the level is debug', async () => {
    const run = async (level: string) => {
      const lines: string[] = [];
      const s = await testService({}, {});
      svc = s;
      const app = appOver(s, {
        logger: { level, stream: { write: (l: string) => void lines.push(l) } },
        limits: { maxEventLoopDelayMs: 0 },
      });
      await app.inject({ method: 'PUT', url: '/v1/judgments/k-log', payload: demoRequest() });
      await app.inject({ method: 'GET', url: '/v1/judgments/k-log' });
      await app.inject({ method: 'GET', url: '/healthz' });
      await app.close();
      return lines.map((l) => JSON.parse(l) as { msg: string; req?: { url: string } });
    };
    const info = await run('info');
    const urls = (entries: Array<{ req?: { url: string } }>) => entries.flatMap((e) => (e.req ? [e.req.url] : []));
    expect(urls(info)).toEqual(['/v1/judgments/k-log']);
    expect(info.some((e) => e.msg === 'judgment created')).toBe(true);
    await svc?.close();
    const debug = await run('debug');
    expect(urls(debug)).toEqual(['/v1/judgments/k-log', '/v1/judgments/k-log', '/healthz']);
  });
});

describe('load shedding and the judge queue', () => {
  const body = {
    canaryConfig: { metrics: [{ name: 'm', groups: ['g'] }] },
    metricSetPairList: [{ name: 'm', tags: {}, values: { control: [1, 2, 3], experiment: [1, 2, 3] } }],
    scoreThresholds: { pass: 75, marginal: 50 },
  };

  /** A judge runner whose bodies wait until released (so requests stay in flight), with 1 body slot. */
  function heldRunner() {
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    const inline = inlineJudgeRunner(fakeJudge, 1);
    const runner: JudgeRunner = {
      ...inline,
      judgeBody: async (b) => {
        await held;
        return inline.judgeBody(b);
      },
    };
    return { runner, release };
  }

  it('answers 429 with Retry-After beyond maxInFlightRequests; probes and /metrics are never shed', async () => {
    const s = await start();
    const { runner, release } = heldRunner();
    const app = appOver(s, {
      judgeRunner: runner,
      limits: { maxInFlightRequests: 1, retryAfterSeconds: 3, maxEventLoopDelayMs: 0 },
    });
    const pending = app.inject({ method: 'POST', url: '/judge', payload: body });
    await new Promise((r) => setTimeout(r, 50));
    const shed = await app.inject({ method: 'GET', url: '/v1/judgments/any' });
    expect(shed.statusCode).toBe(429);
    expect(shed.headers['retry-after']).toBe('3');
    expect(isError(shed.json())).toBe(true);
    expect(shed.json()).toMatchObject({ status: 'RUNNING', error: { code: 'TOO_MANY_REQUESTS' } });
    for (const url of ['/healthz', '/readyz', '/metrics']) {
      expect({ url, status: (await app.inject({ method: 'GET', url })).statusCode }).toEqual({ url, status: 200 });
    }
    const scrape = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(scrape).toMatch(/canary_judge_http_shed_total\{reason="TOO_MANY_REQUESTS"\} 1/);
    release();
    expect((await pending).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/judgments/any' })).statusCode).toBe(404);
    await app.close();
  });

  it('answers 429 JUDGE_QUEUE_FULL when every judge slot is taken, and judges again once one is free', async () => {
    const s = await start();
    const { runner, release } = heldRunner();
    const app = appOver(s, {
      judgeRunner: runner,
      limits: { maxEventLoopDelayMs: 0 },
    });
    const pending = app.inject({ method: 'POST', url: '/judge', payload: body });
    await new Promise((r) => setTimeout(r, 50));
    const full = await app.inject({ method: 'POST', url: '/judge', payload: body });
    expect(full.statusCode).toBe(429);
    expect(full.headers['retry-after']).toBe('1');
    expect(full.json()).toMatchObject({ status: 'RUNNING', error: { code: 'JUDGE_QUEUE_FULL' } });
    release();
    expect((await pending).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/judge', payload: body })).statusCode).toBe(200);
    await app.close();
  });

  it('sheds new judgments (not polls) while the evaluation backlog is over its limit', async () => {
    const s = await start();
    let backlog = 0;
    const app = appOver(s, {
      evaluationBacklog: () => backlog,
      limits: { maxEvaluationBacklog: 2, maxEventLoopDelayMs: 0 },
    });
    const create = (key: string) => app.inject({ method: 'PUT', url: `/v1/judgments/${key}`, payload: demoRequest() });
    expect((await create('b1')).statusCode).toBe(201);
    backlog = 3;
    const shed = await create('b2');
    expect(shed.statusCode).toBe(429);
    expect(shed.json()).toMatchObject({ status: 'RUNNING', error: { code: 'EVALUATION_BACKLOG' } });
    expect(shed.json().error.message).toMatch(/3 due intervals/);
    expect((await app.inject({ method: 'GET', url: '/v1/judgments/b1' })).statusCode).toBe(200);
    backlog = 2;
    expect((await create('b2')).statusCode).toBe(201);
    await app.close();
  });
});

describe('503 and protocol answers', () => {
  it('readiness says "database unreachable" with status RUNNING, never the driver text', async () => {
    const s = await start();
    s.store.ping = async () => {
      throw new StoreUnavailableError('unavailable', 'connect ECONNREFUSED 10.1.2.3:5432');
    };
    const res = await s.app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({
      status: 'RUNNING',
      error: { code: 'STORE_UNAVAILABLE', message: 'the judgment store does not answer: database unreachable' },
    });
    expect(res.body).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|TERMINAL/);
  });

  it('serves the store-level StoreUnavailableError as a retryable 503 STORE_UNAVAILABLE, its detail in the logs only', async () => {
    const s = await start();
    const message = 'the judgment store (PostgreSQL) is unavailable: database unreachable; retry';
    const unavailable = async (): Promise<never> => {
      throw new StoreUnavailableError(message, 'connect ECONNREFUSED 10.1.2.3:5432');
    };
    s.store.getJudgment = unavailable;
    s.store.getJudgmentWithIntervals = unavailable;
    const res = await s.app.inject({ method: 'GET', url: '/v1/judgments/k1' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'RUNNING', error: { code: 'STORE_UNAVAILABLE', message } });
    expect(res.body).not.toMatch(/10\.1\.2\.3|ECONNREFUSED|TERMINAL/);
  });

  it('answers a known path with another method 405 (Allow) and an unknown path 404', async () => {
    const s = await start();
    const res = await s.app.inject({ method: 'DELETE', url: '/v1/judgments/k1/report' });
    expect(res.statusCode).toBe(405);
    expect(res.headers['allow']).toBe('GET');
    expect(res.json()).toMatchObject({ status: 'TERMINAL', error: { code: 'METHOD_NOT_ALLOWED', field: 'method' } });
    expect((await s.app.inject({ method: 'GET', url: '/v2/nothing' })).statusCode).toBe(404);
  });

  it('refuses the judgment keys . and .. (clients normalise URLs built from them)', async () => {
    const s = await start();
    const res = await s.app.inject({
      method: 'POST',
      url: '/v1/judgments',
      payload: { ...demoRequest(), judgmentKey: '..' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'judgmentKey' });
  });
});

describe('shedding on event-loop delay', () => {
  it('answers 429 OVERLOADED while the event loop lags past http.maxEventLoopDelayMs; probes still answer', async () => {
    const s = await start();
    const app = appOver(s, {
      limits: { maxEventLoopDelayMs: 250 },
    });
    await app.ready();
    const until = Date.now() + 700;
    while (Date.now() < until); // the event loop is blocked for 700 ms
    await new Promise((r) => setTimeout(r, 60)); // the delay timer notes it
    const shed = await app.inject({ method: 'GET', url: '/v1/judgments/any' });
    expect(shed.statusCode).toBe(429);
    expect(shed.json()).toMatchObject({ status: 'RUNNING', error: { code: 'OVERLOADED' } });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    // Once the loop keeps time again, requests are served.
    let status = 429;
    for (let i = 0; i < 100 && status === 429; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = (await app.inject({ method: 'GET', url: '/v1/judgments/any' })).statusCode;
    }
    expect(status).toBe(404);
    await app.close();
  });
});
