import { describe, expect, it } from 'vitest';
import {
  NEWRELIC_ACCOUNT_ID,
  NEWRELIC_QUERY_KEY,
  NEWRELIC_SCOPE_KEY,
  newRelicStandIn,
} from '../../../test/support/stand-ins/newrelic';

import { createNewRelicSource, readNewRelicAnswer } from './newrelic';
import { expectOneRequest } from '../testing/source-harness';
import { httpSourceSuite } from '../testing/http-source-suite';

const suite = httpSourceSuite({
  standIn: newRelicStandIn,
  nanAt: 2,
  highSuffix: 'host:web-2',
  type: 'newrelic',
  name: 'nr',
  create: (baseUrl, over) =>
    createNewRelicSource('nr', {
      baseUrl,
      apiKey: NEWRELIC_QUERY_KEY,
      applicationKey: NEWRELIC_ACCOUNT_ID,
      defaultScopeKey: NEWRELIC_SCOPE_KEY,
      ...over,
    }),
  query: { type: 'newrelic', select: 'average(duration) FROM Transaction' },
  secrets: [NEWRELIC_QUERY_KEY],
  busyBody: { error: 'Too many requests' },
  grouped: {
    query: {
      type: 'newrelic',
      customInlineTemplate:
        "SELECT average(cpuPercent) FROM SystemSample TIMESERIES ${step} seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE appName LIKE '${scope}' FACET host",
    },
    tags: [{ host: 'web-1' }, { host: 'web-2' }],
  },
  noSeries: { timeSeries: [], metadata: {} },
});
const { stub, source, req, window } = suite;
const { startMs: START, endMs: END } = window;

const bucket = (begin: number, value: unknown, inspectedCount = 5) => ({
  results: [{ average: value }],
  beginTimeSeconds: begin,
  endTimeSeconds: begin + 60,
  inspectedCount,
});

describe('newrelic source: the request', () => {
  it('sends GET /v1/accounts/{account}/query with the NRQL; the query key only in X-Query-Key', async () => {
    await source().fetch(req());
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: `/v1/accounts/${NEWRELIC_ACCOUNT_ID}/query`,
      params: [
        [
          'nrql',
          `SELECT average(duration) FROM Transaction TIMESERIES 60 seconds SINCE ${START / 1000} UNTIL ${END / 1000} WHERE appName LIKE 'checkout-canary'`,
        ],
      ],
      body: '',
      hidden: [NEWRELIC_QUERY_KEY],
    });
    expect(sent.headers['x-query-key']).toBe(NEWRELIC_QUERY_KEY);
    expect(sent.headers['accept']).toBe('application/json');
  });
});

describe('newrelic source: reading the answer', () => {
  suite.itReadsTheRamp(
    'one point per TIMESERIES bucket at beginTimeSeconds; an empty bucket (inspectedCount 0) is NaN',
  );

  suite.itSplitsGroups('a FACET query gives one series per facet, tagged with the facet attribute');

  suite.itReadsNoSeriesAsNoData('an empty timeSeries is no data: fetchAll [] and fetch NO_SERIES');

  it('reads percentile results ({"percentile": {"95": v}}) and null values as NaN', () => {
    const body = {
      timeSeries: [
        { results: [{ percentile: { '95': 0.31 } }], beginTimeSeconds: 60, inspectedCount: 3 },
        bucket(120, null),
      ],
    };
    expect(readNewRelicAnswer(body, 'w')).toEqual([{ timestamps: [60_000, 120_000], values: [0.31, NaN], tags: {} }]);
  });
});

describe('newrelic source: failures', () => {
  suite.itMapsFailingAnswers([
    ['401', { status: 401, body: { error: 'Invalid query key' } }, 'AUTH_REFUSED', /HTTP 401/],
    ['403', { status: 403, body: { error: 'Forbidden' } }, 'AUTH_REFUSED', /HTTP 403/],
    ['400 NRQL syntax error', { status: 400, body: { error: 'NRQL Syntax Error' } }, 'BAD_QUERY', /NRQL Syntax Error/],
    ['503', { status: 503, body: 'Service Unavailable' }, 'SOURCE_UNREACHABLE', /answered 503/],
    ['HTML', { status: 200, body: '<!DOCTYPE html><html>maintenance</html>' }, 'UPSTREAM_ERROR', /HTML or XML/],
    ['garbage', { status: 200, body: '}{' }, 'UPSTREAM_ERROR', /where JSON was expected/],
    ['a list', { status: 200, body: [] }, 'UPSTREAM_ERROR', /not a JSON object/],
    [
      'no TIMESERIES in the NRQL',
      { status: 200, body: { results: [{ average: 1 }] } },
      'BAD_QUERY',
      /no "timeSeries"; the NRQL needs TIMESERIES/,
    ],
    ['timeSeries not a list', { status: 200, body: { timeSeries: {} } }, 'UPSTREAM_ERROR', /timeSeries is not a list/],
    [
      'a bucket without beginTimeSeconds',
      { status: 200, body: { timeSeries: [{ results: [{ count: 1 }] }] } },
      'UPSTREAM_ERROR',
      /timeSeries\[0\] has no numeric "beginTimeSeconds"/,
    ],
    [
      'a bucket without results',
      { status: 200, body: { timeSeries: [{ beginTimeSeconds: 1 }] } },
      'UPSTREAM_ERROR',
      /timeSeries\[0\] has no "results" object/,
    ],
    [
      'a text result',
      { status: 200, body: { timeSeries: [bucket(1, 'fast')] } },
      'UPSTREAM_ERROR',
      /timeSeries\[0\]\.results\[0\] is \{"average":"fast"\}, expected a number/,
    ],
    ['facets not a list', { status: 200, body: { facets: 'x' } }, 'UPSTREAM_ERROR', /"facets" is not a list/],
  ]);

  suite.itWaitsOutRetryAfter(
    '429 with Retry-After is waited out and retried',
    { status: 200, body: { timeSeries: [bucket(START / 1000, 7)] } },
    [7],
  );

  suite.itGivesUpOnRateLimits('429 without Retry-After → RATE_LIMITED (transient)', undefined, {
    transient: true,
  });

  suite.itCapsHugeAnswers();

  suite.itRefusesAnswersOverTheCap({
    status: 200,
    body: { timeSeries: Array.from({ length: 3000 }, (_v, i) => bucket(START / 1000 + i * 60, i)) },
  });

  suite.itRefusesBadQueriesFirst('no scope key (no defaultScopeKey, no _scope_key) → BAD_QUERY before any request', {
    settings: { defaultScopeKey: undefined },
    message: /_scope_key/,
  });
});
