/**
 * Stand-in Amazon CloudWatch: answers `GetMetricData` in the AWS JSON 1.0 protocol the SDK v3 client speaks
 * (`POST /`, `X-Amz-Target: GraniteServiceVersion20100801.GetMetricData`, body `{MetricDataQueries, StartTime,
 * EndTime, …}` with times in epoch seconds; answer `{MetricDataResults: [{Id, Label, Timestamps, Values,
 * StatusCode}]}`). The scope is read from the first dimension value of each `MetricStat` query.
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The `X-Amz-Target` of `GetMetricData`. */
export const GET_METRIC_DATA_TARGET = 'GraniteServiceVersion20100801.GetMetricData';

interface Query {
  Id: string;
  Label?: string;
  MetricStat?: { Metric?: { Dimensions?: Array<{ Name: string; Value: string }> }; Period?: number };
}

/** Answers one GetMetricData call with `data` for the scope of each query. */
export function respondGetMetricData(req: StubRequest, data: StandInData): StubResponse {
  if (req.method !== 'POST' || req.headers['x-amz-target'] !== GET_METRIC_DATA_TARGET) {
    return { status: 400, body: { __type: 'InvalidAction', message: `unexpected ${req.method} ${req.url}` } };
  }
  const body = JSON.parse(req.body) as { MetricDataQueries: Query[]; StartTime: number; EndTime: number };
  const results = body.MetricDataQueries.map((q) => {
    const scope = q.MetricStat?.Metric?.Dimensions?.[0]?.Value ?? '';
    const step = q.MetricStat?.Period ?? 60;
    const s = data(scope, body.StartTime * 1000, body.EndTime * 1000, step);
    return {
      Id: q.Id,
      Label: q.Label ?? q.Id,
      Timestamps: s.timestamps.map((t) => t / 1000),
      Values: s.values,
      StatusCode: 'Complete',
    };
  });
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({ MetricDataResults: results, Messages: [] }),
  };
}

/** The CloudWatch stand-in (see the module comment). */
export const cloudwatchStandIn: StandIn = defineStandIn('cloudwatch', {
  settings: () => ({
    region: 'us-east-1',
    accessKeyId: 'AKIDSTANDIN',
    secretAccessKey: 'stand-in-secret',
  }),
  query: (metricName) => ({
    namespace: 'CanaryJudge/Bench',
    metricName,
    dimensions: [{ name: 'Deployment', value: '${scope}' }],
    stat: 'Average',
  }),
  respond: respondGetMetricData,
});
