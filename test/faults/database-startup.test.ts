/**
 * Database unreachable at start-up: the service is started (PostgreSQL store) before PostgreSQL. Instead of exiting
 * it must stay up — liveness 200, readiness 503, every judgment endpoint 503 `STORE_UNAVAILABLE` (Orca retries 5xx on
 * polls; a 404 would fail the stage) — keep connecting with backoff, and once PostgreSQL is there run the migrations
 * and serve normally: a judgment created afterwards runs to its verdict.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { demoRequest, startTestPostgres, type TestPostgres } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { sleep, waitUntil } from '../support/wait';

let postgres: TestPostgres | undefined;
let service: JudgeService | undefined;

afterAll(async () => {
  await service?.cleanup();
  await postgres?.destroy();
});

describe('PostgreSQL unreachable when the service starts', () => {
  it('serves 503 STORE_UNAVAILABLE (liveness 200) until PostgreSQL comes, then migrates and judges', async () => {
    postgres = await startTestPostgres();
    const databaseUrl = await postgres.createDatabase('judge');
    await postgres.stop();

    // Started with liveness as its readiness: the service must come up and stay up without its database.
    service = await startJudgeService({
      clockSpeed: 120,
      config: { scheduler: { tickMs: 100, deadlineGraceMinutes: 120 } },
      env: { CANARY_JUDGE_STORE: 'postgres', CANARY_JUDGE_DATABASE_URL: databaseUrl },
      readyPath: '/healthz',
      readyTimeoutMs: 60_000,
    });
    const { baseUrl } = service;

    const request = demoRequest('healthy', { lifetimeMinutes: 20, intervalMinutes: 10 });
    const put = { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) };
    const probes: Array<[string, string, RequestInit | undefined]> = [
      ['status', '/v1/judgments/s1', undefined],
      ['report', '/v1/judgments/s1/report', undefined],
      ['create', '/v1/judgments/s1', put],
      [
        'create (POST)',
        '/v1/judgments',
        { ...put, method: 'POST', body: JSON.stringify({ ...request, judgmentKey: 's2' }) },
      ],
      ['cancel', '/v1/judgments/s1/cancel', { method: 'POST' }],
      ['readyz', '/readyz', undefined],
    ];
    const seen = new Map<string, Set<number>>();
    const until = Date.now() + 2_000;
    while (Date.now() < until) {
      for (const [name, path, init] of probes) {
        const res = await fetch(`${baseUrl}${path}`, init);
        (seen.get(name) ?? seen.set(name, new Set()).get(name))?.add(res.status);
        const text = await res.text();
        const body = JSON.parse(text) as { status?: string; error?: { code?: string; message?: string } };
        expect({ name, code: body.error?.code }).toEqual({ name, code: 'STORE_UNAVAILABLE' });
        expect(body.error?.message).toMatch(/store.*database unreachable/);
        // Issue 14: the answer never names the database address (logs only), and a retryable answer never
        // carries Orca's terminal status word.
        expect({ name, leaked: /127\.0\.0\.1|ECONNREFUSED|:\d{4,5}\b/.test(text) }).toEqual({ name, leaked: false });
        expect({ name, status: body.status }).toEqual({ name, status: 'RUNNING' });
        expect(text).not.toContain('TERMINAL');
      }
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      await sleep(100);
    }
    for (const [name] of probes)
      expect({ name, statuses: [...(seen.get(name) ?? [])] }).toEqual({ name, statuses: [503] });
    expect(service.process.hasExited()).toBe(false);
    expect(service.process.output()).toMatch(/PostgreSQL not reachable at start-up/);

    await postgres.start();
    await waitUntil(async () => (await fetch(`${baseUrl}/readyz`)).status === 200, {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: 'service ready once PostgreSQL is up',
    });
    // The migrations ran.
    const db = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const versions = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
      expect(versions.rows.length).toBeGreaterThan(0);
    } finally {
      await db.end();
    }
    // Normal service: create, poll to the verdict.
    const created = await waitUntil(
      async () => {
        const res = await fetch(`${baseUrl}/v1/judgments/s1`, put);
        return res.status === 503 ? undefined : res.status;
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'judgment created' },
    );
    expect(created).toBe(201);
    const done = await waitUntil(
      async () => {
        const res = await fetch(`${baseUrl}/v1/judgments/s1`);
        const body = (await res.json()) as Record<string, unknown>;
        return res.status === 200 && body['status'] !== 'RUNNING' ? body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 's1 finished' },
    );
    expect(done).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', intervalsPlanned: 2 });
  }, 150_000);
});
