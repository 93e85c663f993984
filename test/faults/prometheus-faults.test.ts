/**
 * Prometheus faults: slower than the configured timeout, answering 500 or 503, or not listening at all. The service
 * must retry a bounded number of times (`scheduler.maxSourceAttempts`), all inside the judgment's deadline, and then
 * end the judgment TERMINAL with the source's own error code and a message saying what failed (the metric, the side
 * and scope, the Prometheus failure, the interval window and the attempts); the waits between attempts grow
 * (exponential backoff). A Prometheus that recovers within the attempts gives the normal verdict. An answer larger
 * than the configured cap is refused, not buffered.
 * In-process service (SQLite in memory) on a manual clock, so judgment time is stepped by the test; the stand-in
 * Prometheus is a stub HTTP server on loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrometheusSource, testService } from '@canary-judge/orca-stage-spec/testing';
import { freePort } from '../support/ports';
import { promqlRequest } from '../support/promql-request';
import { startStubServer, type StubServer } from '../support/stub-server';
import { sleep } from '../support/wait';

const TIMEOUT_MS = 300;
const dirs: string[] = [];
const stubs: StubServer[] = [];

afterAll(async () => {
  for (const s of stubs) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function request(): JudgmentRequest {
  return promqlRequest({ name: 'faults', namedJudge: true, timing: { lifetimeMinutes: 10, intervalMinutes: 10 } });
}

type Fault = 'slow' | '500' | '503' | 'unreachable' | 'huge';

async function prometheusUrl(fault: Fault, seen: number[], now: () => number): Promise<string> {
  if (fault === 'unreachable') return `http://127.0.0.1:${await freePort()}`;
  const stub = await startStubServer(async () => {
    seen.push(now());
    if (fault === 'huge') {
      const values = Array.from({ length: 20_000 }, (_, i) => [1_714_557_600 + i, String(i)]);
      return {
        status: 200,
        body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } },
      };
    }
    if (fault === 'slow') {
      await sleep(TIMEOUT_MS * 4);
      return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result: [] } } };
    }
    return { status: Number(fault), body: { status: 'error', errorType: 'internal', error: `injected ${fault}` } };
  });
  stubs.push(stub);
  return stub.baseUrl;
}

const CASES: Array<[Fault, string, RegExp]> = [
  ['slow', 'TIMEOUT', new RegExp(`did not answer within ${TIMEOUT_MS} ms`)],
  ['500', 'PROMETHEUS_UNREACHABLE', /Prometheus answered 500: internal: injected 500/],
  ['503', 'TIMEOUT', /Prometheus answered 503/],
  ['unreachable', 'PROMETHEUS_UNREACHABLE', /cannot reach Prometheus at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/],
];

describe('Prometheus faults', () => {
  it('refuses a Prometheus answer larger than maxResponseBytes: TERMINAL ANSWER_TOO_LARGE naming the limit', async () => {
    const seen: number[] = [];
    const baseUrl = await prometheusUrl('huge', seen, () => 0);
    const source = createPrometheusSource('prometheus', { baseUrl, timeoutMs: 5000, maxResponseBytes: 100_000 });
    const svc = await testService({}, { sources: new Map([['prometheus', source]]) });
    try {
      expect((await svc.app.inject({ method: 'PUT', url: '/v1/judgments/h1', payload: request() })).statusCode).toBe(
        201,
      );
      svc.clock.advance(10 * 60_000);
      await svc.scheduler.runOnce();
      const body = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/h1' })).json();
      expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'ANSWER_TOO_LARGE' } });
      expect(body.error.message).toMatch(/metric latency .*more than 100000 bytes \(maxResponseBytes\)/);
      expect(seen.length).toBeGreaterThanOrEqual(1);
    } finally {
      await svc.close();
    }
  });

  async function faultService(baseUrl: string, scheduler: Record<string, number>) {
    const dir = mkdtempSync(join(tmpdir(), 'canary-judge-faults-'));
    dirs.push(dir);
    const configFile = join(dir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        scheduler: { retryDelaySeconds: 60, ...scheduler },
        metricSources: { prometheus: { type: 'prometheus', baseUrl, timeoutMs: TIMEOUT_MS } },
      }),
    );
    return testService({ CANARY_JUDGE_CONFIG: configFile });
  }

  /** Steps judgment time 30 s per scheduler pass until the judgment ends; returns its body and the intervals claimed. */
  async function runToEnd(svc: Awaited<ReturnType<typeof testService>>, key: string) {
    let attempts = 0;
    let body: Record<string, unknown> = {};
    for (let passes = 0; passes < 200; passes++) {
      svc.clock.advance(30_000);
      attempts += await svc.scheduler.runOnce();
      body = (await svc.app.inject({ method: 'GET', url: `/v1/judgments/${key}` })).json();
      if (body['status'] !== 'RUNNING') break;
    }
    return { body, attempts };
  }

  /** Start times of the baseline fetches (one per attempt), relative to the first. */
  function attemptOffsets(seen: number[]): number[] {
    const starts = seen.filter((_, i) => i % 2 === 0);
    return starts.map((t) => t - (starts[0] as number));
  }

  it.each(CASES)(
    'Prometheus %s → retries with growing waits until the next would pass the deadline, then TERMINAL %s naming what failed',
    async (fault, code, detail) => {
      const seen: number[] = [];
      let clockNow = () => 0;
      const baseUrl = await prometheusUrl(fault, seen, () => clockNow());
      const svc = await faultService(baseUrl, { deadlineGraceMinutes: 10 });
      clockNow = () => svc.clock.now();
      try {
        const put = await svc.app.inject({ method: 'PUT', url: '/v1/judgments/f1', payload: request() });
        expect(put.statusCode).toBe(201);
        const deadline = (await svc.store.getJudgment('f1'))?.deadlineMs ?? 0;
        const { body, attempts } = await runToEnd(svc, 'f1');
        expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code } });
        const message = (body['error'] as { message: string }).message;
        // The message says what failed: metric, side and scope, the failure, source, interval window, attempts.
        expect(message).toMatch(/^metric latency \((baseline checkout-baseline|canary checkout-canary)\): /);
        expect(message).toMatch(detail);
        expect(message).toMatch(
          /; source "prometheus", interval 1 \(window 2024-05-01T12:00:00Z–12:10:00Z\), 4 attempts: the next retry would pass the judge's deadline 2024-05-01T12:20:00\.000Z$/,
        );
        expect(String(body['message'])).toMatch(new RegExp(`^ERROR ${code}: metric latency`));
        // Due at 10 min; retries after 1, 2 and 4 more minutes; the next (8 min later) would pass the 20-min deadline.
        expect(attempts).toBe(4);
        if (fault !== 'unreachable') {
          expect(seen.length).toBe(2 * attempts); // baseline and canary per attempt
          expect(seen.every((t) => t < deadline)).toBe(true);
          expect(attemptOffsets(seen)).toEqual([0, 60_000, 180_000, 420_000]);
        }
        const report = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/f1/report' })).json();
        expect(report.intervals[0]).toMatchObject({ state: 'FAILED', attempts, error: { code } });
      } finally {
        await svc.close();
      }
    },
    60_000,
  );

  it('Prometheus answering 500 with a far deadline → stops after scheduler.maxSourceAttempts with the source code', async () => {
    const seen: number[] = [];
    let clockNow = () => 0;
    const baseUrl = await prometheusUrl('500', seen, () => clockNow());
    const svc = await faultService(baseUrl, { deadlineGraceMinutes: 600, maxSourceAttempts: 3 });
    clockNow = () => svc.clock.now();
    try {
      expect((await svc.app.inject({ method: 'PUT', url: '/v1/judgments/m1', payload: request() })).statusCode).toBe(
        201,
      );
      const { body, attempts } = await runToEnd(svc, 'm1');
      expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'PROMETHEUS_UNREACHABLE' } });
      const message = (body['error'] as { message: string }).message;
      expect(message).toMatch(
        /^metric latency \(\w+ checkout-\w+\): Prometheus answered 500: internal: injected 500; /,
      );
      expect(message).toMatch(/3 attempts: no retries left \(scheduler\.maxSourceAttempts 3\)$/);
      expect(attempts).toBe(3);
      expect(seen).toHaveLength(6);
      expect(attemptOffsets(seen)).toEqual([0, 60_000, 180_000]);
    } finally {
      await svc.close();
    }
  }, 60_000);

  it('Prometheus failing twice, then answering → the third attempt judges the interval normally', async () => {
    let calls = 0;
    const stub = await startStubServer((req) => {
      calls++;
      if (calls <= 4) return { status: 503, body: { status: 'error', errorType: 'unavailable', error: 'warming up' } };
      const q = new URL(req.url, 'http://x').searchParams;
      const start = Math.ceil(Number(q.get('start')) / 60) * 60;
      const values: [number, string][] = [];
      for (let t = start; t <= Number(q.get('end')); t += 60) values.push([t, '100']);
      return {
        status: 200,
        body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } },
      };
    });
    stubs.push(stub);
    const svc = await faultService(stub.baseUrl, { deadlineGraceMinutes: 10 });
    try {
      expect((await svc.app.inject({ method: 'PUT', url: '/v1/judgments/r1', payload: request() })).statusCode).toBe(
        201,
      );
      const { body, attempts } = await runToEnd(svc, 'r1');
      expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', score: 100, error: null });
      expect(attempts).toBe(3);
      expect(calls).toBe(6);
      const report = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/r1/report' })).json();
      expect(report.intervals[0]).toMatchObject({ state: 'DONE', attempts: 3 });
    } finally {
      await svc.close();
    }
  }, 60_000);
});
