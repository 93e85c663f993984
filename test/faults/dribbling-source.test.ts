/**
 * A metric store that answers 200 and then writes its body a few bytes at a time (issue: "a metric source that sends
 * its answer slowly hangs every judgment"). Over real sockets: the judge service as a process, a dribbling stand-in
 * Prometheus on loopback. Four judgments on the dribbling source fill every evaluation slot
 * (`scheduler.maxConcurrent` 4); a demo-source judgment created after them must still be judged, and the four must
 * end TERMINAL with TIMEOUT instead of staying RUNNING for ever — because `timeoutMs` bounds the whole exchange.
 * A wrong-shaped answer gets a message naming the source, the metric and what was wrong.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRequest, createPrometheusSource, MetricSourceError } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { waitUntil } from '../support/wait';

let dribbler: Server;
let dribbleUrl = '';
const open = new Set<ServerResponse>();
let judge: JudgeService;

beforeAll(async () => {
  dribbler = createServer((_req, res) => {
    open.add(res);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[');
    const t = setInterval(() => res.write('[1,"1"],'), 100);
    res.on('close', () => {
      clearInterval(t);
      open.delete(res);
    });
  });
  await new Promise<void>((resolve) => dribbler.listen(0, '127.0.0.1', resolve));
  dribbleUrl = `http://127.0.0.1:${(dribbler.address() as AddressInfo).port}`;
  judge = await startJudgeService({
    clockSpeed: 60,
    config: {
      scheduler: { maxConcurrent: 4, retryDelaySeconds: 60, maxSourceAttempts: 2, tickMs: 100 },
      metricSources: { prometheus: { type: 'prometheus', baseUrl: dribbleUrl, timeoutMs: 1500 } },
    },
  });
}, 60_000);

afterAll(async () => {
  await judge?.cleanup();
  dribbler.closeAllConnections();
  await new Promise<void>((resolve) => dribbler.close(() => resolve()));
});

/** A retrospective judgment (judged at once) over the ten minutes that ended a minute ago. */
function retrospective(metricSource: string) {
  const r = demoRequest();
  const end = Date.now() - 60_000;
  const base = {
    ...r,
    metricSource,
    timing: { startTimeIso: new Date(end - 10 * 60_000).toISOString(), endTimeIso: new Date(end).toISOString() },
  };
  if (metricSource === 'demo') return base;
  return {
    ...base,
    canaryConfig: {
      ...r.canaryConfig,
      metrics: r.canaryConfig.metrics.map((m) => ({ ...m, query: { promql: 'latency{deployment="${scope}"}' } })),
    },
  };
}

async function put(key: string, body: unknown): Promise<number> {
  const res = await fetch(`${judge.baseUrl}/v1/judgments/${key}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

async function status(key: string): Promise<Record<string, unknown>> {
  return (await (await fetch(`${judge.baseUrl}/v1/judgments/${key}`)).json()) as Record<string, unknown>;
}

describe('a dribbling metric source', () => {
  it('cannot hold the evaluation slots: a demo judgment behind four stuck ones is judged, and the four end TIMEOUT', async () => {
    for (const k of ['slow-1', 'slow-2', 'slow-3', 'slow-4'])
      expect(await put(k, retrospective('prometheus'))).toBe(201);
    await waitUntil(async () => open.size >= 4, { timeoutMs: 20_000, what: 'four dribbled answers in progress' });
    expect(await put('demo-behind', retrospective('demo'))).toBe(201);

    await waitUntil(async () => (await status('demo-behind'))['status'] !== 'RUNNING', {
      timeoutMs: 45_000,
      what: 'the demo judgment to finish',
    });
    expect(await status('demo-behind')).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS' });

    for (const k of ['slow-1', 'slow-2', 'slow-3', 'slow-4']) {
      await waitUntil(async () => (await status(k))['status'] !== 'RUNNING', { timeoutMs: 45_000, what: `${k} ends` });
      const body = await status(k);
      expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'TIMEOUT' } });
      expect(String((body['error'] as { message: string }).message)).toMatch(/did not answer within 1500 ms/);
    }
  }, 120_000);
});

describe('a wrong-shaped answer', () => {
  it.each([
    ['values: [null]', { resultType: 'matrix', result: [{ metric: {}, values: [null] }] }, /values\[0\] is null/],
    [
      'an object where the values array belongs',
      { resultType: 'matrix', result: [{ values: {} }] },
      /no "values" array/,
    ],
    ['a string result', { resultType: 'matrix', result: 'x' }, /expected a matrix/],
  ])('%s → UPSTREAM_ERROR naming the metric and what was wrong, not a TypeError', async (_name, data, detail) => {
    const stub = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data }));
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    try {
      const source = createPrometheusSource('prom-eu', {
        baseUrl: `http://127.0.0.1:${(stub.address() as AddressInfo).port}`,
      });
      const r = retrospective('prometheus');
      const err = await source
        .fetch({
          metric: r.canaryConfig.metrics[0]!,
          side: 'experiment',
          scope: 'checkout-canary',
          location: undefined,
          params: {},
          scopes: r.scopes,
          startMs: 0,
          endMs: 60_000,
          stepSeconds: 60,
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(MetricSourceError);
      expect((err as MetricSourceError).code).toBe('UPSTREAM_ERROR');
      expect((err as Error).message).toMatch(/^metric \S+ \(canary checkout-canary\): /);
      expect((err as Error).message).toMatch(detail);
      expect((err as Error).message).not.toMatch(/TypeError|Cannot read/);
    } finally {
      await new Promise<void>((resolve) => stub.close(() => resolve()));
    }
  });
});
