import { describe, expect, it } from 'vitest';
import { WAVEFRONT_TOKEN, wavefrontStandIn } from '../../../test/support/stand-ins/wavefront';

import { listSources } from './catalog';
import { createWavefrontSource, readWavefrontAnswer } from './wavefront';
import { canaryScopes, expectOneRequest } from '../testing/source-harness';
import { httpSourceSuite } from '../testing/http-source-suite';

const suite = httpSourceSuite({
  standIn: wavefrontStandIn,
  nanAt: 4,
  highSuffix: 'host=h2',
  type: 'wavefront',
  name: 'wf',
  create: (baseUrl, over) => createWavefrontSource('wf', { baseUrl, apiToken: WAVEFRONT_TOKEN, ...over }),
  query: { type: 'wavefront', metricName: 'http.latency', aggregate: 'avg', summarization: 'MEAN' },
  request: canaryScopes('env=baseline', 'env=canary'),
  secrets: [WAVEFRONT_TOKEN],
  busyBody: { message: 'slow down' },
  grouped: {
    query: { type: 'wavefront', customInlineTemplate: 'avg(ts(cpu, ${scope}), host)' },
    tags: [{ host: 'h1' }, { host: 'h2' }],
  },
  noSeries: { name: 'n', query: 'q', stats: { keys: 0 }, granularity: 60 },
});
const { stub, source, req, window } = suite;
const { startMs: START, endMs: END } = window;

describe('wavefront source: the request', () => {
  it('sends GET /api/v2/chart/api with Kayenta’s parameters; the token only in Authorization: Bearer', async () => {
    await source().fetch(req());
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: '/api/v2/chart/api',
      params: [
        ['n', 'canary-judge latency'],
        ['q', 'avg(ts(http.latency, env=canary))'],
        ['s', String(START)],
        ['e', String(END)],
        ['g', 'm'],
        ['summarization', 'MEAN'],
        ['listMode', 'true'],
        ['strict', 'true'],
        ['sorted', 'true'],
      ],
      body: '',
      hidden: [WAVEFRONT_TOKEN],
    });
    expect(sent.headers['authorization']).toBe(`Bearer ${WAVEFRONT_TOKEN}`);
  });

  it('leaves summarization out when the query config has none; g follows the step', async () => {
    await source().fetch({ ...req({ metricName: 'http.latency', aggregate: 'avg' }), stepSeconds: 3600 });
    const url = new URL(stub.requests[0]!.url, 'http://x');
    expect(url.searchParams.has('summarization')).toBe(false);
    expect(url.searchParams.get('g')).toBe('h');
  });
});

describe('wavefront source: reading the answer', () => {
  suite.itReadsTheRamp('lays points on a step grid from the first to the last point; a missing point is NaN');

  suite.itSplitsGroups('a grouped query gives one series per group, tagged with its point tags');

  suite.itReadsNoSeriesAsNoData('no timeseries (nothing matched) is no data: fetchAll [] and fetch NO_SERIES');

  it('skips points off the step grid and entries without points, like Kayenta’s WavefrontTimeSeries', () => {
    const body = {
      timeseries: [
        {
          label: 'm',
          tags: {},
          data: [
            [0, 0],
            [2, 2],
            [3, 3],
            [4, 4],
          ],
        },
        { label: 'm', tags: { env: 'x' }, data: [] },
      ],
    };
    // WavefrontTimeSeriesTest: step 4 over points at 0, 2, 4 → [0, 4]; here with an extra point at 3.
    expect(readWavefrontAnswer(body, 4, 'w')).toEqual([{ timestamps: [0, 4000], values: [0, 4], tags: {} }]);
    expect(readWavefrontAnswer(body, 1, 'w')[0]?.values).toEqual([0, NaN, 2, 3, 4]);
  });

  it('tells apart series with the same tags by their source (host)', () => {
    const body = {
      timeseries: [
        { host: 'a', tags: {}, data: [[0, 1]] },
        { host: 'b', tags: {}, data: [[0, 2]] },
      ],
    };
    expect(readWavefrontAnswer(body, 60, 'w').map((x) => x.tags)).toEqual([{ source: 'a' }, { source: 'b' }]);
  });
});

describe('wavefront source: failures', () => {
  suite.itMapsFailingAnswers([
    [
      '401',
      { status: 401, body: { status: { result: 'ERROR', message: 'Unauthorized' } } },
      'AUTH_REFUSED',
      /HTTP 401/,
    ],
    ['403', { status: 403, body: { message: 'Forbidden' } }, 'AUTH_REFUSED', /HTTP 403/],
    ['400', { status: 400, body: { message: 'Query syntax error' } }, 'BAD_QUERY', /Query syntax error/],
    ['502', { status: 502, body: '<html>Bad Gateway</html>' }, 'SOURCE_UNREACHABLE', /answered 502/],
    ['HTML', { status: 200, body: '<html><body>Sign in</body></html>' }, 'UPSTREAM_ERROR', /HTML or XML/],
    ['garbage', { status: 200, body: 'ok' }, 'UPSTREAM_ERROR', /where JSON was expected/],
    ['a number', { status: 200, body: 42 }, 'UPSTREAM_ERROR', /not a JSON object/],
    [
      'timeseries not a list',
      { status: 200, body: { timeseries: {} } },
      'UPSTREAM_ERROR',
      /"timeseries" is not a list/,
    ],
    [
      'an entry without data',
      { status: 200, body: { timeseries: [{ label: 'm' }] } },
      'UPSTREAM_ERROR',
      /timeseries\[0\] has no "data"/,
    ],
    [
      'a bad point',
      { status: 200, body: { timeseries: [{ data: [[1, 2], [3]] }] } },
      'UPSTREAM_ERROR',
      /timeseries\[0\]\.data\[1\] is \[3\], expected \[epoch seconds, value\]/,
    ],
    [
      'points out of order',
      {
        status: 200,
        body: {
          timeseries: [
            {
              data: [
                [100, 1],
                [40, 2],
              ],
            },
          ],
        },
      },
      'UPSTREAM_ERROR',
      /not in time order/,
    ],
    [
      'tags not an object',
      { status: 200, body: { timeseries: [{ data: [[0, 1]], tags: 'x' }] } },
      'UPSTREAM_ERROR',
      /tags is not an object/,
    ],
  ]);

  suite.itWaitsOutRetryAfter(
    '429 with Retry-After is waited out and retried',
    { status: 200, body: { timeseries: [{ tags: {}, data: [[START / 1000, 3]] }] } },
    [3],
  );

  suite.itGivesUpOnRateLimits('429 asking for longer than the budget → RATE_LIMITED', '60', {
    retryAfterMs: 60_000,
  });

  suite.itCapsHugeAnswers();

  suite.itRefusesAnswersOverTheCap({
    status: 200,
    body: { timeseries: [{ tags: {}, data: Array.from({ length: 4000 }, (_v, i) => [START / 1000 + i * 60, i]) }] },
  });

  suite.itRefusesBadQueriesFirst('a bad query config is BAD_QUERY before any request', {
    query: { type: 'wavefront', aggregate: 'avg' },
  });
});

describe('wavefront source: catalog', () => {
  it('is listed with its query fields and the summarization options', () => {
    const [listing] = listSources([{ name: 'wf', type: 'wavefront' }]);
    expect(listing?.queryFields.map((f) => f.name)).toEqual(['metricName', 'aggregate', 'summarization']);
    expect(listing?.queryFields[2]?.options).toContain('MEDIAN');
  });
});
