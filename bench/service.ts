/**
 * Judge-service benchmark (`npm run bench:service`; `benchService()` for the root runner): starts the real service
 * as a child process on loopback (`node --import tsx orca-stage-spec/src/main.ts`, temporary SQLite file, scheduler
 * running), then measures from this process
 * 0. creating the judgments (`PUT`): p50/p99 latency;
 * 1. status polls (`GET /v1/judgments/{key}`) per second and their p50/p99 latency with 100 live judgments, 16
 *    concurrent keep-alive clients;
 * 2. 100 retrospective judgments (judged at once): seconds until all have a verdict;
 * 3. `POST /judge` (Kayenta RemoteJudge) for 100 metrics × 1,000 points per side: median and max wall time of the
 *    HTTP call (parse + schema validation + judge + serialisation), beside the in-process `judge()` time.
 * Figures only; nothing is asserted (speed is never a test).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judge } from '@canary-judge/shared';
import { buildRequest } from './judge';
import { median, timeRuns } from './seeded';
import { spawnJudgeService } from './spawn-service';

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
}

function startService(dir: string): Promise<{ child: ChildProcess; base: string }> {
  return spawnJudgeService({ CANARY_JUDGE_DB: join(dir, 'bench.db'), LOG_LEVEL: 'info' });
}

function demoJudgment() {
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'demo',
    canaryConfig: {
      metrics: [
        { name: 'latency', groups: ['latency'], query: { series: 'latency' } },
        { name: 'errors', groups: ['errors'], query: { series: 'errors' } },
      ],
    },
    scopes: { controlScope: 'bench-baseline', experimentScope: 'bench-canary' },
    timing: { lifetimeMinutes: 60, intervalMinutes: 10 },
    thresholds: { pass: 75, marginal: 50 },
  };
}

/** Figures of one run. */
export interface ServiceBenchFigures {
  putP50Ms: number;
  putP99Ms: number;
  polls: number;
  pollsPerSecond: number;
  pollP50Ms: number;
  pollP99Ms: number;
  judgeHttpMedianMs: number;
  judgeHttpMaxMs: number;
  judgeInProcessMedianMs: number;
  judgeBodyBytes: number;
  /** Seconds until `judgments` retrospective judgments (6 intervals × 2 demo metrics each) all had a verdict. */
  retrospectiveSeconds: number;
}

/**
 * Runs the benchmark and prints its figures.
 * @param options `judgments` live judgments (100), `polls` total GETs (10,000), `concurrency` clients (16)
 */
export async function benchService(options: { judgments?: number; polls?: number; concurrency?: number } = {}) {
  const judgments = options.judgments ?? 100;
  const totalPolls = options.polls ?? 10_000;
  const concurrency = options.concurrency ?? 16;
  const dir = mkdtempSync(join(tmpdir(), 'canary-judge-bench-'));
  const { child, base } = await startService(dir);
  try {
    const keys: string[] = [];
    const putTimes: number[] = [];
    for (let i = 0; i < judgments; i++) {
      const key = `bench-${i}`;
      const t0 = performance.now();
      const res = await fetch(`${base}/v1/judgments/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(demoJudgment()),
      });
      const text = await res.text();
      putTimes.push(performance.now() - t0);
      if (res.status !== 201) throw new Error(`PUT ${key} answered ${res.status}: ${text}`);
      keys.push(key);
    }
    // Warm-up, then the measured polls.
    for (const key of keys.slice(0, 20)) await (await fetch(`${base}/v1/judgments/${key}`)).text();
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < totalPolls) {
          const key = keys[next++ % keys.length] as string;
          const t0 = performance.now();
          const res = await fetch(`${base}/v1/judgments/${key}`);
          await res.text();
          latencies.push(performance.now() - t0);
          if (res.status !== 200) throw new Error(`GET ${key} answered ${res.status}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    putTimes.sort((a, b) => a - b);

    // Retrospective judgments are judged at once: time from the first PUT until every one has its verdict.
    const retroStarted = performance.now();
    const retroKeys: string[] = [];
    for (let i = 0; i < judgments; i++) {
      const key = `bench-retro-${i}`;
      const body = {
        ...demoJudgment(),
        timing: { startTimeIso: '2024-05-01T10:00:00Z', endTimeIso: '2024-05-01T11:00:00Z', intervalMinutes: 10 },
      };
      const res = await fetch(`${base}/v1/judgments/${key}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`PUT ${key} answered ${res.status}: ${await res.text()}`);
      retroKeys.push(key);
    }
    for (const key of retroKeys) {
      for (;;) {
        const j = (await (await fetch(`${base}/v1/judgments/${key}`)).json()) as { status: string };
        if (j.status !== 'RUNNING') break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const retroSeconds = (performance.now() - retroStarted) / 1000;

    const request = buildRequest(100, 1_000);
    const body = JSON.stringify(request);
    const httpTimes: number[] = [];
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/judge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.text();
      if (res.status !== 200) throw new Error(`POST /judge answered ${res.status}`);
      if (i >= 2) httpTimes.push(performance.now() - t0);
    }
    const figures: ServiceBenchFigures = {
      putP50Ms: quantile(putTimes, 0.5),
      putP99Ms: quantile(putTimes, 0.99),
      polls: latencies.length,
      pollsPerSecond: latencies.length / seconds,
      pollP50Ms: quantile(latencies, 0.5),
      pollP99Ms: quantile(latencies, 0.99),
      judgeHttpMedianMs: median(httpTimes),
      judgeHttpMaxMs: Math.max(...httpTimes),
      judgeInProcessMedianMs: median(timeRuns(() => void judge(request), 5)),
      judgeBodyBytes: Buffer.byteLength(body),
      retrospectiveSeconds: retroSeconds,
    };
    const f = (n: number) => n.toFixed(n < 10 ? 2 : 0);
    process.stdout.write(
      [
        `judge service (loopback, child process, SQLite WAL, log level info, ${judgments} live judgments, ` +
          `${concurrency} clients):`,
        `  PUT (create) x${putTimes.length}: p50 ${f(figures.putP50Ms)} ms, p99 ${f(figures.putP99Ms)} ms`,
        `  status polls: ${figures.polls} in ${seconds.toFixed(2)} s = ${f(figures.pollsPerSecond)}/s; ` +
          `p50 ${f(figures.pollP50Ms)} ms, p99 ${f(figures.pollP99Ms)} ms`,
        `  ${judgments} retrospective judgments × 6 intervals (2 demo metrics, 60 points/side each): all judged in ` +
          `${figures.retrospectiveSeconds.toFixed(2)} s (${f((judgments * 6) / figures.retrospectiveSeconds)} intervals/s)`,
        `  POST /judge 100 metrics × 1,000 points (${(figures.judgeBodyBytes / 1e6).toFixed(1)} MB): ` +
          `median ${f(figures.judgeHttpMedianMs)} ms, max ${f(figures.judgeHttpMaxMs)} ms ` +
          `(in-process judge() ${f(figures.judgeInProcessMedianMs)} ms)`,
        '',
      ].join('\n'),
    );
    return figures;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await benchService();
}
