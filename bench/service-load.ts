/**
 * Load parts of the judge-service benchmark (`npm run bench -- service`, issue 14 §3 and issue 10 "load shedding"),
 * each on its own service process (loopback):
 * 1. large bodies (temporary SQLite file): `/healthz` latency (p50/p99/max) from one client polling back to back while four ~40 MB
 *    `POST /judge` calls run at once, with the worker pool (default `workers`) and, for comparison, with
 *    `workers.threads: 0` (judged on the event loop, as before); the service's peak RSS (`VmHWM`) after one and
 *    after four such bodies, to document the memory a body needs;
 * 2. shedding (one replica on a throw-away PostgreSQL, as deployed): a table of offered status polls per second
 *    (open loop, rising past what the service can answer) against answered polls per second, p50/p99 of the answered
 *    ones, 429s and errors, while judgments are created during every step (each create retried after `Retry-After`
 *    on 429, as Orca does); then whether every judgment reached its verdict (judgments lost: must be 0). Shedding
 *    works when, past the limit, answered polls/s and p99 stay flat and the excess gets 429 instead.
 * Figures only; nothing is asserted.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { startReplicaCluster } from '../test/replicas/cluster';
import { buildRequest } from './judge';
import { keepAliveClient, loadAverage, quantile, type KeepAliveClient } from './replicas-probe';
import { spawnJudgeService } from './spawn-service';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A service process started with a config file. */
interface BenchService {
  child: ChildProcess;
  base: string;
  /** Peak resident set size of the process so far, MB (`VmHWM` in /proc; NaN elsewhere). */
  peakRssMb(): number;
  stop(): Promise<void>;
}

async function startWith(config: Record<string, unknown>, clockSpeed = 1): Promise<BenchService> {
  const dir = mkdtempSync(join(tmpdir(), 'canary-judge-bench-load-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const { child, base } = await spawnJudgeService({
    CANARY_JUDGE_DB: join(dir, 'bench.db'),
    CANARY_JUDGE_CONFIG: join(dir, 'config.json'),
    CANARY_JUDGE_CLOCK_SPEED: String(clockSpeed),
    LOG_LEVEL: 'warn',
  });
  // Ready (and the worker threads started) once /judge answers a tiny body.
  for (let i = 0; i < 600; i++) {
    const res = await fetch(`${base}/judge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(buildRequest(1, 10)),
    }).catch(() => null);
    if (res?.status === 200) break;
    await sleep(100);
  }
  return {
    child,
    base,
    peakRssMb() {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) / 1024 : NaN;
      } catch {
        return NaN;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A RemoteJudge body of about `targetMb` MB (100 metrics; values with 3 decimals, like real metrics). */
export function largeJudgeBody(targetMb: number): { body: string; numbers: number } {
  const probe = buildRequest(100, 1_000);
  const round = (r: typeof probe) => {
    for (const p of r.metricSetPairList) {
      p.values.control = p.values.control.map((v) => Math.round(Number(v) * 1000) / 1000);
      p.values.experiment = p.values.experiment.map((v) => Math.round(Number(v) * 1000) / 1000);
    }
    return r;
  };
  const perPoint = Buffer.byteLength(JSON.stringify(round(probe))) / (100 * 1_000);
  const points = Math.round((targetMb * 1e6) / perPoint / 100);
  const body = JSON.stringify(round(buildRequest(100, points)));
  return { body, numbers: 100 * points * 2 };
}

/** Figures of the large-body part. */
export interface LargeBodyFigures {
  bodyMb: number;
  numbers: number;
  threads: number;
  healthzCount: number;
  healthzP50Ms: number;
  healthzP99Ms: number;
  healthzMaxMs: number;
  /** Wall time until all four calls answered, ms. */
  allJudgedMs: number;
  statuses: number[];
  baselineRssMb: number;
  peakRssOneMb: number;
  peakRssFourMb: number;
}

async function largeBodies(
  workers: { threads: number; maxQueue: number },
  body: string,
  numbers: number,
  measureOne: boolean,
) {
  const svc = await startWith({ workers, judgeBodyLimitBytes: 64 * 1024 * 1024 });
  try {
    // node:http rather than fetch: on a busy machine judging four such bodies can take longer than fetch's fixed
    // 300 s wait for response headers.
    const post = () =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${svc.base}/judge`, { method: 'POST', headers: { 'content-type': 'application/json' } });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(body);
      });
    const baselineRssMb = svc.peakRssMb();
    if (measureOne) await post();
    const peakRssOneMb = svc.peakRssMb();
    const latencies: number[] = [];
    let running = true;
    const started = performance.now();
    const calls = Promise.all([post(), post(), post(), post()]).finally(() => (running = false));
    const prober = (async () => {
      while (running) {
        const t0 = performance.now();
        const res = await fetch(`${svc.base}/healthz`);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        await sleep(5);
      }
    })();
    const statuses = await calls;
    const allJudgedMs = performance.now() - started;
    await prober;
    latencies.sort((a, b) => a - b);
    const figures: LargeBodyFigures = {
      bodyMb: Buffer.byteLength(body) / 1e6,
      numbers,
      threads: workers.threads,
      healthzCount: latencies.length,
      healthzP50Ms: quantile(latencies, 0.5),
      healthzP99Ms: quantile(latencies, 0.99),
      healthzMaxMs: latencies[latencies.length - 1] ?? NaN,
      allJudgedMs,
      statuses,
      baselineRssMb,
      peakRssOneMb,
      peakRssFourMb: svc.peakRssMb(),
    };
    return figures;
  } finally {
    await svc.stop();
  }
}

/** One row of the shedding table: an offered load and what the service made of it. */
export interface ShedStep {
  /** Status polls started per second (open loop: whatever the answers). */
  offeredPerSecond: number;
  /** Polls actually sent (the client may fall behind on a busy machine). */
  sent: number;
  /** Answered 200 per second, and their latency, ms. */
  answeredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Answered 429 (shed) and anything else (errors: other statuses, network failures). */
  shed: number;
  errors: number;
  /** Errors by kind (`HTTP 408`, `ECONNRESET`…). */
  errorKinds: Record<string, number>;
  /** Judgments created during the step (each create retried after `Retry-After` on 429, as Orca does). */
  created: number;
  createsShed: number;
}

/** Figures of the shedding part. */
export interface SheddingFigures {
  maxInFlight: number;
  stepSeconds: number;
  steps: ShedStep[];
  /** `http.maxEventLoopDelayMs` of the run (0 = off). */
  maxEventLoopDelayMs: number;
  /**
   * Judgments created before and during the steps (each create acknowledged), how many reached a verdict within the
   * wait, how many were still running at its end (a starved machine), and how many the service no longer knew (lost).
   */
  judgments: number;
  finished: number;
  stillRunning: number;
  lost: number;
}

/**
 * One step: polls started at `rate` per second for `seconds` (open loop, so past the service's capacity the
 * offered load keeps coming, as from many Orca instances), while `creates` new judgments are created.
 */
async function shedStep(
  client: KeepAliveClient,
  keys: string[],
  rate: number,
  seconds: number,
  create: (key: string) => Promise<number>,
  creates: string[],
): Promise<ShedStep> {
  const latencies: number[] = [];
  let sent = 0;
  let shed = 0;
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const inFlight = new Set<Promise<void>>();
  const poll = (key: string) => {
    const t0 = performance.now();
    const p: Promise<void> = client.send('GET', `/v1/judgments/${key}`).then(
      (a) => {
        if (a.status === 200) latencies.push(performance.now() - t0);
        else if (a.status === 429) shed++;
        else {
          errors++;
          errorKinds[`HTTP ${a.status}`] = (errorKinds[`HTTP ${a.status}`] ?? 0) + 1;
        }
      },
      (e: NodeJS.ErrnoException) => {
        errors++;
        errorKinds[e.code ?? 'network'] = (errorKinds[e.code ?? 'network'] ?? 0) + 1;
      },
    );
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  };
  const creating = Promise.all(creates.map((k) => create(k)));
  const started = performance.now();
  const until = started + seconds * 1000;
  // Start the polls due so far every 5 ms (a timer cannot fire once per poll at thousands per second).
  while (performance.now() < until) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) poll(keys[sent % keys.length] as string);
    await sleep(5);
  }
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all([...inFlight]);
  const createsShed = (await creating).reduce((a, b) => a + b, 0);
  latencies.sort((a, b) => a - b);
  return {
    offeredPerSecond: rate,
    sent,
    answeredPerSecond: latencies.length / elapsed,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    shed,
    errors,
    errorKinds,
    created: creates.length,
    createsShed,
  };
}

/**
 * The shedding table: one replica on PostgreSQL (as deployed; requests wait on the database there, so the in-flight
 * count is what grows under overload), `http.maxInFlightRequests` set low so a loopback client can pass it,
 * accelerated clock so the judgments finish within the run.
 * @param maxInFlight the in-flight limit
 * @param rates offered polls per second, one step each
 * @param stepSeconds length of a step
 */
async function shedding(
  maxInFlight: number,
  rates: number[],
  stepSeconds: number,
  maxEventLoopDelayMs: number,
): Promise<SheddingFigures> {
  const cluster = await startReplicaCluster({
    replicas: 1,
    clockSpeed: 120,
    config: {
      http: { maxInFlightRequests: maxInFlight, maxConnectionsPerClient: 0, maxEventLoopDelayMs },
      scheduler: { tickMs: 100, deadlineGraceMinutes: 60 },
    },
  });
  const client = keepAliveClient((cluster.replicas[0] as { baseUrl: string }).baseUrl);
  try {
    const demo = (scope: string) => ({
      apiVersion: 'canary-judge/v1',
      metricSource: 'demo',
      canaryConfig: { metrics: [{ name: 'latency', groups: ['latency'], query: { series: 'latency' } }] },
      scopes: { controlScope: 'bench-baseline', experimentScope: scope },
      timing: { lifetimeMinutes: 20, intervalMinutes: 10 },
      thresholds: { pass: 75, marginal: 50 },
    });
    // Like Orca's create task: retry on 429 (after Retry-After) until created; resolves with the 429s seen.
    const create = async (key: string): Promise<number> => {
      for (let shedCount = 0; ; shedCount++) {
        const a = await client.send('PUT', `/v1/judgments/${key}`, JSON.stringify(demo('bench-canary')));
        if (a.status === 201 || a.status === 200) return shedCount;
        if (a.status !== 429) throw new Error(`PUT ${key} answered ${a.status}: ${a.body.slice(0, 200)}`);
        await sleep(Number(a.retryAfter ?? '1') * 1000);
      }
    };
    const keys = Array.from({ length: 100 }, (_, i) => `shed-${i}`);
    for (const k of keys) await create(k);
    const all = [...keys];
    const steps: ShedStep[] = [];
    for (const [s, rate] of rates.entries()) {
      const extra = Array.from({ length: 10 }, (_, i) => `shed-step${s}-${i}`);
      all.push(...extra);
      steps.push(await shedStep(client, keys, rate, stepSeconds, create, extra));
    }
    // Every judgment reaches its verdict (about 10 s at ×120 after its creation).
    let finished = 0;
    let missing = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      finished = 0;
      missing = 0;
      for (const k of all) {
        let a = await client.send('GET', `/v1/judgments/${k}`);
        while (a.status === 429 || a.status === 503) {
          await sleep(100);
          a = await client.send('GET', `/v1/judgments/${k}`);
        }
        if (a.status === 404) missing++;
        else if (a.status === 200 && (JSON.parse(a.body) as { status?: string }).status !== 'RUNNING') finished++;
      }
      if (finished + missing === all.length) break;
      await sleep(500);
    }
    return {
      maxInFlight,
      maxEventLoopDelayMs,
      stepSeconds,
      steps,
      judgments: all.length,
      finished,
      stillRunning: all.length - finished - missing,
      lost: missing,
    };
  } finally {
    client.close();
    await cluster.destroy();
  }
}

/** The shedding table as printed. */
export function shedTable(x: SheddingFigures): string {
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : 'n/a');
  const head = ['offered polls/s', 'sent', 'answered polls/s', 'p50 ms', 'p99 ms', '429s', 'errors', 'creates (429s)'];
  const rows = x.steps.map((s) => [
    String(s.offeredPerSecond),
    String(s.sent),
    f(s.answeredPerSecond),
    f(s.p50Ms),
    f(s.p99Ms),
    String(s.shed),
    s.errors === 0
      ? '0'
      : `${s.errors} (${Object.entries(s.errorKinds)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')})`,
    `${s.created} (${s.createsShed})`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => `  | ${cells.map((c, i) => c.padStart(widths[i] as number)).join(' | ')} |`;
  return [
    line(head),
    `  |${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
    `  judgments: ${x.judgments} created (every create retried on 429), ${x.finished} reached a verdict, ` +
      `${x.stillRunning} still running after a 120 s wait, ${x.lost} lost (unknown to the service)`,
    '',
  ].join('\n');
}

/**
 * Runs both parts and prints their figures.
 * @param options `bodyMb` (40, or `BENCH_BODY_MB`), `maxInFlight` (32) and offered `rates` (polls/s) of the shedding part
 */
export async function benchServiceLoad(options: { bodyMb?: number; maxInFlight?: number; rates?: number[] } = {}) {
  const wantBodies = (process.env['BENCH_LOAD_PARTS'] ?? 'bodies').includes('bodies');
  const { body, numbers } = wantBodies
    ? largeJudgeBody(options.bodyMb ?? Number(process.env['BENCH_BODY_MB'] ?? 40))
    : { body: '', numbers: 0 };
  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : 'n/a');
  const line = (label: string, x: LargeBodyFigures) =>
    `  ${label}: /healthz ×${x.healthzCount} p50 ${f(x.healthzP50Ms)} ms, p99 ${f(x.healthzP99Ms)} ms, ` +
    `max ${f(x.healthzMaxMs)} ms; all four answered in ${f(x.allJudgedMs / 1000)} s (${x.statuses.join(', ')}); ` +
    `peak RSS ${f(x.baselineRssMb)} MB idle` +
    (x.peakRssOneMb !== x.baselineRssMb ? ` → ${f(x.peakRssOneMb)} MB after one body` : '') +
    ` → ${f(x.peakRssFourMb)} MB after four\n`;
  // BENCH_LOAD_PARTS=bodies or =shed runs one part only.
  const parts = process.env['BENCH_LOAD_PARTS'] ?? 'bodies,shed';
  let pooled: LargeBodyFigures | null = null;
  let inline: LargeBodyFigures | null = null;
  if (parts.includes('bodies')) {
    process.stdout.write(
      `four ${f(Buffer.byteLength(body) / 1e6)} MB POST /judge bodies at once (${(numbers / 1e6).toFixed(1)} million numbers each):\n`,
    );
    pooled = await largeBodies({ threads: 1, maxQueue: 4 }, body, numbers, true);
    process.stdout.write(line('worker pool (workers.threads 1, maxQueue 4)', pooled));
    inline = await largeBodies({ threads: 0, maxQueue: 4 }, body, numbers, false);
    process.stdout.write(line('on the event loop (workers.threads 0, as before)', inline));
  }
  if (!parts.includes('shed')) return { pooled, inline, shed: null };
  const rates = options.rates ?? [200, 400, 800, 1600, 3200, 6400];
  // The in-flight limit alone, then with the event-loop delay limit too: requests queued in the socket buffers of a
  // CPU-starved replica are invisible to the in-flight count; the event-loop delay sees them.
  const shed: SheddingFigures[] = [];
  for (const delayMs of [0, 200]) {
    const x = await shedding(options.maxInFlight ?? 32, rates, 4, delayMs);
    shed.push(x);
    process.stdout.write(
      `load shedding: one replica on PostgreSQL, http.maxInFlightRequests ${x.maxInFlight}, ` +
        `maxEventLoopDelayMs ${x.maxEventLoopDelayMs || 'off'}; 100 live judgments polled open-loop for ` +
        `${x.stepSeconds} s per offered rate (a 429 is not retried within the step), 10 more judgments created per ` +
        `step; load average ${loadAverage().toFixed(2)} on ${availableParallelism()} CPUs:\n` +
        shedTable(x),
    );
  }
  return { pooled, inline, shed };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await benchServiceLoad();
}
