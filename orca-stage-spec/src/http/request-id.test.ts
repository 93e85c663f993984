import { afterEach, describe, expect, it } from 'vitest';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import { fakeJudge, testService } from '../testing/fixtures';
import { buildApp } from './app';
import { createServiceMetrics } from './metrics';
import { REQUEST_ID_PATTERN, requestIdOf } from './request-id';

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

async function appWithLog() {
  const lines: string[] = [];
  const s = await testService();
  svc = s;
  const app = buildApp({
    service: s.service,
    store: s.store,
    judge: fakeJudge,
    metrics: createServiceMetrics(s.store),
    token: 'secret',
    logger: { level: 'info', stream: { write: (l: string) => void lines.push(l) } },
  });
  return { app, logs: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request ids', () => {
  // First in the file: Fastify emits each deprecation warning once per process, so an earlier app would hide it.
  it('builds the app without a Fastify deprecation warning (the log label is set through logController)', async () => {
    const warnings: string[] = [];
    const listener = (w: Error) => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', listener);
    try {
      const { app, logs } = await appWithLog();
      const put = await app.inject({
        method: 'PUT',
        url: '/v1/judgments/k1',
        headers: { authorization: 'Bearer secret', 'x-request-id': 'label-1' },
        payload: demoRequest(),
      });
      expect(put.statusCode).toBe(201);
      await app.close();
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      expect(warnings.filter((w) => w.includes('Fastify'))).toEqual([]);
      const lines = logs().filter((l) => l['requestId'] === 'label-1');
      expect(lines.map((l) => l['msg'])).toContain('judgment created');
      expect(lines.every((l) => !('reqId' in l))).toBe(true);
    } finally {
      process.off('warning', listener);
    }
  });

  it("takes the caller's X-Request-Id: response header, error body and every log line of the request", async () => {
    const { app, logs } = await appWithLog();
    const auth = { authorization: 'Bearer secret', 'x-request-id': 'orca-7f3a:42' };
    const missing = await app.inject({ url: '/v1/judgments/nope', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['x-request-id']).toBe('orca-7f3a:42');
    expect(missing.json()).toMatchObject({ requestId: 'orca-7f3a:42', error: { code: 'NOT_FOUND' } });
    const bad = await app.inject({
      method: 'PUT',
      url: '/v1/judgments/k1',
      headers: { ...auth, 'x-request-id': 'put-1' },
      payload: { ...demoRequest(), thresholds: { pass: 50, marginal: 75 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ requestId: 'put-1', error: { field: 'thresholds.marginal' } });
    const created = await app.inject({
      method: 'PUT',
      url: '/v1/judgments/k2',
      headers: { ...auth, 'x-request-id': 'put-2' },
      payload: demoRequest(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers['x-request-id']).toBe('put-2');
    expect(created.json().requestId).toBeUndefined(); // success bodies keep their contract shape
    const unauthorized = await app.inject({ url: '/v1/judgments/k2', headers: { 'x-request-id': 'no-token' } });
    expect(unauthorized.statusCode).toBe(401);
    expect(unauthorized.json().requestId).toBe('no-token');
    const notFoundRoute = await app.inject({ url: '/nowhere', headers: { 'x-request-id': 'route-1' } });
    expect(notFoundRoute.json().requestId).toBe('route-1');
    await app.close();
    const put2 = logs().filter((l) => l['requestId'] === 'put-2');
    expect(put2.map((l) => l['msg'])).toEqual(
      expect.arrayContaining(['incoming request', 'judgment created', 'request completed']),
    );
    expect(logs().every((l) => typeof l['requestId'] === 'string')).toBe(true);
  });

  it('generates a UUID when the header is absent or not a plausible id', async () => {
    const { app } = await appWithLog();
    for (const headers of [{}, { 'x-request-id': 'has spaces and ☃' }, { 'x-request-id': 'x'.repeat(129) }]) {
      const res = await app.inject({
        url: '/v1/judgments/nope',
        headers: { authorization: 'Bearer secret', ...headers },
      });
      const id = res.headers['x-request-id'];
      expect(id).toMatch(UUID);
      expect(res.json().requestId).toBe(id);
    }
    await app.close();
  });

  it('accepts ids of letters, digits and ._:- up to 128 characters', () => {
    expect(requestIdOf({ 'x-request-id': 'a.b_c:d-1' })).toBe('a.b_c:d-1');
    expect(REQUEST_ID_PATTERN.test('x'.repeat(128))).toBe(true);
    expect(requestIdOf({ 'x-request-id': ['a', 'b'] })).toMatch(UUID);
  });
});
