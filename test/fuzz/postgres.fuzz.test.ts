/**
 * The same bad-input rule with the PostgreSQL store behind the service (the store adds its own ways to fail: text
 * encodings, parameter types, numeric ranges): 2,000 mutated and malformed judgment requests (fast-check, fixed
 * seed) against an in-process service on a throw-away PostgreSQL — no 5xx, 4xx JSON errors naming what is wrong —
 * and afterwards a normal judgment is created, judged and read back correctly.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadConfig,
  demoRequest,
  ManualClock,
  libraryJudge,
  createService,
  type RunningService,
  startTestPostgres,
  type TestPostgres,
} from '@canary-judge/orca-stage-spec/testing';
import { fuzzAll } from './answers';
import { bodyRequests, oddKeySegment, type FuzzRequest } from './mutations';

const TIMING = { lifetimeMinutes: 30, intervalMinutes: 10 };
const clock = new ManualClock(Date.parse('2024-05-01T12:00:00Z'));
let postgres: TestPostgres | undefined;
let svc: RunningService | undefined;

beforeAll(async () => {
  postgres = await startTestPostgres();
  const url = await postgres.createDatabase('fuzz');
  const config = loadConfig({ CANARY_JUDGE_STORE: 'postgres', CANARY_JUDGE_DATABASE_URL: url, LOG_LEVEL: 'silent' });
  svc = await createService(config, { clock, judge: libraryJudge(), startScheduler: false });
  await svc.app.ready();
}, 60_000);

afterAll(async () => {
  await svc?.close();
  await postgres?.destroy();
});

describe('fuzzing the judgment endpoints with the PostgreSQL store', () => {
  it('answers 2,000 bad requests with 4xx JSON errors (no 5xx), then judges a normal request', async () => {
    if (!svc) throw new Error('service did not start');
    const valid = demoRequest('healthy', TIMING);
    const key = fc.oneof(fc.constantFrom('pg-1', 'pg-2'), oddKeySegment);
    const requests: FuzzRequest[] = [
      ...fc.sample(
        bodyRequests(
          'put',
          'PUT',
          key.map((k) => `/v1/judgments/${k}`),
          valid as never,
        ),
        { numRuns: 1500, seed: 7 },
      ),
      ...fc.sample(
        bodyRequests('post', 'POST', fc.constant('/v1/judgments'), { judgmentKey: 'pg-3', ...valid } as never),
        {
          numRuns: 500,
          seed: 8,
        },
      ),
    ];
    const { failures, statuses } = await fuzzAll(svc.app, requests);
    expect(failures.slice(0, 5), `${failures.length} bad answers`).toEqual([]);
    expect([...statuses].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(1000);

    const put = await svc.app.inject({ method: 'PUT', url: '/v1/judgments/pg-after', payload: valid });
    expect(put.statusCode).toBe(201);
    for (let k = 0; k < 3; k++) {
      clock.advance(10 * 60_000);
      while ((await svc.scheduler.runOnce()) > 0);
    }
    const got = await svc.app.inject({ method: 'GET', url: '/v1/judgments/pg-after' });
    expect(got.json()).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', intervalsPlanned: 3 });
  }, 120_000);
});
