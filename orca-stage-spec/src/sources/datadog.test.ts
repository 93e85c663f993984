import { describe, expect, it } from 'vitest';

import { DATADOG_API_KEY, DATADOG_APPLICATION_KEY, datadogStandIn } from '../../../test/support/stand-ins/datadog';

import { createDatadogSource, readDatadogAnswer } from './datadog';
import { expectOneRequest, canaryScopes } from '../testing/source-harness';
import { httpSourceSuite } from '../testing/http-source-suite';

const suite = httpSourceSuite({
  standIn: datadogStandIn,
  nanAt: 3,
  highSuffix: 'host:b',
  type: 'datadog',
  name: 'dd',
  create: (baseUrl, over) =>
    createDatadogSource('dd', { baseUrl, apiKey: DATADOG_API_KEY, applicationKey: DATADOG_APPLICATION_KEY, ...over }),
  query: { type: 'datadog', metricName: 'avg:trace.http.request.duration' },
  request: {
    location: 'us-east-1',
    ...canaryScopes('kube_namespace:checkout-baseline', 'kube_namespace:checkout-canary'),
  },
  secrets: [DATADOG_API_KEY, DATADOG_APPLICATION_KEY],
  busyBody: { errors: ['Rate limited'] },
  grouped: {
    query: { type: 'datadog', customInlineTemplate: 'avg:cpu{${scope}} by {host}' },
    tags: [{ host: 'a' }, { host: 'b' }],
  },
  noSeries: { status: 'ok', res_type: 'time_series', series: [] },
});
const { stub, source, req, window } = suite;
const { startMs: START, endMs: END } = window;

describe('datadog source: the request', () => {
  it('sends GET /api/v1/query with from/to in epoch seconds and the query; keys only in the DD-* headers', async () => {
    const src = source();
    await src.fetch(req());
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: '/api/v1/query',
      params: [
        ['from', String(START / 1000)],
        ['to', String(END / 1000)],
        ['query', 'avg:trace.http.request.duration{kube_namespace:checkout-canary}'],
      ],
      body: '',
      hidden: [DATADOG_API_KEY, DATADOG_APPLICATION_KEY],
    });
    expect(sent.headers['dd-api-key']).toBe(DATADOG_API_KEY);
    expect(sent.headers['dd-application-key']).toBe(DATADOG_APPLICATION_KEY);
  });

  it('cuts from/to down to whole seconds, as Kayenta does (Instant.getEpochSecond)', async () => {
    await source().fetch({ ...req(), startMs: START + 999, endMs: END + 1500 });
    const url = new URL(stub.requests[0]!.url, 'http://x');
    expect(url.searchParams.get('from')).toBe(String(START / 1000));
    expect(url.searchParams.get('to')).toBe(String(END / 1000 + 1));
  });

  it('keeps a base URL path prefix (a proxy) and adds the configured extra headers', async () => {
    stub.setHandler((r) => {
      if (!r.url.startsWith('/dd-proxy/api/v1/query')) return { status: 404, body: {} };
      return { status: 200, body: { status: 'ok', series: [] } };
    });
    await source({ baseUrl: `${stub.baseUrl}/dd-proxy`, headers: { 'X-Proxy-Token': 'p' } }).fetchAll!(req());
    expect(stub.requests[0]!.headers['x-proxy-token']).toBe('p');
  });
});

describe('datadog source: reading the answer', () => {
  suite.itReadsTheRamp('lays points on the series grid; Datadog nulls are NaN');

  suite.itSplitsGroups('a grouped query (by {host}) gives one series per group, tagged from tag_set');

  suite.itReadsNoSeriesAsNoData('an empty series list is no data: fetchAll [] and fetch NO_SERIES');

  it('fills gaps inside the grid with NaN, like Kayenta’s DatadogTimeSeries', () => {
    const series = readDatadogAnswer(
      {
        status: 'ok',
        series: [
          {
            start: 60_000,
            end: 299_999,
            interval: 60,
            pointlist: [
              [60_000, 1],
              [180_000, null],
              [240_000, 4],
            ],
            tag_set: [],
          },
        ],
      },
      'w',
    );
    expect(series).toEqual([{ timestamps: [60_000, 120_000, 180_000, 240_000], values: [1, NaN, NaN, 4], tags: {} }]);
  });

  it('keeps series with the same tags apart by query_index (several expressions in one query)', () => {
    const entry = (qi: number) => ({ pointlist: [[0, qi]], tag_set: [], query_index: qi });
    const series = readDatadogAnswer({ status: 'ok', series: [entry(0), entry(1)] }, 'w');
    expect(series.map((s) => s.tags)).toEqual([{ query_index: '0' }, { query_index: '1' }]);
  });
});

describe('datadog source: failures', () => {
  suite.itMapsFailingAnswers([
    [
      '401',
      { status: 401, body: { errors: ['Unauthorized'] } },
      'AUTH_REFUSED',
      /refused the credentials \(HTTP 401\)/,
    ],
    ['403', { status: 403, body: { errors: ['Forbidden'] } }, 'AUTH_REFUSED', /HTTP 403/],
    ['400', { status: 400, body: { errors: ['Error parsing query'] } }, 'BAD_QUERY', /Error parsing query/],
    ['200 status error', { status: 200, body: { status: 'error', error: 'bad metric' } }, 'BAD_QUERY', /bad metric/],
    ['500', { status: 500, body: { errors: ['Internal'] } }, 'SOURCE_UNREACHABLE', /answered 500/],
    ['HTML', { status: 200, body: '<html><body>Login</body></html>' }, 'UPSTREAM_ERROR', /HTML or XML/],
    ['garbage', { status: 200, body: 'not json at all' }, 'UPSTREAM_ERROR', /where JSON was expected/],
    ['an array', { status: 200, body: [1, 2] }, 'UPSTREAM_ERROR', /not a JSON object/],
    ['no series', { status: 200, body: { status: 'ok' } }, 'UPSTREAM_ERROR', /no "series" array/],
    [
      'a series that is a string',
      { status: 200, body: { series: ['x'] } },
      'UPSTREAM_ERROR',
      /series\[0\] is not an object/,
    ],
    [
      'no pointlist',
      { status: 200, body: { series: [{ tag_set: [] }] } },
      'UPSTREAM_ERROR',
      /series\[0\] has no "pointlist"/,
    ],
    [
      'a bad point',
      {
        status: 200,
        body: {
          series: [
            {
              pointlist: [
                [1, 2],
                ['t', 'v'],
              ],
            },
          ],
        },
      },
      'UPSTREAM_ERROR',
      /series\[0\]\.pointlist\[1\] is \["t","v"\], expected \[milliseconds, value or null\]/,
    ],
    [
      'a zero interval',
      { status: 200, body: { series: [{ pointlist: [], start: 0, end: 10, interval: 0 }] } },
      'UPSTREAM_ERROR',
      /unusable grid/,
    ],
    [
      'tag_set not a list',
      { status: 200, body: { series: [{ pointlist: [], tag_set: 'host:a' }] } },
      'UPSTREAM_ERROR',
      /tag_set is not a list/,
    ],
  ]);

  suite.itWaitsOutRetryAfter(
    '429 with Retry-After is waited out and retried inside the budget',
    { status: 200, body: { status: 'ok', series: [{ pointlist: [[START, 5]], tag_set: [] }] } },
    [5],
  );

  suite.itGivesUpOnRateLimits('429 asking for longer than the budget → RATE_LIMITED with the wait', '30', {
    retryAfterMs: 30_000,
    transient: true,
  });

  suite.itCapsHugeAnswers();

  suite.itRefusesAnswersOverTheCap({
    status: 200,
    body: {
      status: 'ok',
      series: [{ pointlist: Array.from({ length: 5000 }, (_v, i) => [START + i * 1000, i]), tag_set: [] }],
    },
  });

  suite.itRefusesBadQueriesFirst('a bad query config is BAD_QUERY before any request', {
    query: { type: 'datadog' },
  });

  it('check refuses a query config of another type, naming query.type', () => {
    expect(() => source().check(req({ type: 'newrelic', select: 'x' }).metric)).toThrow(/query\.type is "newrelic"/);
  });
});
