// Several scope pairs per judgment (Kayenta's per-metric `scopeName`): each metric is fetched and judged on the pair
// its scopeName selects; a scopeName the request does not define is a 400 at creation naming the metric.
import { afterEach, describe, expect, it } from 'vitest';
import type { JudgmentRequest, RemoteJudgeRequest } from '@canary-judge/shared';
import { demoRequest } from '../demo/demo-request';
import type { RunningService } from '../server';
import type { FetchRequest, MetricSource } from '../sources/port';
import { fakeJudge, testService } from '../testing/fixtures';
import { evaluateInterval } from './evaluate';

function twoRegionRequest(): JudgmentRequest {
  const r = demoRequest();
  r.scopes = { controlScope: 'baseline', experimentScope: 'healthy', controlLocation: 'us-east-1' };
  r.namedScopes = {
    eu: { controlScope: 'baseline-eu', experimentScope: 'latency-regression', experimentLocation: 'eu-west-1' },
  };
  r.canaryConfig.metrics[0]!.scopeName = 'eu';
  return r;
}

describe('evaluateInterval with several scopes', () => {
  it("fetches each metric with its own scope pair and puts it in the metric set pair (Kayenta's scopes)", async () => {
    const calls: FetchRequest[] = [];
    const source: MetricSource = {
      name: 'rec',
      type: 'rec',
      check: () => undefined,
      fetch: async (req) => {
        calls.push(req);
        return { timestamps: [0, 60_000], values: [1, 2] };
      },
    };
    let sent: RemoteJudgeRequest | undefined;
    const judge = (req: RemoteJudgeRequest) => {
      sent = req;
      return fakeJudge(req);
    };
    const interval = {
      index: 1,
      controlStartMs: 0,
      controlEndMs: 60_000,
      experimentStartMs: 0,
      experimentEndMs: 60_000,
      dueMs: 0,
    };
    await evaluateInterval(twoRegionRequest(), interval as never, source, judge, 60);
    const scopeOf = (metric: string, side: string) => calls.find((c) => c.metric.name === metric && c.side === side);
    expect(scopeOf('request-latency', 'control')).toMatchObject({ scope: 'baseline-eu', location: undefined });
    expect(scopeOf('request-latency', 'experiment')).toMatchObject({
      scope: 'latency-regression',
      location: 'eu-west-1',
    });
    expect(scopeOf('request-latency', 'experiment')?.scopes.experimentScope).toBe('latency-regression');
    expect(scopeOf('http-errors', 'control')).toMatchObject({ scope: 'baseline', location: 'us-east-1' });
    expect(scopeOf('http-errors', 'experiment')).toMatchObject({ scope: 'healthy' });
    const pair = sent?.metricSetPairList.find((p) => p.name === 'request-latency');
    expect(pair?.scopes?.experiment).toEqual({ scope: 'latency-regression', location: 'eu-west-1' });
  });
});

let svc: RunningService | undefined;
afterEach(async () => {
  await svc?.close();
  svc = undefined;
});

describe('PUT /v1/judgments with several scopes', () => {
  const put = (s: RunningService, key: string, body: unknown) =>
    s.app.inject({
      method: 'PUT',
      url: `/v1/judgments/${key}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('accepts named scopes that every metric scopeName resolves to', async () => {
    svc = await testService();
    const res = await put(svc, 'k-scopes', twoRegionRequest());
    expect(res.statusCode).toBe(201);
  });

  it('refuses a scopeName the request does not define, naming the metric and the scope', async () => {
    svc = await testService();
    const r = twoRegionRequest();
    r.canaryConfig.metrics[1]!.scopeName = 'ap-south';
    const res = await put(svc, 'k-unknown-scope', r);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'UNKNOWN_SCOPE', field: 'canaryConfig.metrics[1].scopeName' });
    expect(res.json().error.message).toContain('"ap-south" names no scope pair (defined: default, eu)');
  });

  it('refuses "default" as a named scope (it is the scopes field)', async () => {
    svc = await testService();
    const r = twoRegionRequest();
    r.namedScopes = { default: r.scopes };
    const res = await put(svc, 'k-default-scope', r);
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('namedScopes');
  });
});
