/**
 * Conformance of the judge service with `docs/design/orca-webhook-contract.md` §7: every case of the list, run through
 * the Orca-shaped client against the real service process (loopback, temp SQLite file, demo source, accelerated clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { loadOrcaLocal, rebase } from '../stage-contract/stage-documents';
import {
  allCalls,
  demoRequest,
  expectRefusedStage,
  finalBody,
  freshIds,
  genericStage,
  jsonOf,
  pluginStage,
  RESPONSE_CAP_BYTES,
  runStage,
} from './harness';

let judge: JudgeService;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  const deadPort = await freePort();
  judge = await startJudgeService({
    clockSpeed: 60,
    config: {
      scheduler: { tickMs: 100, retryDelaySeconds: 20, deadlineGraceMinutes: 1 },
      metricSources: {
        prometheus: { type: 'prometheus', baseUrl: `http://127.0.0.1:${deadPort}`, timeoutMs: 1000 },
        unreachable: { type: 'prometheus', baseUrl: `http://127.0.0.1:${deadPort}`, timeoutMs: 1000 },
      },
    },
  });
});

afterAll(async () => {
  await proxy?.close();
  await judge?.cleanup();
});

const STATUSES = ['RUNNING', 'SUCCEEDED', 'TERMINAL', 'CANCELED'];

describe('`docs/design/orca-webhook-contract.md` §7 conformance (Orca-shaped client → judge service)', () => {
  it('happy PASS: a healthy canary gives SUCCEEDED/PASS and no cancel call', async () => {
    const run = await runStage(pluginStage(judge.baseUrl, demoRequest({ lifetimeMinutes: 2, intervalMinutes: 1 })));
    expect(run.reason).toBeUndefined();
    expect(run.status).toBe('SUCCEEDED');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS', phase: 'DONE' });
    expect(body.intervalScores).toHaveLength(2);
    expect(String(body.message)).toMatch(/^PASS/);
    expect(run.calls.some((c) => c.phase === 'cancel')).toBe(false);
  });

  it('FAIL: stage TERMINAL with verdict FAIL, then the cancel call is a 200 no-op', async () => {
    const run = await runStage(
      pluginStage(judge.baseUrl, demoRequest({ experimentScope: 'checkout-canary-latency-regression' })),
    );
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const cancel = run.calls.at(-1);
    expect(cancel?.phase).toBe('cancel');
    expect(cancel?.status).toBe(200);
    const after = (await (await fetch(String(body.statusUrl))).json()) as Record<string, unknown>;
    expect(after).toMatchObject({
      status: 'TERMINAL',
      verdict: 'FAIL',
      score: body.score,
      completedAt: body.completedAt,
    });
  });

  it('MARGINAL: a score between the thresholds fails the stage with verdict MARGINAL', async () => {
    const request = demoRequest({
      lifetimeMinutes: 1,
      intervalMinutes: 1,
      metrics: [
        { name: 'latency', series: 'latency', scenario: 'latency-regression', group: 'latency' },
        { name: 'cpu', series: 'cpu', scenario: 'healthy', group: 'cpu' },
      ],
      weights: { latency: 40, cpu: 60 },
    });
    const run = await runStage(pluginStage(judge.baseUrl, request));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: 'MARGINAL' });
    expect(Number(body.score)).toBeGreaterThan(50);
    expect(Number(body.score)).toBeLessThan(75);
  });

  it('invalid input: 400 on create, stage TERMINAL at once, error naming the field', async () => {
    const run = await runStage(
      pluginStage(judge.baseUrl, demoRequest({ thresholds: { pass: 150, marginal: 50 } }), { cancelEndpoint: '' }),
    );
    expect(run.calls.filter((c) => c.phase === 'create')).toHaveLength(1);
    const body = expectRefusedStage(run, 400);
    expect(JSON.stringify(body.error)).toMatch(/thresholds.*pass/);
  });

  it('an unresolved ${…} that Orca sent as raw text is refused with 400 naming the field', async () => {
    const request = demoRequest({ experimentScope: '${trigger.parameters.canaryScope}' });
    const run = await runStage(pluginStage(judge.baseUrl, request));
    expect(run.unresolved.map((u) => u.expression)).toContain('${trigger.parameters.canaryScope}');
    expect(JSON.stringify(expectRefusedStage(run, 400))).toContain('scopes.experimentScope');
  });

  it('PUT replayed after a lost response (503) returns the same judgment, and no X-SPINNAKER-* header is needed', async () => {
    proxy = await startFaultProxy(judge.baseUrl);
    proxy.setPolicy(({ method, index }) =>
      method === 'PUT' && index === 0
        ? { action: 'forward-then-replace', status: 503, body: 'simulated: response lost' }
        : { action: 'forward' },
    );
    const abort = new AbortController();
    const stage = pluginStage(proxy.baseUrl, demoRequest({ lifetimeMinutes: 60, intervalMinutes: 30 }));
    stage.customHeaders = { ...(stage.customHeaders as object), 'X-SPINNAKER-USER': 'mallory' };
    const run = await runStage(stage, {
      cancelSignal: abort.signal,
      onPoll: (n) => (n >= 2 ? abort.abort() : undefined),
    });
    const puts = proxy.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => [r.upstreamStatus, r.clientStatus])).toEqual([
      [201, 503],
      [200, 200],
    ]);
    expect(puts[0]?.body).toBe(puts[1]?.body);
    const first = JSON.parse(puts[0]?.upstreamBody ?? '{}') as Record<string, unknown>;
    const replay = (run.context.webhook as { body: Record<string, unknown> }).body;
    expect(replay.judgmentKey).toBe(first.judgmentKey);
    expect(replay.createdAt).toBe(first.createdAt);
    expect(run.status).toBe('CANCELED');
    for (const request of proxy.requests) {
      expect(Object.keys(request.headers).filter((h) => h.startsWith('x-spinnaker'))).toEqual([]);
    }
    expect(proxy.requests.filter((r) => r.method === 'GET').every((r) => r.clientStatus === 200)).toBe(true);
  });

  it('same key with a different body → 409 and the stage fails', async () => {
    const ids = freshIds();
    const abort = new AbortController();
    const first = await runStage(
      pluginStage(judge.baseUrl, demoRequest({ lifetimeMinutes: 60, intervalMinutes: 30 })),
      { cancelSignal: abort.signal, onPoll: () => abort.abort() },
      ids,
    );
    expect((first.context.webhook as { statusCodeValue: number }).statusCodeValue).toBe(201);
    const second = await runStage(
      pluginStage(
        judge.baseUrl,
        demoRequest({ lifetimeMinutes: 60, intervalMinutes: 30, thresholds: { pass: 80, marginal: 40 } }),
      ),
      {},
      ids,
    );
    expectRefusedStage(second, 409);
  });

  it('GET of an unknown key → 404 with a status and a message (Orca fails the stage at once)', async () => {
    const run = await runStage({
      ...pluginStage(judge.baseUrl),
      monitorOnly: true,
      url: `${judge.baseUrl}/v1/judgments/no-such-key`,
      cancelEndpoint: '',
    });
    expect(run.status).toBe('TERMINAL');
    const poll = run.calls.find((c) => c.phase === 'poll');
    expect(poll?.status).toBe(404);
    expect(jsonOf(poll)).toMatchObject({ status: 'TERMINAL' });
    expect(typeof jsonOf(poll).message).toBe('string');
    const cancel = await fetch(`${judge.baseUrl}/v1/judgments/no-such-key/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(404);
  });

  it('pipeline cancelled mid-run: Orca sends the cancel call (202) and the judgment is CANCELED', async () => {
    const abort = new AbortController();
    const run = await runStage(pluginStage(judge.baseUrl, demoRequest({ lifetimeMinutes: 60, intervalMinutes: 10 })), {
      cancelSignal: abort.signal,
      onPoll: (n) => (n >= 3 ? abort.abort() : undefined),
    });
    expect(run.status).toBe('CANCELED');
    const cancel = run.calls.at(-1);
    expect(cancel).toMatchObject({ phase: 'cancel', status: 202 });
    const after = (await (await fetch(String(run.context.statusEndpoint))).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ status: 'CANCELED', verdict: null });
    const again = await fetch(`${String(run.context.statusEndpoint)}/cancel`, { method: 'POST' });
    expect(again.status).toBe(200);
  });

  it('cancelled by another party mid-run: the next poll reports CANCELED and the stage is CANCELED', async () => {
    let cancelled = false;
    const run = await runStage(pluginStage(judge.baseUrl, demoRequest({ lifetimeMinutes: 60, intervalMinutes: 10 })), {
      onPoll: async (n, context) => {
        if (n === 2 && !cancelled) {
          cancelled = true;
          const res = await fetch(`${String(context.statusEndpoint)}/cancel`, { method: 'POST' });
          expect(res.status).toBe(202);
        }
      },
    });
    expect(run.status).toBe('CANCELED');
    expect(run.calls.filter((c) => c.phase === 'poll')).toHaveLength(3);
    expect(run.calls.some((c) => c.phase === 'cancel')).toBe(false);
  });

  it('judge-side give-up: metric source unreachable to the end → TERMINAL with the source error code and the cause', async () => {
    const request = {
      ...demoRequest({ lifetimeMinutes: 2, intervalMinutes: 2 }),
      metricSource: 'unreachable',
      canaryConfig: { metrics: [{ name: 'latency', groups: ['g'], query: { promql: 'sum(up{job="${scope}"})' } }] },
    };
    const run = await runStage(pluginStage(judge.baseUrl, request));
    expect(run.status).toBe('TERMINAL');
    const body = finalBody(run);
    expect(body).toMatchObject({ status: 'TERMINAL', verdict: null, error: { code: 'PROMETHEUS_UNREACHABLE' } });
    expect(String((body.error as { message: string }).message)).toMatch(/cannot reach Prometheus.*attempts?: /);
    expect(String(body.message)).not.toBe('');
  });

  it('a text/plain PUT from the generic preconfigured webhook (orca-local.yml merge, string parameters) is accepted', async () => {
    const local = rebase(loadOrcaLocal(), judge.baseUrl);
    const entries = local.webhook.preconfigured.map((e) => ({ ...e, customHeaders: { Accept: ['application/json'] } }));
    const abort = new AbortController();
    const run = await runStage(genericStage('us-east-1'), {
      preconfigured: entries,
      allowedRequests: local.webhook.allowedRequests,
      cancelSignal: abort.signal,
      onPoll: () => abort.abort(),
    });
    const create = run.calls.find((c) => c.phase === 'create');
    expect(create?.status).toBe(201);
    expect(jsonOf(create)).toMatchObject({ status: 'RUNNING', intervalsPlanned: 2 });
    expect(run.status).toBe('CANCELED');
    expect(run.calls.map((c) => [c.phase, c.status])).toEqual([
      ['create', 201],
      ['poll', 200],
      ['cancel', 202],
    ]);
  });

  it('the documented plugin stage (Prometheus payload), templated like Orca, is accepted', async () => {
    const abort = new AbortController();
    const run = await runStage(pluginStage(judge.baseUrl), { cancelSignal: abort.signal, onPoll: () => abort.abort() });
    expect(run.unresolved.map((u) => u.expression)).toEqual(['${scope}']);
    const create = run.calls.find((c) => c.phase === 'create');
    expect(create?.status).toBe(201);
    expect(jsonOf(create)).toMatchObject({
      status: 'RUNNING',
      intervalsPlanned: 4,
      thresholds: { pass: 75, marginal: 50 },
    });
    expect(run.status).toBe('CANCELED');
  });

  it.each(['webhookResponse', 'locationHeader'])(
    'fallback POST /v1/judgments (key in the body) works with statusUrlResolution %s',
    async (resolution) => {
      const key = '${execution.id}-${#currentStage().id}-${#currentStage().startTime}';
      const stage = pluginStage(
        judge.baseUrl,
        { ...demoRequest({ lifetimeMinutes: 1, intervalMinutes: 1 }), judgmentKey: key },
        {
          method: 'POST',
          url: `${judge.baseUrl}/v1/judgments`,
          statusUrlResolution: resolution,
          statusUrlJsonPath: '$.statusUrl',
        },
      );
      const run = await runStage(stage);
      const create = run.calls.find((c) => c.phase === 'create');
      expect(create?.status).toBe(201);
      expect(create?.headers?.location?.[0]).toBe(jsonOf(create).statusUrl);
      expect(run.context.statusEndpoint).toBe(jsonOf(create).statusUrl);
      expect(run.status).toBe('SUCCEEDED');
      expect(finalBody(run)).toMatchObject({ verdict: 'PASS' });
    },
  );

  it('every response: status from the enum, a string message, absolute URLs, size under the cap', () => {
    const judgeCalls = allCalls.filter((c) => c.bodyText !== undefined && c.status !== 503);
    expect(judgeCalls.length).toBeGreaterThan(30);
    for (const call of judgeCalls) {
      const body = jsonOf(call);
      expect(STATUSES, `${call.phase} ${call.url} → ${call.status}`).toContain(body.status);
      expect(typeof body.message, `${call.phase} ${call.url}`).toBe('string');
      expect(call.bytes ?? Infinity).toBeLessThan(RESPONSE_CAP_BYTES);
      if ('statusUrl' in body || 'reportUrl' in body) {
        for (const url of [body.statusUrl, body.reportUrl]) {
          expect(String(url)).toMatch(/^https?:\/\//);
          expect(new URL(String(url)).origin).toBe(judge.baseUrl);
        }
      }
    }
  });
});
