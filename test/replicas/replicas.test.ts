/**
 * Scale-out: two judge processes share one PostgreSQL (accelerated clock ×120). Any replica answers any request;
 * each interval is evaluated exactly once across the replicas; and when one replica is killed with SIGKILL while
 * 100 judgments are live, the other takes its leased intervals over once the leases expire and every judgment ends
 * with the same results as an undisturbed in-process run of the same requests at the same times.
 */
import type { JudgmentRequest } from '@canary-judge/shared';
import { describe, expect, it } from 'vitest';
import { demoRequest, type DemoScenario } from '@canary-judge/orca-stage-spec/testing';
import { waitUntil } from '../support/wait';
import {
  evaluationCount,
  getJson,
  putJudgment,
  referenceOutcomes,
  storedOutcomes,
  type ReplicaCluster,
} from './cluster';
import { twoReplicas, useReplicaCluster } from './use-cluster';

// Leases of 2 real seconds (= 4 judgment minutes at ×120) so a dead replica's work is taken over quickly; a long
// deadline grace so that a slow, shared CI machine never turns a late interval into DEADLINE_EXCEEDED.
const CONFIG = { scheduler: { tickMs: 100, leaseSeconds: 2, deadlineGraceMinutes: 120, maxConcurrent: 4 } };
const SCENARIOS: DemoScenario[] = ['healthy', 'latency-regression', 'error-burst', 'healthy'];
const TIMING = { lifetimeMinutes: 30, intervalMinutes: 10 };

function requestFor(k: number): JudgmentRequest {
  return demoRequest(SCENARIOS[k % SCENARIOS.length], TIMING);
}

async function createdTimes(cluster: ReplicaCluster, keys: string[], requests: Map<string, JudgmentRequest>) {
  const rows = await cluster.db.query<{ key: string; created_ms: string }>(
    'SELECT key, created_ms FROM judgments WHERE key = ANY($1)',
    [keys],
  );
  return new Map(
    rows.rows.map((r) => [r.key, { request: requests.get(r.key) as JudgmentRequest, createdMs: Number(r.created_ms) }]),
  );
}

async function allFinished(cluster: ReplicaCluster, keys: string[]): Promise<boolean> {
  const r = await cluster.db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM judgments WHERE key = ANY($1) AND status <> 'RUNNING'`,
    [keys],
  );
  return r.rows[0]?.n === keys.length;
}

describe('two replicas on one PostgreSQL', () => {
  const startedCluster = useReplicaCluster({ replicas: 2, clockSpeed: 120, config: CONFIG });

  it('answers any request on any replica: create on one, replay, read, report and cancel on the other', async () => {
    const cluster = startedCluster();
    const [a, b] = twoReplicas(cluster);
    const req = requestFor(0);
    const created = await putJudgment(a.baseUrl, 'any-1', req);
    expect(created.status).toBe(201);
    const replay = await putJudgment(b.baseUrl, 'any-1', req);
    expect(replay.status).toBe(200);
    expect(replay.body['judgmentKey']).toBe('any-1');
    const conflict = await putJudgment(b.baseUrl, 'any-1', { ...req, thresholds: { pass: 90, marginal: 50 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ error: { code: 'KEY_CONFLICT' } });
    const read = await getJson(b.baseUrl, '/v1/judgments/any-1');
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ judgmentKey: 'any-1', status: 'RUNNING' });
    const report = await getJson(b.baseUrl, '/v1/judgments/any-1/report');
    expect(report.status).toBe(200);
    expect((report.body['intervals'] as unknown[]).length).toBe(3);
    const cancel = await fetch(`${b.baseUrl}/v1/judgments/any-1/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(202);
    expect((await getJson(a.baseUrl, '/v1/judgments/any-1')).body['status']).toBe('CANCELED');
    expect((await getJson(a.baseUrl, '/v1/judgments/missing')).status).toBe(404);
    expect((await getJson(b.baseUrl, '/readyz')).status).toBe(200);
  });

  it('evaluates every interval exactly once across the replicas, with the undisturbed results', async () => {
    const cluster = startedCluster();
    const keys = Array.from({ length: 24 }, (_, k) => `once-${k}`);
    const requests = new Map(keys.map((key, k) => [key, requestFor(k)]));
    await Promise.all(
      keys.map(async (key, k) => {
        const r = await putJudgment(cluster.replicas[k % 2]?.baseUrl ?? '', key, requests.get(key));
        expect(r.status).toBe(201);
      }),
    );
    await waitUntil(() => allFinished(cluster, keys), { timeoutMs: 90_000, intervalMs: 250, what: 'all finished' });

    const attempts = await cluster.db.query<{ attempts: number; state: string }>(
      'SELECT attempts, state FROM intervals WHERE judgment_key = ANY($1)',
      [keys],
    );
    const evaluated = attempts.rows.filter((r) => r.state === 'DONE');
    expect(evaluated.length).toBeGreaterThan(keys.length);
    expect(evaluated.every((r) => r.attempts === 1)).toBe(true);
    // Every evaluation either replica made was stored: no interval was judged twice, and both replicas worked.
    const texts = await Promise.all(cluster.replicas.map(async (r) => (await fetch(`${r.baseUrl}/metrics`)).text()));
    const done = texts.map((t) => evaluationCount(t, 'done'));
    expect(done.reduce((x, y) => x + y, 0)).toBe(evaluated.length);
    expect(texts.map((t) => evaluationCount(t, 'discarded'))).toEqual([0, 0]);
    expect(done.every((n) => n > 0)).toBe(true);

    const stored = await storedOutcomes(cluster.db);
    const reference = await referenceOutcomes(await createdTimes(cluster, keys, requests));
    for (const key of keys) expect({ key, ...stored.get(key) }).toEqual({ key, ...reference.get(key) });
    // The scenarios really differ: not every judgment has the same verdict.
    expect(new Set(keys.map((k) => stored.get(k)?.verdict)).size).toBeGreaterThan(1);
  }, 120_000);

  it('finishes 100 live judgments with undisturbed results after one of the two replicas is killed (kill -9)', async () => {
    const cluster = startedCluster();
    const [victim, survivor] = twoReplicas(cluster);
    const keys = Array.from({ length: 100 }, (_, k) => `kill-${k}`);
    const requests = new Map(keys.map((key, k) => [key, requestFor(k)]));
    for (let k = 0; k < keys.length; k += 10) {
      await Promise.all(
        keys.slice(k, k + 10).map(async (key, j) => {
          const target = (k + j) % 2 === 0 ? victim : survivor;
          expect((await putJudgment(target.baseUrl, key, requests.get(key))).status).toBe(201);
        }),
      );
    }
    // Kill the victim while it holds leases on intervals it is evaluating.
    const owner = `%-${victim.process.pid}-%`;
    await waitUntil(
      async () => {
        const r = await cluster.db.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM intervals WHERE state = 'CLAIMED' AND claim_owner LIKE $1`,
          [owner],
        );
        return (r.rows[0]?.n ?? 0) > 0;
      },
      { timeoutMs: 60_000, intervalMs: 2, what: 'the victim holding a lease' },
    );
    await victim.kill9();
    const orphans = await cluster.db.query<{ judgment_key: string; idx: number }>(
      `SELECT judgment_key, idx FROM intervals WHERE state = 'CLAIMED' AND claim_owner LIKE $1`,
      [owner],
    );
    expect(orphans.rows.length).toBeGreaterThan(0);

    await waitUntil(() => allFinished(cluster, keys), { timeoutMs: 100_000, intervalMs: 250, what: 'all finished' });
    // The orphaned intervals were taken over (a second attempt) and completed.
    for (const o of orphans.rows) {
      const r = await cluster.db.query<{ state: string; attempts: number }>(
        'SELECT state, attempts FROM intervals WHERE judgment_key = $1 AND idx = $2',
        [o.judgment_key, o.idx],
      );
      expect(r.rows[0]).toEqual({ state: 'DONE', attempts: 2 });
    }
    const stored = await storedOutcomes(cluster.db);
    const reference = await referenceOutcomes(await createdTimes(cluster, keys, requests));
    for (const key of keys) expect({ key, ...stored.get(key) }).toEqual({ key, ...reference.get(key) });
    expect(keys.every((k) => stored.get(k)?.status !== 'RUNNING' && stored.get(k)?.verdict !== null)).toBe(true);
  }, 180_000);
});
