/**
 * Graceful shutdown with two replicas on one PostgreSQL (issue 10): the replica evaluating an interval gets SIGTERM
 * while its metric source is still answering; it stops claiming, gives the evaluation `shutdown.graceSeconds` (1 s),
 * releases its lease and exits 0 — and the other replica takes the interval over at its next pass and judges it.
 * The lease is one hour of wall time (`leaseSeconds` 3600), so the takeover within this test's timeout can only come
 * from the release, never from the lease expiring.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JudgmentRequest } from '@canary-judge/shared';
import { startStubServer, type StubRequest, type StubResponse, type StubServer } from '../support/stub-server';
import { promqlRequest } from '../support/promql-request';
import { waitUntil } from '../support/wait';
import { startReplicaCluster, type ReplicaCluster } from './cluster';

let cluster: ReplicaCluster | undefined;
let prometheus: StubServer | undefined;
/** While set, query_range requests are held unanswered (an evaluation in flight). */
let hold = true;
const held: Array<() => void> = [];

/** A flat, identical series for both sides (the canary passes), one point per step over the asked range. */
function matrix(req: StubRequest): StubResponse {
  const q = new URL(req.url, 'http://stub').searchParams;
  const start = Number(q.get('start'));
  const end = Number(q.get('end'));
  const step = Number.parseFloat(q.get('step') ?? '60');
  const values: Array<[number, string]> = [];
  for (let t = start, k = 0; t <= end && k < 11_000; t += step, k++) values.push([t, String(100 + (k % 7))]);
  return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } } };
}

beforeAll(async () => {
  prometheus = await startStubServer(async (req) => {
    if (!req.url.startsWith('/api/v1/query_range')) return { status: 404 };
    if (hold) await new Promise<void>((resolve) => held.push(resolve));
    return matrix(req);
  });
  cluster = await startReplicaCluster({
    replicas: 2,
    clockSpeed: 60,
    config: {
      metricSources: { prometheus: { type: 'prometheus', baseUrl: prometheus.baseUrl, timeoutMs: 600_000 } },
      scheduler: { tickMs: 100, leaseSeconds: 3600 },
      shutdown: { graceSeconds: 1 },
    },
  });
}, 120_000);

afterAll(async () => {
  held.splice(0).forEach((release) => release());
  await cluster?.destroy();
  await prometheus?.close();
});

function request(): JudgmentRequest {
  const end = Date.now() - 3_600_000;
  return promqlRequest({
    timing: {
      startTimeIso: new Date(end - 30 * 60_000).toISOString(),
      endTimeIso: new Date(end).toISOString(),
      stepSeconds: 60,
    },
  });
}

describe('graceful shutdown with two replicas', () => {
  it('SIGTERM: the evaluating replica releases its lease and exits 0; the other judges the interval at once', async () => {
    if (!cluster || !prometheus) throw new Error('cluster not started');
    const [first] = cluster.replicas;
    if (!first) throw new Error('no replica');
    const put = await fetch(`${first.baseUrl}/v1/judgments/graceful-1`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request()),
    });
    expect(put.status).toBe(201);
    // Some replica claims the interval and asks the (held) source: that replica is the one to stop.
    const owner = await waitUntil(
      async () => {
        const r = await cluster?.db.query<{ claim_owner: string | null }>(
          `SELECT claim_owner FROM intervals WHERE judgment_key = 'graceful-1' AND state = 'CLAIMED'`,
        );
        return held.length > 0 ? (r?.rows[0]?.claim_owner ?? undefined) : undefined;
      },
      { timeoutMs: 30_000, what: 'a replica evaluating the interval' },
    );
    const leaving = cluster.replicas.find((r) => owner.includes(`-${r.process.pid}-`));
    const staying = cluster.replicas.find((r) => r !== leaving);
    if (!leaving || !staying) throw new Error(`no replica owns ${owner}`);

    leaving.process.child.kill('SIGTERM');
    expect(await leaving.process.exited).toBe(0);
    hold = false;
    // The interval is PENDING again at once (released, the claim not counted), and the other replica judges it.
    const final = await waitUntil(
      async () => {
        const j = (await (await fetch(`${staying.baseUrl}/v1/judgments/graceful-1`)).json()) as Record<string, unknown>;
        return j['status'] === 'RUNNING' ? undefined : j;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'the other replica to finish the judgment' },
    );
    expect(final).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS' });
    const rows = await cluster.db.query<{ attempts: number; state: string }>(
      `SELECT attempts, state FROM intervals WHERE judgment_key = 'graceful-1'`,
    );
    expect(rows.rows).toEqual([{ attempts: 1, state: 'DONE' }]);
  });
});
