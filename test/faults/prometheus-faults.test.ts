/**
 * Prometheus faults: slower than the configured timeout, answering 500 or 503, or not listening at all. The service
 * must retry a bounded number of times, all inside the judgment's deadline, and then end the judgment TERMINAL with
 * an error code and a message saying what failed (the metric, the side and the Prometheus failure); the waits
 * between attempts grow (exponential backoff). An answer larger than the configured cap is refused, not buffered.
 * In-process service (SQLite in memory) on a manual clock, so judgment time is stepped by the test; the stand-in
 * Prometheus is a stub HTTP server on loopback.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JudgmentRequest } from '@canary-judge/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { createPrometheusSource } from '../../orca-stage-spec/src/sources/prometheus';
import { testService } from '../../orca-stage-spec/src/testing/fixtures';
import { freePort } from '../support/ports';
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
  return {
    apiVersion: 'canary-judge/v1',
    metricSource: 'prometheus',
    canaryConfig: {
      name: 'faults',
      judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
      metrics: [
        {
          name: 'latency',
          groups: ['latency'],
          query: { promql: 'http_latency_ms{deployment="${scope}"}' },
          analysisConfigurations: { canary: { direction: 'increase' } },
        },
      ],
      classifier: { groupWeights: { latency: 100 } },
    },
    scopes: { controlScope: 'checkout-baseline', experimentScope: 'checkout-canary' },
    timing: { lifetimeMinutes: 10, intervalMinutes: 10 },
    thresholds: { pass: 75, marginal: 50 },
  } as JudgmentRequest;
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
  it('refuses a Prometheus answer larger than maxResponseBytes: TERMINAL UPSTREAM_ERROR naming the limit', async () => {
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
      expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'UPSTREAM_ERROR' } });
      expect(body.error.message).toMatch(/metric latency .*more than 100000 bytes \(maxResponseBytes\)/);
      expect(seen.length).toBeGreaterThanOrEqual(1);
    } finally {
      await svc.close();
    }
  });

  it.each(CASES)(
    'Prometheus %s → bounded retries inside the deadline, then TERMINAL naming %s and what failed',
    async (fault, code, detail) => {
      const seen: number[] = [];
      let clockNow = () => 0;
      const baseUrl = await prometheusUrl(fault, seen, () => clockNow());
      const dir = mkdtempSync(join(tmpdir(), 'canary-judge-faults-'));
      dirs.push(dir);
      const configFile = join(dir, 'config.json');
      writeFileSync(
        configFile,
        JSON.stringify({
          scheduler: { retryDelaySeconds: 60, deadlineGraceMinutes: 10 },
          metricSources: { prometheus: { type: 'prometheus', baseUrl, timeoutMs: TIMEOUT_MS } },
        }),
      );
      const svc = await testService({ CANARY_JUDGE_CONFIG: configFile });
      clockNow = () => svc.clock.now();
      try {
        const put = await svc.app.inject({ method: 'PUT', url: '/v1/judgments/f1', payload: request() });
        expect(put.statusCode).toBe(201);
        const deadline = (await svc.store.getJudgment('f1'))?.deadlineMs ?? 0;
        let passes = 0;
        let attempts = 0;
        let body: Record<string, unknown> = {};
        for (; passes < 200; passes++) {
          svc.clock.advance(30_000);
          attempts += await svc.scheduler.runOnce();
          body = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/f1' })).json();
          if (body['status'] !== 'RUNNING') break;
        }
        expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'DEADLINE_EXCEEDED' } });
        const message = (body['error'] as { message: string }).message;
        // The message says what failed: the source's error code, the metric and side, and the failure itself.
        expect(message).toContain(`${code}: metric latency`);
        expect(message).toMatch(detail);
        expect(String(body['message'])).toMatch(/^ERROR DEADLINE_EXCEEDED/);
        // Retried, but a bounded number of times, and never after the deadline.
        expect(attempts).toBeGreaterThanOrEqual(2);
        expect(attempts).toBeLessThanOrEqual(12);
        if (fault !== 'unreachable') {
          expect(seen.length).toBe(2 * attempts); // baseline and canary per attempt
          expect(seen.every((t) => t < deadline)).toBe(true);
          // Exponential backoff: each wait between attempts is longer than the one before.
          const starts = seen.filter((_, i) => i % 2 === 0);
          const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
          expect(gaps.length).toBeGreaterThanOrEqual(2);
          for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThan(gaps[i - 1] as number);
        }
        const report = (await svc.app.inject({ method: 'GET', url: '/v1/judgments/f1/report' })).json();
        expect(report.intervals[0]).toMatchObject({ state: 'PENDING', attempts, error: { code } });
      } finally {
        await svc.close();
      }
    },
    60_000,
  );
});
