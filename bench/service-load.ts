/**
 * Load parts of the judge-service benchmark (`npm run bench -- service`, issue 14 §3 and issue 10 "load shedding"),
 * each on its own service process (loopback, temporary SQLite file):
 * 1. large bodies: `/healthz` latency (p50/p99/max) from one client polling back to back while four ~40 MB
 *    `POST /judge` calls run at once, with the worker pool (default `workers`) and, for comparison, with
 *    `workers.threads: 0` (judged on the event loop, as before); the service's peak RSS (`VmHWM`) after one and
 *    after four such bodies, to document the memory a body needs;
 * 2. shedding: status polls per second and latency of the answered polls with 16 clients (under
 *    `http.maxInFlightRequests`) and with 8× the limit in clients (past it: the extra ones get 429 and retry like Orca
 *    after `Retry-After`), and whether every judgment created during the overload (create retried on 429) got its
 *    verdict.
 * Figures only; nothing is asserted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'node:http';
import { buildRequest } from './judge';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

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
  const child = spawn(process.execPath, ['--import', 'tsx', 'orca-stage-spec/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      CANARY_JUDGE_DB: join(dir, 'bench.db'),
      CANARY_JUDGE_CONFIG: join(dir, 'config.json'),
      CANARY_JUDGE_CLOCK_SPEED: String(clockSpeed),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`service did not start: ${out}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      if (out.length > 100_000) return;
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${out}`)));
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

/** Figures of one polling phase of the shedding part. */
export interface ShedPhase {
  clients: number;
  answered: number;
  shed: number;
  errors: number;
  answeredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Figures of the shedding part. */
export interface SheddingFigures {
  maxInFlight: number;
  under: ShedPhase;
  past: ShedPhase;
  created: number;
  createShed: number;
  finished: number;
}

async function pollPhase(base: string, keys: string[], clients: number, seconds: number): Promise<ShedPhase> {
  const latencies: number[] = [];
  let shed = 0;
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const key = keys[next++ % keys.length] as string;
        const t0 = performance.now();
        try {
          const res = await fetch(`${base}/v1/judgments/${key}`);
          await res.arrayBuffer();
          if (res.status === 200) latencies.push(performance.now() - t0);
          else if (res.status === 429) {
            shed++;
            await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
          } else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    clients,
    answered: latencies.length,
    shed,
    errors,
    answeredPerSecond: latencies.length / seconds,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
  };
}

async function shedding(maxInFlight: number): Promise<SheddingFigures> {
  // Accelerated clock: the judgments created under load finish within the run.
  const svc = await startWith(
    {
      http: { maxInFlightRequests: maxInFlight, maxConnectionsPerClient: 0, maxEventLoopDelayMs: 500 },
      scheduler: { tickMs: 100, deadlineGraceMinutes: 60 },
    },
    120,
  );
  try {
    const demo = (scope: string) => ({
      apiVersion: 'canary-judge/v1',
      metricSource: 'demo',
      canaryConfig: { metrics: [{ name: 'latency', groups: ['latency'], query: { series: 'latency' } }] },
      scopes: { controlScope: 'bench-baseline', experimentScope: scope },
      timing: { lifetimeMinutes: 20, intervalMinutes: 10 },
      thresholds: { pass: 75, marginal: 50 },
    });
    // Like Orca's create task: retry on 429 (after Retry-After) until created.
    let createShed = 0;
    const create = async (key: string) => {
      for (;;) {
        const res = await fetch(`${svc.base}/v1/judgments/${key}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(demo('bench-canary')),
        });
        await res.arrayBuffer();
        if (res.status === 201 || res.status === 200) return;
        if (res.status !== 429) throw new Error(`PUT ${key} answered ${res.status}`);
        createShed++;
        await sleep(Number(res.headers.get('retry-after') ?? '1') * 1000);
      }
    };
    const keys = Array.from({ length: 100 }, (_, i) => `shed-${i}`);
    for (const k of keys) await create(k);
    const under = await pollPhase(svc.base, keys, 16, 5);
    // Past the limit, 50 more judgments are created during the overload.
    const extra = Array.from({ length: 50 }, (_, i) => `shed-extra-${i}`);
    const [past] = await Promise.all([
      pollPhase(svc.base, keys, maxInFlight * 8, 5),
      Promise.all(extra.map((k) => create(k))),
    ]);
    // Every judgment reaches its verdict (about 10 s at ×120).
    let finished = 0;
    const all = [...keys, ...extra];
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      finished = 0;
      for (const k of all) {
        const res = await fetch(`${svc.base}/v1/judgments/${k}`);
        const j = (await res.json()) as { status?: string };
        if (res.status === 200 && j.status !== 'RUNNING') finished++;
      }
      if (finished === all.length) break;
      await sleep(500);
    }
    return { maxInFlight, under, past, created: all.length, createShed, finished };
  } finally {
    await svc.stop();
  }
}

/**
 * Runs both parts and prints their figures.
 * @param options `bodyMb` (40, or `BENCH_BODY_MB`), `maxInFlight` for the shedding part (32)
 */
export async function benchServiceLoad(options: { bodyMb?: number; maxInFlight?: number } = {}) {
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
  const phase = (label: string, p: ShedPhase) =>
    `  ${label} (${p.clients} clients): ${f(p.answeredPerSecond)} answered polls/s, p50 ${f(p.p50Ms)} ms, ` +
    `p99 ${f(p.p99Ms)} ms; ${p.shed} answered 429 (retried after Retry-After), ${p.errors} errors\n`;
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
  const shed = await shedding(options.maxInFlight ?? 32);
  process.stdout.write(
    `load shedding (http.maxInFlightRequests ${shed.maxInFlight}, maxEventLoopDelayMs 500, 100 live judgments):\n` +
      phase('under the limit', shed.under) +
      phase('past the limit', shed.past) +
      `  judgments: ${shed.created} created (${shed.createShed} creates answered 429 and retried), ` +
      `${shed.finished} reached a verdict\n`,
  );
  return { pooled, inline, shed };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await benchServiceLoad();
}
