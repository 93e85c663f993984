/**
 * Scale-out benchmark (issue 5; `benchReplicas()` for the root runner, or `tsx bench/replicas.ts`): a throw-away
 * PostgreSQL and two judge processes on it (accelerated clock), 1,000 live demo judgments created across both, then
 * each judgment polled like Orca's webhook stage polls its status URL — every 1 s of judgment time while the stage
 * has run for less than a minute, then every 15 s (`docs/design/orca-webhook-contract.md` §2.5), scaled by the clock
 * speed — alternating between the replicas until it ends. Reports polls per second, p50/p99/max poll latency, errors
 * (any non-200 answer or network failure; must be 0) and the verdicts. Figures only: nothing is asserted.
 */
import { fileURLToPath } from 'node:url';
import { demoRequest, type DemoScenario } from '@canary-judge/orca-stage-spec/testing';
import { startReplicaCluster } from '../test/replicas/cluster';

/** Settings of {@link benchReplicas}. */
export interface ReplicaBenchOptions {
  /** Live judgments (default 1,000). */
  judgments?: number;
  /** Service processes sharing the database (default 2). */
  replicas?: number;
  /** Judgment-clock speed-up (default 30: Orca's 15 s poll period is 0.5 s of wall time). */
  clockSpeed?: number;
  /** Judgment timing (default 10 minutes in 2 intervals). */
  lifetimeMinutes?: number;
  intervalMinutes?: number;
  /** Print the figures (default true). */
  print?: boolean;
}

/** The benchmark's figures. Latencies in milliseconds of wall time. */
export interface ReplicaBenchResult {
  judgments: number;
  replicas: number;
  clockSpeed: number;
  polls: number;
  pollSeconds: number;
  pollsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  /** Final status/verdict → count. */
  outcomes: Record<string, number>;
  /** Polls answered by each replica. */
  pollsPerReplica: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs the benchmark (about 30–60 s with the defaults, most of it the judgments' accelerated lifetime).
 * @returns the figures; errors counts every poll that was not a 200 with a status
 */
export async function benchReplicas(options: ReplicaBenchOptions = {}): Promise<ReplicaBenchResult> {
  const n = options.judgments ?? 1000;
  const replicas = options.replicas ?? 2;
  const speed = options.clockSpeed ?? 30;
  const timing = { lifetimeMinutes: options.lifetimeMinutes ?? 10, intervalMinutes: options.intervalMinutes ?? 5 };
  const scenarios: DemoScenario[] = ['healthy', 'latency-regression', 'error-burst', 'healthy'];
  const cluster = await startReplicaCluster({
    replicas,
    clockSpeed: speed,
    config: {
      scheduler: { tickMs: 100, leaseSeconds: 5, deadlineGraceMinutes: 60, maxConcurrent: 8 },
      // Every poller here shares one address (127.0.0.1), unlike Orca's few connections per instance: no per-client cap.
      http: { maxConnectionsPerClient: 0 },
    },
  });
  try {
    const bases = cluster.replicas.map((r) => r.baseUrl);
    let errors = 0;
    // Create every judgment first (50 at a time), alternating replicas.
    for (let k = 0; k < n; k += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, n - k) }, async (_, j) => {
          const i = k + j;
          const res = await fetch(`${bases[i % bases.length]}/v1/judgments/bench-${i}`, {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(demoRequest(scenarios[i % scenarios.length], timing)),
          });
          await res.arrayBuffer();
          if (res.status !== 201) errors++;
        }),
      );
    }
    const latencies: number[] = [];
    const perReplica = bases.map(() => 0);
    const outcomes: Record<string, number> = {};
    const started = Date.now();
    const pollOne = async (i: number) => {
      const firstPoll = Date.now();
      for (let p = 0; ; p++) {
        const judgmentElapsedMs = (Date.now() - firstPoll) * speed;
        const waitMs = (judgmentElapsedMs < 60_000 ? 1_000 : 15_000) / speed;
        await sleep(waitMs);
        const r = (i + p) % bases.length;
        const t0 = performance.now();
        let status = 0;
        let body: { status?: string; verdict?: string | null } = {};
        try {
          const res = await fetch(`${bases[r]}/v1/judgments/bench-${i}`);
          status = res.status;
          body = (await res.json()) as typeof body;
        } catch {
          status = 0;
        }
        latencies.push(performance.now() - t0);
        perReplica[r] = (perReplica[r] ?? 0) + 1;
        if (status !== 200 || typeof body.status !== 'string') {
          errors++;
          if (errors > 1000) throw new Error('too many errors');
          continue;
        }
        if (body.status !== 'RUNNING') {
          const key = `${body.status}/${body.verdict ?? 'none'}`;
          outcomes[key] = (outcomes[key] ?? 0) + 1;
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: n }, (_, i) => pollOne(i)));
    const pollSeconds = (Date.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const result: ReplicaBenchResult = {
      judgments: n,
      replicas,
      clockSpeed: speed,
      polls: latencies.length,
      pollSeconds,
      pollsPerSecond: latencies.length / pollSeconds,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      errors,
      outcomes,
      pollsPerReplica: perReplica,
    };
    if (options.print !== false) {
      const f = (x: number) => x.toFixed(1);
      process.stdout.write(
        [
          `Replicas on PostgreSQL: ${n} live judgments, ${replicas} replicas, clock ×${speed} (Orca cadence 1 s / 15 s judgment time)`,
          `  polls: ${result.polls} in ${f(pollSeconds)} s = ${f(result.pollsPerSecond)} polls/s ` +
            `(per replica: ${perReplica.join(', ')})`,
          `  poll latency: p50 ${f(result.p50Ms)} ms, p99 ${f(result.p99Ms)} ms, max ${f(result.maxMs)} ms`,
          `  errors: ${errors}`,
          `  outcomes: ${Object.entries(outcomes)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')}`,
          '',
        ].join('\n'),
      );
    }
    return result;
  } finally {
    await cluster.destroy();
  }
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  benchReplicas().then(
    (r) => process.exit(r.errors === 0 ? 0 : 1),
    (e: unknown) => {
      process.stderr.write(`replica benchmark failed: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
