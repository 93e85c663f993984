/**
 * Several judge service processes (replicas) on one throw-away PostgreSQL, for the scale-out tests and the replica
 * benchmark: a Debian PostgreSQL cluster on loopback, N `main.ts` processes with `CANARY_JUDGE_STORE=postgres` and an
 * accelerated clock (the clock's origin is kept in the shared database, so every replica runs the same timeline),
 * plus a direct `pg` pool for assertions on the stored rows. Also an undisturbed in-process reference run of the same
 * judgments (SQLite in memory, manual clock at the same creation times, the library judge) to compare results with.
 */
import pg from 'pg';
import type { JudgmentRequest } from '@canary-judge/shared';
import { libraryJudge, startTestPostgres, type TestPostgres, testService } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';

/** Options of {@link startReplicaCluster}. */
export interface ClusterOptions {
  /** Number of service processes (default 2). */
  replicas?: number;
  /** Judgment-clock speed-up (default 120: one real second is two judgment minutes). */
  clockSpeed?: number;
  /** Service config file content shared by every replica (scheduler settings, metric sources…). */
  config?: Record<string, unknown>;
  /** Extra environment for every replica. */
  env?: Record<string, string>;
}

/** A running cluster. */
export interface ReplicaCluster {
  readonly postgres: TestPostgres;
  readonly databaseUrl: string;
  readonly replicas: JudgeService[];
  /** A pool on the shared database (for assertions). */
  readonly db: pg.Pool;
  /** Starts one more replica on the same database (e.g. after a kill). */
  addReplica(): Promise<JudgeService>;
  /** Stops every replica and PostgreSQL and deletes their files. Never throws. */
  destroy(): Promise<void>;
}

/**
 * Starts PostgreSQL and the replicas (in parallel: they race on the schema migrations, which must cope).
 * @throws with the process output when a replica does not become ready
 */
export async function startReplicaCluster(options: ClusterOptions = {}): Promise<ReplicaCluster> {
  const postgres = await startTestPostgres();
  const replicas: JudgeService[] = [];
  let db: pg.Pool | undefined;
  const destroy = async () => {
    await Promise.allSettled(replicas.map((r) => r.cleanup()));
    await db?.end().catch(() => undefined);
    await postgres.destroy();
  };
  try {
    const databaseUrl = await postgres.createDatabase('judge');
    const start = () =>
      startJudgeService({
        clockSpeed: options.clockSpeed ?? 120,
        config: options.config ?? {},
        env: { CANARY_JUDGE_STORE: 'postgres', CANARY_JUDGE_DATABASE_URL: databaseUrl, ...options.env },
        readyTimeoutMs: 60_000,
      }).then((r) => {
        replicas.push(r);
        return r;
      });
    await Promise.all(Array.from({ length: options.replicas ?? 2 }, start));
    db = new pg.Pool({ connectionString: databaseUrl, max: 3 });
    db.on('error', () => undefined);
    return { postgres, databaseUrl, replicas, db, addReplica: start, destroy };
  } catch (e) {
    await destroy();
    throw e;
  }
}

/** What is compared between a run and its reference: the judgment's outcome and every interval's state and score. */
export interface JudgmentOutcome {
  status: string;
  verdict: string | null;
  score: number | null;
  intervals: Array<[index: number, state: string, score: number | null]>;
}

/** Reads the outcome of every judgment in the shared database, by key. */
export async function storedOutcomes(db: pg.Pool): Promise<Map<string, JudgmentOutcome>> {
  const out = new Map<string, JudgmentOutcome>();
  const js = await db.query<{ key: string; status: string; verdict: string | null; score: number | null }>(
    'SELECT key, status, verdict, score FROM judgments ORDER BY key',
  );
  for (const j of js.rows) out.set(j.key, { status: j.status, verdict: j.verdict, score: j.score, intervals: [] });
  const is = await db.query<{ judgment_key: string; idx: number; state: string; score: number | null }>(
    'SELECT judgment_key, idx, state, score FROM intervals ORDER BY judgment_key, idx',
  );
  for (const i of is.rows) out.get(i.judgment_key)?.intervals.push([i.idx, i.state, i.score]);
  return out;
}

/**
 * The undisturbed reference: the same requests created at the same judgment-clock times in one in-process service
 * (no replicas, no crash), every interval evaluated at its due time.
 * @param judgments key → request and creation time (judgment-clock epoch ms)
 */
export async function referenceOutcomes(
  judgments: Map<string, { request: JudgmentRequest; createdMs: number }>,
): Promise<Map<string, JudgmentOutcome>> {
  const svc = await testService({}, { judge: libraryJudge() });
  try {
    for (const [key, j] of judgments) {
      svc.clock.set(j.createdMs);
      await svc.service.create(key, j.request);
    }
    const due = new Set<number>();
    for (const key of judgments.keys()) for (const i of await svc.store.listIntervals(key)) due.add(i.dueMs);
    for (const t of [...due].sort((a, b) => a - b)) {
      svc.clock.set(t);
      while ((await svc.scheduler.runOnce()) > 0);
    }
    const out = new Map<string, JudgmentOutcome>();
    for (const key of judgments.keys()) {
      const j = await svc.store.getJudgment(key);
      if (!j) throw new Error(`reference lost ${key}`);
      const intervals = (await svc.store.listIntervals(key)).map(
        (i) => [i.index, i.state, i.score] as [number, string, number | null],
      );
      out.set(key, { status: j.status, verdict: j.verdict, score: j.score, intervals });
    }
    return out;
  } finally {
    await svc.close();
  }
}

/** PUTs a judgment on `baseUrl`; resolves with the HTTP status and JSON body. */
export async function putJudgment(
  baseUrl: string,
  key: string,
  request: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/v1/judgments/${encodeURIComponent(key)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** GETs `path` on `baseUrl`; resolves with the HTTP status and JSON body. */
export async function getJson(
  baseUrl: string,
  path: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Sum of `canary_judge_interval_evaluation_seconds_count` with the given outcome in a `/metrics` text. */
export function evaluationCount(metricsText: string, outcome: string): number {
  const re = new RegExp(
    `^canary_judge_interval_evaluation_seconds_count\\{[^}]*outcome="${outcome}"[^}]*\\} (\\S+)$`,
    'gm',
  );
  return [...metricsText.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
}
