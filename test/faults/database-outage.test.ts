/**
 * Database unreachable: PostgreSQL is stopped under two running replicas while a live judgment is in progress.
 * Status, report, create and cancel requests must answer 503 with a JSON `STORE_UNAVAILABLE` error (Orca retries 5xx
 * on polls; a 404 would make it fail the stage and a 500 would hide the cause), readiness must fail while liveness
 * holds, and once PostgreSQL is back the judgment continues and ends with its normal verdict.
 */
import { describe, expect, it } from 'vitest';
import { demoRequest } from '@canary-judge/orca-stage-spec/testing';
import { sleep, waitUntil } from '../support/wait';
import { getJson, putJudgment } from '../replicas/cluster';
import { twoReplicas, useReplicaCluster } from '../replicas/use-cluster';

const CONFIG = { scheduler: { tickMs: 100, leaseSeconds: 2, deadlineGraceMinutes: 120 } };

describe('PostgreSQL unreachable under two replicas', () => {
  const startedCluster = useReplicaCluster({ replicas: 2, clockSpeed: 120, config: CONFIG });

  it('answers 503 STORE_UNAVAILABLE (never 404 or 500) while it is down and resumes the judgment when it returns', async () => {
    const cluster = startedCluster();
    const [a, b] = twoReplicas(cluster);
    const request = demoRequest('healthy', { lifetimeMinutes: 30, intervalMinutes: 10 });
    expect((await putJudgment(a.baseUrl, 'outage-1', request)).status).toBe(201);

    await cluster.postgres.stop();
    const seen = new Map<string, number[]>();
    const probe = async (name: string, baseUrl: string, path: string, init?: RequestInit) => {
      const res = await fetch(`${baseUrl}${path}`, init);
      const list = seen.get(name) ?? [];
      list.push(res.status);
      seen.set(name, list);
      if (res.status === 503) {
        const text = await res.text();
        const body = JSON.parse(text) as { status?: string; error?: { code?: string; message?: string } };
        expect(body.error?.code).toBe('STORE_UNAVAILABLE');
        expect(body.error?.message).toMatch(/PostgreSQL|store/);
        // Issue 14: no database address outside the logs, and no terminal status word on a retryable answer.
        expect({ name, leaked: /127\.0\.0\.1|ECONNREFUSED|:\d{4,5}\b/.test(text) }).toEqual({ name, leaked: false });
        expect({ name, status: body.status }).toEqual({ name, status: 'RUNNING' });
        expect(text).not.toContain('TERMINAL');
      } else {
        await res.arrayBuffer();
      }
    };
    const put = {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    };
    // About six judgment minutes of outage: interval 1 falls due while the database is away.
    const until = Date.now() + 3_000;
    while (Date.now() < until) {
      for (const r of [a, b]) {
        await probe('status', r.baseUrl, '/v1/judgments/outage-1');
        await probe('unknown', r.baseUrl, '/v1/judgments/never-created');
        await probe('report', r.baseUrl, '/v1/judgments/outage-1/report');
        await probe('create', r.baseUrl, '/v1/judgments/outage-2', put);
        await probe('cancel', r.baseUrl, '/v1/judgments/other/cancel', { method: 'POST' });
        await probe('readyz', r.baseUrl, '/readyz');
        await probe('healthz', r.baseUrl, '/healthz');
      }
      await sleep(100);
    }
    for (const name of ['status', 'unknown', 'report', 'create', 'cancel', 'readyz']) {
      expect({ name, statuses: [...new Set(seen.get(name))] }).toEqual({ name, statuses: [503] });
    }
    expect([...new Set(seen.get('healthz'))]).toEqual([200]);

    await cluster.postgres.start();
    await waitUntil(async () => (await getJson(b.baseUrl, '/readyz')).status === 200, {
      timeoutMs: 20_000,
      what: 'replica ready again',
    });
    const after: number[] = [];
    const done = await waitUntil(
      async () => {
        const r = await getJson(b.baseUrl, '/v1/judgments/outage-1');
        after.push(r.status);
        return r.status === 200 && r.body['status'] !== 'RUNNING' ? r.body : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: 'outage-1 finished' },
    );
    expect(after.every((s) => s === 200 || s === 503)).toBe(true);
    expect(done).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', intervalsPlanned: 3 });
    expect((await putJudgment(a.baseUrl, 'outage-2', request)).status).toBe(201);
  }, 150_000);
});
