/**
 * Security of the judge service (in-process, `fastify.inject`): with a token configured every endpoint except
 * health and readiness refuses requests without the right bearer token; and no request can make the service contact
 * a URL that is not in its configuration — URLs planted in every string field of a judgment request (metric source,
 * queries, scopes, extended scope parameters, Spinnaker metadata, Host headers) are never fetched; only the
 * operator-configured Prometheus is.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testService } from '@canary-judge/orca-stage-spec/testing';
import { promqlRequest } from '../support/promql-request';
import { startStubServer, type StubServer } from '../support/stub-server';

const TOKEN = 'a-long-random-operator-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };

let dir: string;
let prometheus: StubServer;
let evil: StubServer;
let svc: Awaited<ReturnType<typeof testService>>;

beforeAll(async () => {
  prometheus = await startStubServer((req) => {
    const q = new URL(req.url, 'http://x').searchParams;
    const start = Number(q.get('start'));
    const values = Array.from({ length: 10 }, (_, i) => [start + i * 60, String(100 + (i % 3))]);
    return {
      status: 200,
      body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } },
    };
  });
  evil = await startStubServer(() => ({ status: 200, body: {} }));
  dir = mkdtempSync(join(tmpdir(), 'canary-judge-security-'));
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({ metricSources: { prometheus: { type: 'prometheus', baseUrl: prometheus.baseUrl } } }),
  );
  svc = await testService({
    CANARY_JUDGE_TOKEN: TOKEN,
    CANARY_JUDGE_CONFIG: configFile,
    PUBLIC_BASE_URL: 'https://judge.example.com',
  });
  await svc.app.ready();
});

afterAll(async () => {
  await svc?.close();
  await prometheus?.close();
  await evil?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function promRequest(over: Partial<JudgmentRequest> = {}): JudgmentRequest {
  return {
    ...promqlRequest({
      name: 'security',
      namedJudge: true,
      metrics: [{ name: 'latency', promql: 'latency{deployment="${scope}"}' }],
      scopes: { controlScope: 'baseline', experimentScope: 'canary' },
      timing: { startTimeIso: '2024-05-01T10:00:00Z', endTimeIso: '2024-05-01T11:00:00Z' },
    }),
    ...over,
  };
}

const PROTECTED: Array<[method: 'GET' | 'PUT' | 'POST', url: string]> = [
  ['PUT', '/v1/judgments/auth-1'],
  ['POST', '/v1/judgments'],
  ['GET', '/v1/judgments/auth-1'],
  ['POST', '/v1/judgments/auth-1/cancel'],
  ['GET', '/v1/judgments/auth-1/report'],
  ['POST', '/judge'],
  ['GET', '/metrics'],
  ['GET', '/v1/unknown-route'],
];

describe('bearer token', () => {
  it.each(PROTECTED)(
    '%s %s refuses a request without the right token (401 JSON naming authorization)',
    async (m, u) => {
      const wrong: Array<Record<string, string>> = [
        {},
        { authorization: '' },
        { authorization: 'Bearer' },
        { authorization: 'Bearer wrong' },
        { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
        { authorization: `Bearer ${TOKEN}x` },
        { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` },
        { authorization: TOKEN },
      ];
      for (const headers of wrong) {
        const res = await svc.app.inject({ method: m, url: u, headers, payload: m === 'GET' ? undefined : {} });
        expect({ headers, status: res.statusCode }).toEqual({ headers, status: 401 });
        expect(res.headers['www-authenticate']).toBe('Bearer');
        expect(res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', field: 'authorization' } });
      }
      const ok = await svc.app.inject({ method: m, url: u, headers: AUTH, payload: m === 'GET' ? undefined : {} });
      expect(ok.statusCode).not.toBe(401);
    },
  );

  it('lets health and readiness through without a token', async () => {
    for (const url of ['/healthz', '/readyz']) {
      expect((await svc.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});

describe('outbound requests go only to configured URLs', () => {
  it('refuses a metric source that is a URL instead of a configured name', async () => {
    const res = await svc.app.inject({
      method: 'PUT',
      url: '/v1/judgments/ssrf-0',
      headers: AUTH,
      payload: promRequest({ metricSource: evil.baseUrl }),
    });
    expect(res.statusCode).toBe(400);
    expect(evil.requests).toHaveLength(0);
  });

  it('never contacts URLs planted in the request or in Host headers; only the configured Prometheus', async () => {
    const url = `${evil.baseUrl}/api/v1/query_range`;
    const base = promRequest();
    const planted = promRequest({
      spinnaker: { application: url, pipelineName: url, executionId: url, stageId: url, user: url },
      canaryConfig: {
        ...base.canaryConfig,
        name: url,
        metrics: [
          {
            name: 'latency',
            groups: ['latency'],
            query: { promql: 'latency{deployment="${scope}"}', baseUrl: evil.baseUrl, url, endpoint: url },
            analysisConfigurations: { canary: { direction: 'increase' } },
          },
        ],
      },
      scopes: {
        controlScope: url,
        experimentScope: evil.baseUrl,
        controlLocation: url,
        experimentLocation: url,
        extendedScopeParams: { baseUrl: evil.baseUrl, url },
      },
    });
    const host = new URL(evil.baseUrl).host;
    const headers = { ...AUTH, host, 'x-forwarded-host': host, 'x-forwarded-proto': 'http', forwarded: `host=${host}` };
    const put = await svc.app.inject({ method: 'PUT', url: '/v1/judgments/ssrf-1', headers, payload: planted });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({
      statusUrl: 'https://judge.example.com/v1/judgments/ssrf-1',
      reportUrl: 'https://judge.example.com/v1/judgments/ssrf-1/report',
    });
    svc.clock.set(Date.parse('2024-05-01T12:00:00Z'));
    while ((await svc.scheduler.runOnce()) > 0);
    const done = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/ssrf-1', headers })).json();
    expect(done.status).not.toBe('RUNNING');
    expect(prometheus.requests.length).toBeGreaterThanOrEqual(2);
    expect(prometheus.requests.every((r) => r.url.startsWith('/api/v1/query_range?'))).toBe(true);
    expect(evil.requests).toHaveLength(0);
  });
});
