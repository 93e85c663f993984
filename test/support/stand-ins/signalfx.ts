/**
 * A stand-in for SignalFx's SignalFlow execute endpoint: `POST /v2/signalflow/execute?start&stop&resolution&…`
 * with `X-SF-TOKEN` (else 401) and a SignalFlow program body. It reads the metric from `data('<metric>'` and the
 * scope from the `filter('canary-scope', '<scope>')` clause, and answers a `text/event-stream` as SignalFlow does
 * (see Kayenta's `signalfx-signalflow-response.text`): `STREAM_START` and `JOB_START` control messages, one
 * `metadata` message, one `data` message per resolution step (an empty `data` list for a NaN point), and
 * `END_OF_CHANNEL`. Each event's JSON is spread over several `data:` lines, as SignalFx pretty-prints it.
 *
 * Reference: https://dev.splunk.com/observability/docs/signalflow/messages/
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The token the stand-in accepts. */
export const SIGNALFX_TOKEN = 'sfx-stand-in-token';

/** The dimension holding the scope (the source's `defaultScopeKey`). */
export const SIGNALFX_SCOPE_KEY = 'canary-scope';

/** One SSE record: `event:` and the JSON pretty-printed over `data:` lines. */
export function sseEvent(event: string, payload: unknown, id?: string): string {
  const lines = JSON.stringify(payload, null, 2)
    .split('\n')
    .map((l) => `data: ${l}`);
  return [`event: ${event}`, ...(id ? [`id: ${id}`] : []), ...lines, '', ''].join('\n');
}

/**
 * The SignalFlow stream of one series.
 * @param series the points (NaN → a step without data)
 * @param properties the series' dimensions
 */
export function signalFlowStream(
  series: { timestamps: number[]; values: number[] },
  properties: Record<string, string>,
): string {
  const tsId = 'AAAAAFOJhJg';
  const parts = [
    sseEvent('control-message', { event: 'STREAM_START', timestampMs: Date.now() }),
    sseEvent('control-message', { event: 'JOB_START', handle: 'Dnpkj7dAYAA', timestampMs: Date.now() }),
    sseEvent('metadata', {
      properties: {
        ...properties,
        computationId: 'Dnpkj7dAYAA',
        sf_key: [...Object.keys(properties), 'sf_metric', 'computationId'],
        sf_metric: '_SF_COMP_Dnpkj7dAYAA_02-PUBLISH_METRIC',
        sf_resolutionMs: 60000,
        sf_type: 'MetricTimeSeries',
      },
      tsId,
    }),
    ...series.timestamps.map((t, i) => {
      const v = series.values[i] as number;
      return sseEvent(
        'data',
        { data: Number.isFinite(v) ? [{ tsId, value: v }] : [], logicalTimestampMs: t, maxDelayMs: 3438 },
        `data-${t}`,
      );
    }),
    sseEvent('control-message', { event: 'END_OF_CHANNEL', timestampMs: Date.now() }),
  ];
  return parts.join('');
}

/**
 * Answers an execute request with `data` for the scope in its program.
 * @param req the request
 * @param data the points to serve
 */
export function respondSignalFlow(req: StubRequest, data: StandInData): StubResponse {
  const url = new URL(req.url, 'http://stand-in');
  if (req.method !== 'POST' || url.pathname !== '/v2/signalflow/execute') {
    return { status: 404, body: { message: `unexpected ${req.method} ${url.pathname}` } };
  }
  if (req.headers['x-sf-token'] !== SIGNALFX_TOKEN) return { status: 401, body: { message: 'Unauthorized' } };
  const q = url.searchParams;
  const start = Number(q.get('start'));
  const stop = Number(q.get('stop'));
  const resolution = Number(q.get('resolution'));
  const metric = /^data\('([^']+)'/.exec(req.body)?.[1];
  const scope = new RegExp(`filter\\('${SIGNALFX_SCOPE_KEY}', '([^']+)'\\)`).exec(req.body)?.[1];
  if (!metric || !scope || !(start > 0) || !(stop > start) || !(resolution >= 1000) || q.get('immediate') !== 'true') {
    return {
      status: 400,
      body: { message: `cannot read metric, scope, start, stop, resolution from ${url.search} ${req.body}` },
    };
  }
  const series = data(scope, start, stop, resolution / 1000);
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    body: signalFlowStream(series, { [SIGNALFX_SCOPE_KEY]: scope, app: 'checkout' }),
  };
}

/** The SignalFx stand-in (see the module comment). */
export const signalfxStandIn: StandIn = defineStandIn('signalfx', {
  settings: () => ({
    accessToken: SIGNALFX_TOKEN,
    defaultScopeKey: SIGNALFX_SCOPE_KEY,
  }),
  // Kayenta's documented SignalFx query config (kayenta-signalfx/docs/metric-set-query-config.md).
  query: (metricName) => ({
    metricName,
    aggregationMethod: 'mean',
    queryPairs: [{ key: 'app', value: 'checkout' }],
  }),
  respond: respondSignalFlow,
});
