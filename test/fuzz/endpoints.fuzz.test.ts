/**
 * Bad input: more than 10,000 malformed or mutated requests (fast-check, fixed seed) to every endpoint of an
 * in-process judge service (`fastify.inject`, SQLite in memory, the library judge): wrong types, huge and non-finite
 * numbers, deep nesting, bodies past the limit, invalid UTF-8, unknown fields, `${…}` expressions, odd judgment keys,
 * wrong methods and content types. Every answer must be < 500, and every refusal a 4xx JSON error with a code and a
 * message (and the field, for validation errors), at most 4 KiB long. Afterwards the service still judges a normal
 * request correctly.
 */
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest, DEMO_CANARY_CONFIG, libraryJudge, testService } from '@canary-judge/orca-stage-spec/testing';
import { fuzzAll } from './answers';
import { bodyRequests, oddKeySegment, strayRequests, type FuzzRequest } from './mutations';

type Service = Awaited<ReturnType<typeof testService>>;
let svc: Service;

beforeAll(async () => {
  svc = await testService({}, { judge: libraryJudge() });
  await svc.app.ready();
});

afterAll(async () => {
  await svc?.close();
});

const SEED = 20_260_501;
const TIMING = { lifetimeMinutes: 30, intervalMinutes: 10 };

function remoteJudgeRequest() {
  const values = (base: number) => Array.from({ length: 8 }, (_, i) => base + ((i * 7) % 5) / 10);
  return {
    canaryConfig: DEMO_CANARY_CONFIG,
    metricSetPairList: DEMO_CANARY_CONFIG.metrics.map((m, k) => ({
      name: m.name,
      id: `id-${k}`,
      tags: {},
      values: { control: values(10 + k), experiment: values(10.2 + k) },
      scopes: { control: { scope: 'c', location: null }, experiment: { scope: 'e', location: null } },
    })),
    scoreThresholds: { pass: 75, marginal: 50 },
  };
}

describe('fuzzing every endpoint with malformed and mutated requests', () => {
  it('answers more than 10,000 bad requests with 4xx JSON errors (no crash, no 5xx)', async () => {
    const valid = demoRequest('healthy', TIMING);
    expect((await svc.app.inject({ method: 'PUT', url: '/v1/judgments/k1', payload: valid })).statusCode).toBe(201);
    const goodKey = fc.constantFrom('k1', 'k2', 'fuzz-key');
    const keySeg = fc.oneof(goodKey, oddKeySegment);
    const families: Array<[fc.Arbitrary<FuzzRequest>, number]> = [
      [
        bodyRequests(
          'put',
          'PUT',
          keySeg.map((k) => `/v1/judgments/${k}`),
          valid as never,
        ),
        3000,
      ],
      [bodyRequests('post', 'POST', fc.constant('/v1/judgments'), { judgmentKey: 'p1', ...valid } as never), 1500],
      [bodyRequests('judge', 'POST', fc.constant('/judge'), remoteJudgeRequest() as never), 2000],
      [
        fc
          .record({
            method: fc.constantFrom('GET', 'POST'),
            key: keySeg,
            suffix: fc.constantFrom('', '/report', '/cancel'),
          })
          .map(({ method, key, suffix }): FuzzRequest => ({
            kind: 'keys',
            method: suffix === '/cancel' ? 'POST' : method === 'POST' ? 'GET' : method,
            url: `/v1/judgments/${key}${suffix}`,
            headers: {},
          })),
        2000,
      ],
      [strayRequests, 1600],
    ];
    const requests = families.flatMap(([arb, n], i) => fc.sample(arb, { numRuns: n, seed: SEED + i }));
    // Bodies past the limits (1 MiB for judgments, 64 MiB for /judge).
    const big = JSON.stringify({ ...valid, spinnaker: { user: 'x'.repeat(1024 * 1024) } });
    requests.push(
      {
        kind: 'limit',
        method: 'PUT',
        url: '/v1/judgments/big',
        headers: { 'content-type': 'application/json' },
        payload: big,
      },
      {
        kind: 'limit',
        method: 'POST',
        url: '/v1/judgments',
        headers: { 'content-type': 'application/json' },
        payload: big,
      },
      {
        kind: 'limit',
        method: 'POST',
        url: '/judge',
        headers: { 'content-type': 'application/json' },
        payload: `{"canaryConfig":"${'x'.repeat(64 * 1024 * 1024)}"}`,
      },
    );
    expect(requests.length).toBeGreaterThanOrEqual(10_000);

    const { failures, statuses } = await fuzzAll(svc.app, requests);
    if (process.env['FUZZ_DUMP']) writeFileSync(process.env['FUZZ_DUMP'], JSON.stringify(failures, null, 1));
    expect(failures.slice(0, 5), `${failures.length} bad answers`).toEqual([]);
    const refused = [...statuses].filter(([s]) => s >= 400 && s < 500).reduce((n, [, c]) => n + c, 0);
    // The fuzz reaches the validation: most requests are refused, with several distinct 4xx statuses.
    expect(refused).toBeGreaterThan(requests.length / 2);
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(4);
    expect(statuses.get(413)).toBeGreaterThanOrEqual(3);
  }, 240_000);

  it('still judges a normal request correctly afterwards', async () => {
    const put = await svc.app.inject({
      method: 'PUT',
      url: '/v1/judgments/after-fuzz',
      payload: demoRequest('healthy', TIMING),
    });
    expect(put.statusCode).toBe(201);
    for (let k = 1; k <= 3; k++) {
      svc.clock.advance(10 * 60_000);
      while ((await svc.scheduler.runOnce()) > 0);
    }
    const got = await svc.app.inject({ method: 'GET', url: '/v1/judgments/after-fuzz' });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS' });
    const bad = await svc.app.inject({ method: 'PUT', url: '/v1/judgments/after-fuzz-2', payload: { nope: 1 } });
    expect(bad.statusCode).toBe(400);
  });
});
