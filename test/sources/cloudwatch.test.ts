/**
 * The `cloudwatch` source against a stand-in CloudWatch on loopback reached through the AWS SDK v3 client's
 * endpoint override: the exact request the SDK sends (signed by the SDK, credentials only in the SigV4
 * `Authorization` header), answers and failures mapped to the source's codes, and the judge service process judging a
 * healthy and a regressed canary from CloudWatch data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudWatchSource, MetricSourceError, type FetchRequest } from '@canary-judge/orca-stage-spec/testing';
import { startJudgeService, type JudgeService } from '../support/judge-service';
import { cloudwatchStandIn, GET_METRIC_DATA_TARGET, respondGetMetricData } from '../support/stand-ins/cloudwatch';
import { latencyData } from '../support/stand-ins/data';
import { startStubServer, type StubResponse, type StubServer } from '../support/stub-server';
import { waitUntil } from '../support/wait';

let stub: StubServer;
beforeAll(async () => {
  stub = await startStubServer();
});
afterAll(async () => {
  await stub.close();
});

const T0 = Date.parse('2026-12-01T10:00:00Z');

function fetchReq(query: Record<string, unknown>, signal?: AbortSignal): FetchRequest {
  return {
    metric: { name: 'latency', groups: ['latency'], query },
    side: 'experiment',
    scope: 'tg-canary',
    location: 'eu-west-1',
    params: {},
    scopes: { controlScope: 'tg-baseline', experimentScope: 'tg-canary' },
    startMs: T0,
    endMs: T0 + 5 * 60_000,
    stepSeconds: 60,
    ...(signal ? { signal } : {}),
  };
}

const shortQuery = {
  type: 'cloudwatch',
  namespace: 'AWS/ApplicationELB',
  metricName: 'TargetResponseTime',
  dimensions: [{ name: 'TargetGroup', value: '${scope}' }],
  stat: 'p99',
};

const source = (extra: Record<string, unknown> = {}) =>
  createCloudWatchSource('cw-prod', {
    region: 'eu-west-1',
    baseUrl: stub.baseUrl,
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI-secret',
    timeoutMs: 2000,
    ...extra,
  });

async function failure(p: Promise<unknown>): Promise<MetricSourceError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MetricSourceError);
  return e as MetricSourceError;
}

describe('cloudwatch source: the request', () => {
  it('sends a SigV4-signed GetMetricData (AWS JSON 1.0) with the expanded query, window and period', async () => {
    stub.setHandler((req) => respondGetMetricData(req, latencyData(false)));
    const before = stub.requests.length;
    const series = await source().fetch(fetchReq(shortQuery));
    const req = stub.requests[before]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/');
    expect(req.headers['x-amz-target']).toBe(GET_METRIC_DATA_TARGET);
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(req.headers['authorization']).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/monitoring\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.stringify(req)).not.toMatch(/wJalrXUtnFEMI-secret/);
    expect(JSON.parse(req.body)).toEqual({
      MetricDataQueries: [
        {
          Id: 'm1',
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApplicationELB',
              MetricName: 'TargetResponseTime',
              Dimensions: [{ Name: 'TargetGroup', Value: 'tg-canary' }],
            },
            Period: 60,
            Stat: 'p99',
          },
          ReturnData: true,
        },
      ],
      StartTime: T0 / 1000,
      EndTime: (T0 + 5 * 60_000 + 1) / 1000,
      ScanBy: 'TimestampAscending',
    });
    expect(series.timestamps).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i * 60_000));
    expect(series.values.every((v) => v > 80 && v < 160)).toBe(true);
  });

  it('lays points on the period grid: a period CloudWatch left out is NaN; several returned queries are tagged', async () => {
    stub.setHandler((req) => {
      const body = JSON.parse(req.body) as { MetricDataQueries: Array<{ Id: string }> };
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({
          MetricDataResults: body.MetricDataQueries.filter((q) => q.Id !== 'hidden').map((q, i) => ({
            Id: q.Id,
            Label: `label ${q.Id}`,
            Timestamps: [T0 / 1000, T0 / 1000 + 120],
            Values: [i + 1, i + 2],
            StatusCode: 'Complete',
          })),
        }),
      };
    });
    const [one] = await source().fetchAll!(fetchReq(shortQuery));
    expect(one?.values).toEqual([1, NaN, 2, NaN, NaN, NaN]);
    const several = await source().fetchAll!(
      fetchReq({
        metricDataQueries: [
          { Id: 'hidden', MetricStat: { Metric: { Namespace: 'N', MetricName: 'x' }, Stat: 'Sum' }, ReturnData: false },
          { Id: 'a', Expression: 'hidden * 2' },
          { Id: 'b', Expression: 'hidden * 3' },
        ],
      }),
    );
    expect(several.map((s) => s.tags)).toEqual([
      { id: 'a', label: 'label a' },
      { id: 'b', label: 'label b' },
    ]);
  });

  it('answers [] (no data, then NaN strategy / must-have-data decide) when CloudWatch has no points', async () => {
    stub.setHandler(() => ({
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({
        MetricDataResults: [{ Id: 'm1', Label: 'x', Timestamps: [], Values: [], StatusCode: 'Complete' }],
      }),
    }));
    expect(await source().fetchAll!(fetchReq(shortQuery))).toEqual([]);
  });
});

describe('cloudwatch source: failures', () => {
  const awsError = (status: number, type: string): StubResponse => ({
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${type};Sender` },
    body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${type}`, message: `injected ${type}` }),
  });

  it.each([
    [403, 'AccessDenied', 'AUTH_REFUSED'],
    [400, 'InvalidClientTokenId', 'AUTH_REFUSED'],
    [400, 'Throttling', 'RATE_LIMITED'],
    [400, 'InvalidParameterValue', 'BAD_QUERY'],
    [500, 'InternalServiceFault', 'SOURCE_UNREACHABLE'],
  ])('HTTP %i %s → %s, naming source and metric, never the secret', async (status, type, code) => {
    stub.setHandler(() => awsError(status, type));
    const e = await failure(source().fetch(fetchReq(shortQuery)));
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/^cloudwatch source "cw-prod": metric latency \(canary scope tg-canary in eu-west-1, /);
    expect(e.message).not.toMatch(/wJalrXUtnFEMI-secret/);
  });

  it('an HTML page or garbage → UPSTREAM_ERROR; a 50 MB answer → ANSWER_TOO_LARGE; silence → TIMEOUT', async () => {
    stub.setHandler(() => ({
      status: 200,
      headers: { 'content-type': 'text/html' },
      body: '<html>proxy login</html>',
    }));
    expect((await failure(source().fetch(fetchReq(shortQuery)))).code).toBe('UPSTREAM_ERROR');
    stub.setHandler(() => ({ status: 200, body: 'x'.repeat(50 * 1024 * 1024) }));
    const big = await failure(source({ maxResponseBytes: 1024 * 1024 }).fetch(fetchReq(shortQuery)));
    expect(big.code).toBe('ANSWER_TOO_LARGE');
    expect(big.message).toMatch(/more than 1048576 bytes/);
    stub.setHandler(
      () => new Promise<StubResponse>((resolve) => setTimeout(() => resolve({ status: 200, body: '{}' }), 3000)),
    );
    const slow = await failure(source({ timeoutMs: 300 }).fetch(fetchReq(shortQuery)));
    expect(slow.code).toBe('TIMEOUT');
    expect(slow.message).toMatch(/did not answer within 300 ms/);
  });

  it('refuses a bad query config before any request: BAD_QUERY naming the field', () => {
    expect(() =>
      source().check({ name: 'latency', groups: ['latency'], query: { type: 'cloudwatch', namespace: 'N' } }),
    ).toThrow(/metric latency: query\.metricName: is required/);
  });
});

describe('cloudwatch source: judged end to end by the service', () => {
  let judge: JudgeService;
  beforeAll(async () => {
    stub.setHandler((req) => {
      const regressed = JSON.parse(req.body).MetricDataQueries[0].MetricStat.Metric.Namespace === 'Regressed';
      return respondGetMetricData(req, latencyData(regressed));
    });
    judge = await startJudgeService({ config: { metricSources: { aws: cloudwatchStandIn.settings(stub.baseUrl) } } });
  }, 60_000);
  afterAll(async () => {
    await judge?.cleanup();
  });

  const request = (namespace: string) => {
    const end = Date.now() - 5 * 60_000;
    return {
      apiVersion: 'canary-judge/v1',
      metricSource: 'aws',
      canaryConfig: {
        name: 'alb-latency',
        configVersion: 1.0,
        judge: { name: 'NetflixACAJudge-v1.0', judgeConfigurations: {} },
        metrics: [
          {
            name: 'target-response-time',
            groups: ['latency'],
            query: { ...cloudwatchStandIn.query('TargetResponseTime'), namespace },
            analysisConfigurations: { canary: { direction: 'increase', critical: true } },
          },
        ],
        classifier: { groupWeights: { latency: 100 } },
      },
      scopes: { controlScope: 'tg-baseline', experimentScope: 'tg-canary' },
      timing: { startTimeIso: new Date(end - 60 * 60_000).toISOString(), endTimeIso: new Date(end).toISOString() },
      thresholds: { pass: 75, marginal: 50 },
    };
  };

  async function judged(key: string, namespace: string): Promise<Record<string, unknown>> {
    const put = await fetch(`${judge.baseUrl}/v1/judgments/${key}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request(namespace)),
    });
    expect(put.status).toBe(201);
    return waitUntil(
      async () => {
        const body = (await (await fetch(`${judge.baseUrl}/v1/judgments/${key}`)).json()) as Record<string, unknown>;
        return body['status'] === 'RUNNING' ? undefined : body;
      },
      { timeoutMs: 30_000, what: `judgment ${key} to finish` },
    );
  }

  it('healthy canary → PASS, regressed canary → FAIL naming the metric', async () => {
    expect(await judged('cw-healthy', 'Healthy')).toMatchObject({ status: 'SUCCEEDED', verdict: 'PASS' });
    const failed = await judged('cw-regressed', 'Regressed');
    expect(failed).toMatchObject({ status: 'TERMINAL', verdict: 'FAIL' });
    const report = (await (await fetch(`${judge.baseUrl}/v1/judgments/cw-regressed/report`)).json()) as {
      intervals: Array<{ result: { results: Array<{ name: string; classification: string }> } }>;
    };
    expect(report.intervals[0]?.result.results[0]).toMatchObject({
      name: 'target-response-time',
      classification: 'High',
    });
  });

  it('refuses a bad CloudWatch query at creation with 400 naming the field', async () => {
    const body = request('Healthy');
    body.canaryConfig.metrics[0]!.query = {
      type: 'cloudwatch',
      namespace: 'N',
      metricName: 'M',
      stat: 'Median',
    } as never;
    const res = await fetch(`${judge.baseUrl}/v1/judgments/cw-bad`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { field: string; message: string } }).error;
    expect(err.field).toBe('canaryConfig.metrics[0].query');
    expect(err.message).toMatch(/query\.stat: must be one of/);
  });
});
