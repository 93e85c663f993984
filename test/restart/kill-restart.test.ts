/**
 * Durability across a crash: several live judgments (accelerated clock) run while the judge is killed with
 * SIGKILL and started again on the same SQLite file. Orca-shaped clients poll through a proxy that answers 502
 * while the judge is down (as a load balancer would), so Orca keeps polling (5xx is retried).
 * Every judgment must finish with a verdict, and no interval may be evaluated twice.
 */
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoRequest, finalBody, pluginStage, runStage, type DemoMetric } from '../conformance/harness';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { waitUntil } from '../support/wait';

const services: JudgeService[] = [];
let proxy: FaultProxy | undefined;

afterAll(async () => {
  await proxy?.close();
  for (const service of services.reverse()) await service.cleanup();
});

/** Sum of `canary_judge_interval_evaluation_seconds_count{outcome=…}` in a Prometheus text exposition. */
function evaluations(metricsText: string, outcome: string): number {
  const re = new RegExp(
    `^canary_judge_interval_evaluation_seconds_count\\{[^}]*outcome="${outcome}"[^}]*\\} (\\S+)$`,
    'gm',
  );
  return [...metricsText.matchAll(re)].reduce((sum, m) => sum + Number(m[1]), 0);
}

interface IntervalRow {
  judgment_key: string;
  idx: number;
  state: string;
}

const marginal: DemoMetric[] = [
  { name: 'latency', series: 'latency', scenario: 'latency-regression', group: 'latency' },
  { name: 'cpu', series: 'cpu', scenario: 'healthy', group: 'cpu' },
];

describe('judge killed with SIGKILL mid-way through several live judgments', () => {
  it('finishes every judgment with a verdict after restart, evaluating each interval once', async () => {
    // A generous deadline: the judge's clock runs on while the process is down, and a loaded CI machine restarts slowly.
    const config = { scheduler: { tickMs: 100, leaseSeconds: 30, deadlineGraceMinutes: 240 } };
    const first = await startJudgeService({ clockSpeed: 60, config });
    services.push(first);
    proxy = await startFaultProxy(first.baseUrl);
    const cases = [
      { expected: 'PASS', request: demoRequest({ lifetimeMinutes: 6, intervalMinutes: 1 }) },
      { expected: 'PASS', request: demoRequest({ lifetimeMinutes: 8, intervalMinutes: 2 }) },
      {
        expected: 'MARGINAL',
        request: demoRequest({
          lifetimeMinutes: 5,
          intervalMinutes: 1,
          metrics: marginal,
          weights: { latency: 40, cpu: 60 },
        }),
      },
      {
        expected: 'FAIL',
        request: demoRequest({ experimentScope: 'canary-latency-regression', lifetimeMinutes: 6, intervalMinutes: 1 }),
      },
    ];
    const runs = cases.map((c) => runStage(pluginStage(proxy?.baseUrl ?? '', c.request)));

    // Kill once the first judgment has two intervals done and the longest one is still running.
    const db = () => new Database(first.dbFile, { readonly: true, fileMustExist: true });
    await waitUntil(
      () => {
        const conn = db();
        try {
          const done = conn.prepare("SELECT count(*) AS n FROM intervals WHERE state = 'DONE'").get() as { n: number };
          return done.n >= 4;
        } finally {
          conn.close();
        }
      },
      { timeoutMs: 30_000, what: 'four intervals done before the crash' },
    );
    await first.kill9();
    const conn = db();
    const atKill = conn.prepare('SELECT judgment_key, idx, state FROM intervals').all() as IntervalRow[];
    conn.close();
    const doneAtKill = atKill.filter((r) => r.state === 'DONE').length;
    expect(atKill.some((r) => r.state !== 'DONE')).toBe(true);

    const second = await startJudgeService({ clockSpeed: 60, config, dbFile: first.dbFile, port: first.port });
    services.push(second);
    const finished = await Promise.all(runs);

    const downtimePolls = finished.flatMap((r) => r.calls).filter((c) => c.phase === 'poll' && c.status === 502);
    expect(downtimePolls.length).toBeGreaterThan(0);
    let doneTotal = 0;
    for (const [i, run] of finished.entries()) {
      const body = finalBody(run);
      expect(body.verdict, `case ${i}: ${String(body.message)}`).toBe(cases[i]?.expected);
      expect(run.status).toBe(cases[i]?.expected === 'PASS' ? 'SUCCEEDED' : 'TERMINAL');
      const report = (await (await fetch(String(body.reportUrl))).json()) as {
        intervals: { index: number; state: string; score: number | null }[];
      };
      const indices = report.intervals.map((iv) => iv.index);
      expect(new Set(indices).size).toBe(indices.length);
      expect(indices.length).toBe(body.intervalsPlanned);
      const done = report.intervals.filter((iv) => iv.state === 'DONE');
      expect(body.intervalScores).toEqual(done.map((iv) => iv.score));
      if (body.verdict !== 'FAIL') expect(done).toHaveLength(Number(body.intervalsPlanned));
      doneTotal += done.length;
    }
    const metrics = await (await fetch(`${second.baseUrl}/metrics`)).text();
    expect(evaluations(metrics, 'done')).toBe(doneTotal - doneAtKill);
    expect(evaluations(metrics, 'discarded')).toBe(0);
  });
});
