/**
 * Scale-out benchmark (issues 5 and 10; `benchReplicas()` for the root runner, or `tsx bench/replicas.ts`): a
 * throw-away PostgreSQL and two judge processes on it (accelerated clock), 1,000 live demo judgments created across
 * both, each polled like Orca's webhook stage polls its status URL — from its create answer on, every 1 s of
 * judgment time while the stage has run for less than a minute, then every 15 s (`docs/design/orca-webhook-contract.md` §2.5), scaled by the
 * clock speed — alternating between the replicas until it ends.
 *
 * Reports, for the first judgment minute (at ×30 every judgment polls every 33 ms: 1,000 judgments starting together
 * offer up to 30,000 polls/s, far beyond a 2-CPU machine, so the closed-loop pollers queue) and for the sustained
 * phase after it (every 0.5 s: about 2,000 polls/s offered while all 1,000 run), polls per second and p50/p99/max
 * poll latency; errors (any non-200 answer or network failure; must be 0); whether every verdict, score and
 * interval score equals an undisturbed in-process reference run of the same requests at the same creation times
 * (`test/replicas/cluster.ts`); and where the CPU went (each replica, PostgreSQL with its backends, this client)
 * with the client's own event-loop delay and the machine's load average — the machine may be shared, and a busy
 * client or machine inflates the latencies measured here. `BENCH_TIMELINE=1` also prints polls and p99 per second.
 * Figures only: nothing is asserted.
 */
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { JudgmentRequest } from '@canary-judge/shared';
import { demoRequest, type DemoScenario } from '@canary-judge/orca-stage-spec/testing';
import { referenceOutcomes, startReplicaCluster, storedOutcomes } from '../test/replicas/cluster';
import {
  keepAliveClient,
  loadAverage,
  postmasterPid,
  processCpuSeconds,
  processTreeCpuSeconds,
  quantile,
} from './replicas-probe';

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
  /** Compare every outcome with an undisturbed in-process reference run (default true). */
  checkVerdicts?: boolean;
  /** Print the figures (default true). */
  print?: boolean;
}

/** Figures of one polling phase. Latencies in milliseconds of wall time. */
export interface ReplicaPollPhase {
  polls: number;
  /** Polls per second over the phase's span (see {@link ReplicaBenchResult.sustained}). */
  pollsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
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
  /** Polls while their judgment was in its first judgment minute (Orca's 1 s cadence). */
  firstMinute: ReplicaPollPhase;
  /**
   * Polls after it (15 s cadence); `pollsPerSecond` is measured while every judgment was in this phase and none had
   * ended (all of them live), the latencies over the whole phase, evaluation bursts included.
   */
  sustained: ReplicaPollPhase;
  errors: number;
  /** Errors by kind (`HTTP 503`, `network ECONNRESET`…). */
  errorKinds: Record<string, number>;
  /** Polls answered 429 (load shedding; polled again at the next turn, as Orca retries them). */
  shed: number;
  /** Final status/verdict → count. */
  outcomes: Record<string, number>;
  /** Judgments whose stored outcome equals the reference run's (NaN when not checked). */
  matchingReference: number;
  /** Keys of the first few judgments that differ from the reference. */
  differing: string[];
  /** Polls answered by each replica. */
  pollsPerReplica: number[];
  /** CPU seconds used while polling: each replica (all threads), PostgreSQL and its backends, this client. */
  cpuSeconds: { replicas: number[]; postgres: number; client: number };
  /** This client's event-loop delay while polling, p99 and max, ms (a busy client inflates every latency). */
  clientLoopDelayP99Ms: number;
  clientLoopDelayMaxMs: number;
  /** The machine's 1-minute load average at the start and the end of the polling. */
  loadAverage: { start: number; end: number };
  /**
   * How long after falling due the judged intervals were stored, wall-clock ms (judgment-clock delay ÷ clock speed):
   * the other side of evaluations yielding to polls (`scheduler.pollLatencyTargetMs`).
   */
  judgedAfterDue: { intervals: number; p50Ms: number; p99Ms: number; maxMs: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface PollRecord {
  startMs: number;
  latencyMs: number;
  firstMinute: boolean;
}

function phase(records: PollRecord[], pollsPerSecond: number): ReplicaPollPhase {
  const sorted = records.map((r) => r.latencyMs).sort((a, b) => a - b);
  return {
    polls: sorted.length,
    pollsPerSecond,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * Runs the benchmark (about 40–90 s with the defaults, most of it the judgments' accelerated lifetime and the
 * reference run).
 * @returns the figures; errors counts every poll that was neither a 200 with a status nor a 429
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
  const clients = cluster.replicas.map((r) => keepAliveClient(r.baseUrl));
  try {
    const requests = new Map<string, JudgmentRequest>();
    let errors = 0;
    let shed = 0;
    const errorKinds: Record<string, number> = {};
    const records: PollRecord[] = [];
    const perReplica = clients.map(() => 0);
    const outcomes: Record<string, number> = {};
    const sustainedFrom: number[] = [];
    let started = performance.now();
    const endedAt: number[] = [];
    // Like Orca's monitor task: every 1 s of judgment time during the stage's first minute, then every 15 s; a 429
    // (shed) is polled again at the next turn, as Orca retries it.
    const pollOne = async (i: number, key: string) => {
      const firstPoll = performance.now();
      for (let p = 0; ; p++) {
        const firstMinute = (performance.now() - firstPoll) * speed < 60_000;
        if (!firstMinute && sustainedFrom[i] === undefined) sustainedFrom[i] = performance.now() - started;
        await sleep((firstMinute ? 1_000 : 15_000) / speed);
        const r = (i + p) % clients.length;
        const t0 = performance.now();
        let status = 0;
        let body: { status?: unknown; verdict?: string | null } = {};
        try {
          const answer = await (clients[r] as (typeof clients)[number]).send('GET', `/v1/judgments/${key}`);
          status = answer.status;
          body = JSON.parse(answer.body) as typeof body;
        } catch (e) {
          status = 0;
          const kind = `network ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
          errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        }
        if (status === 429) {
          shed++; // not a latency sample: the answer says "come back later"
          continue;
        }
        records.push({ startMs: t0 - started, latencyMs: performance.now() - t0, firstMinute });
        perReplica[r] = (perReplica[r] ?? 0) + 1;
        if (status !== 200 || typeof body.status !== 'string') {
          errors++;
          if (status !== 0) errorKinds[`HTTP ${status}`] = (errorKinds[`HTTP ${status}`] ?? 0) + 1;
          // Orca polls again after 429 and 5xx; only a service that answers nothing else is given up on.
          if (errors > 20 * n) throw new Error(`too many errors: ${JSON.stringify(errorKinds)}`);
          continue;
        }
        if (body.status !== 'RUNNING') {
          endedAt[i] = t0 - started;
          const k = `${body.status}/${body.verdict ?? 'none'}`;
          outcomes[k] = (outcomes[k] ?? 0) + 1;
          return;
        }
      }
    };
    // Create every judgment first (50 at a time, alternating replicas), so that all of them run during the polling.
    const keys: string[] = [];
    for (let k = 0; k < n; k += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, n - k) }, async (_, j) => {
          const i = k + j;
          const key = `bench-${i}`;
          const request = demoRequest(scenarios[i % scenarios.length], timing);
          requests.set(key, request);
          keys[i] = key;
          const client = clients[i % clients.length] as (typeof clients)[number];
          const answer = await client.send('PUT', `/v1/judgments/${key}`, JSON.stringify(request));
          if (answer.status !== 201) errors++;
        }),
      );
    }
    const pgPid = postmasterPid(`${cluster.postgres.dir}/data`);
    const cpu0 = {
      replicas: cluster.replicas.map((r) => processCpuSeconds(r.process.pid)),
      postgres: processTreeCpuSeconds(pgPid),
      client: process.cpuUsage(),
    };
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const loadStart = loadAverage();
    started = performance.now();

    const polling = keys.map((key, i) => pollOne(i, key));
    await Promise.all(polling);
    const pollSeconds = (performance.now() - started) / 1000;
    const clientCpu = process.cpuUsage(cpu0.client);
    const cpuSeconds = {
      replicas: cluster.replicas.map((r, i) => processCpuSeconds(r.process.pid) - (cpu0.replicas[i] as number)),
      postgres: processTreeCpuSeconds(pgPid) - cpu0.postgres,
      client: (clientCpu.user + clientCpu.system) / 1e6,
    };
    loopDelay.disable();
    const loadEnd = loadAverage();

    // The sustained rate: while every judgment polls at the 15 s cadence and none has ended.
    const allSustained = Math.max(...sustainedFrom.filter((t) => t !== undefined));
    const firstEnd = Math.min(...endedAt.filter((t) => t !== undefined));
    const inWindow = records.filter((r) => r.startMs >= allSustained && r.startMs < firstEnd).length;
    const sustainedRate = firstEnd > allSustained ? (inWindow * 1000) / (firstEnd - allSustained) : NaN;
    const first = records.filter((r) => r.firstMinute);
    const firstSpan = first.length > 0 ? Math.max(...first.map((r) => r.startMs + r.latencyMs)) / 1000 : NaN;

    const delays = await cluster.db.query<{ delay: string }>(
      `SELECT completed_ms - due_ms AS delay FROM intervals WHERE state = 'DONE' ORDER BY 1`,
    );
    const delayMs = delays.rows.map((r) => Number(r.delay) / speed);
    const judgedAfterDue = {
      intervals: delayMs.length,
      p50Ms: quantile(delayMs, 0.5),
      p99Ms: quantile(delayMs, 0.99),
      maxMs: delayMs.at(-1) ?? NaN,
    };

    let matchingReference = NaN;
    const differing: string[] = [];
    if (options.checkVerdicts !== false) {
      const keys = [...requests.keys()];
      const rows = await cluster.db.query<{ key: string; created_ms: string }>(
        'SELECT key, created_ms FROM judgments WHERE key = ANY($1)',
        [keys],
      );
      const reference = await referenceOutcomes(
        new Map(
          rows.rows.map((r) => [
            r.key,
            { request: requests.get(r.key) as JudgmentRequest, createdMs: Number(r.created_ms) },
          ]),
        ),
      );
      const stored = await storedOutcomes(cluster.db);
      matchingReference = 0;
      for (const key of keys) {
        if (JSON.stringify(stored.get(key)) === JSON.stringify(reference.get(key))) matchingReference++;
        else if (differing.length < 5) differing.push(key);
      }
    }

    const sorted = records.map((r) => r.latencyMs).sort((a, b) => a - b);
    const result: ReplicaBenchResult = {
      judgments: n,
      replicas,
      clockSpeed: speed,
      polls: records.length,
      pollSeconds,
      pollsPerSecond: records.length / pollSeconds,
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      maxMs: sorted[sorted.length - 1] ?? NaN,
      firstMinute: phase(first, first.length / firstSpan),
      sustained: phase(
        records.filter((r) => !r.firstMinute),
        sustainedRate,
      ),
      errors,
      errorKinds,
      shed,
      outcomes,
      matchingReference,
      differing,
      pollsPerReplica: perReplica,
      cpuSeconds,
      clientLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      clientLoopDelayMaxMs: loopDelay.max / 1e6,
      loadAverage: { start: loadStart, end: loadEnd },
      judgedAfterDue,
    };
    if (options.print !== false) printReplicaBench(result);
    if (process.env['BENCH_TIMELINE'] === '1') {
      for (let s = 0; s * 1000 < pollSeconds * 1000; s++) {
        const here = records
          .filter((r) => r.startMs >= s * 1000 && r.startMs < (s + 1) * 1000)
          .map((r) => r.latencyMs)
          .sort((a, b) => a - b);
        process.stdout.write(
          `    t=${s}s ${here.length} polls, p50 ${quantile(here, 0.5).toFixed(1)} ms, p99 ${quantile(here, 0.99).toFixed(1)} ms\n`,
        );
      }
    }
    return result;
  } finally {
    for (const c of clients) c.close();
    await cluster.destroy();
  }
}

/** Prints the figures of {@link benchReplicas}. */
export function printReplicaBench(r: ReplicaBenchResult): void {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  const row = (label: string, p: ReplicaPollPhase) =>
    `  ${label}: ${p.polls} polls, ${f(p.pollsPerSecond)} polls/s; p50 ${f(p.p50Ms)} ms, p99 ${f(p.p99Ms)} ms, ` +
    `max ${f(p.maxMs)} ms`;
  const cpu = r.cpuSeconds;
  const perPoll = (s: number) => ((s * 1000) / r.polls).toFixed(3);
  process.stdout.write(
    [
      `Replicas on PostgreSQL: ${r.judgments} live judgments, ${r.replicas} replicas, clock ×${r.clockSpeed} (Orca cadence 1 s / 15 s judgment time)`,
      `  all polls: ${r.polls} in ${f(r.pollSeconds)} s = ${f(r.pollsPerSecond)} polls/s (per replica: ${r.pollsPerReplica.join(', ')}); ` +
        `p50 ${f(r.p50Ms)} ms, p99 ${f(r.p99Ms)} ms, max ${f(r.maxMs)} ms`,
      row(
        `first judgment minute (every ${f(1000 / r.clockSpeed)} ms; up to ${r.judgments * r.clockSpeed} polls/s offered)`,
        r.firstMinute,
      ),
      row(
        `sustained (every ${f(15_000 / r.clockSpeed)} ms; polls/s while all ${r.judgments} run, latency over the whole phase)`,
        r.sustained,
      ),
      `  goal (issue 10): sustained p99 < 50 ms at ≥ 1,500 polls/s → ` +
        (r.sustained.p99Ms < 50 && r.sustained.pollsPerSecond >= 1500 ? 'met' : 'not met'),
      `  errors: ${r.errors}${
        r.errors > 0
          ? ` (${Object.entries(r.errorKinds)
              .map(([k, v]) => `${k}: ${v}`)
              .join(', ')})`
          : ''
      }; shed (429): ${r.shed}; outcomes: ${Object.entries(r.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
      Number.isNaN(r.matchingReference)
        ? '  verdicts: not compared'
        : `  verdicts, scores and interval scores equal to an undisturbed reference run: ${r.matchingReference}/${r.judgments}` +
          (r.differing.length > 0 ? ` (differ: ${r.differing.join(', ')}…)` : ''),
      `  intervals judged after falling due (wall clock): ${r.judgedAfterDue.intervals} intervals, ` +
        `p50 ${f(r.judgedAfterDue.p50Ms)} ms, p99 ${f(r.judgedAfterDue.p99Ms)} ms, max ${f(r.judgedAfterDue.maxMs)} ms`,
      `  CPU while polling: replicas ${cpu.replicas.map(f).join(' + ')} s, PostgreSQL ${f(cpu.postgres)} s, client ${f(cpu.client)} s ` +
        `(per poll: replicas ${perPoll(cpu.replicas.reduce((a, b) => a + b, 0))} ms, PostgreSQL ${perPoll(cpu.postgres)} ms, ` +
        `client ${perPoll(cpu.client)} ms)`,
      `  client event-loop delay p99 ${f(r.clientLoopDelayP99Ms)} ms, max ${f(r.clientLoopDelayMaxMs)} ms; ` +
        `load average ${r.loadAverage.start.toFixed(2)} → ${r.loadAverage.end.toFixed(2)} on ${availableParallelism()} CPUs`,
      '',
    ].join('\n'),
  );
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
