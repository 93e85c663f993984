import { describe, expect, it } from 'vitest';
import {
  NEWRELIC_ACCOUNT_ID,
  NEWRELIC_QUERY_KEY,
  NEWRELIC_SCOPE_KEY,
  newRelicStandIn,
} from '../../../test/support/stand-ins/newrelic';

import { listSources } from './catalog';
import { createNewRelicSource, readNewRelicAnswer } from './newrelic';
import { stepTimestamps } from './port';
import {
  configWithSource,
  failureKit,
  itCapsHugeAnswers,
  itMapsFailingAnswers,
  rampingData,
  fetchRequest,
  useStubStore,
} from '../testing/source-harness';
import {
  itGivesUpOnRateLimits,
  itRefusesAnswersOverTheCap,
  itWaitsOutRetryAfter,
  type ThrottlingCase,
} from '../../../test/support/stand-ins/throttling';

const standIn = newRelicStandIn;
const START = Date.parse('2026-12-04T10:00:00Z');
const END = Date.parse('2026-12-04T10:10:00Z');

const stub = useStubStore(() => (r) => standIn.respond(r, rampingData(2, 'host:web-2')));

function source(over: Record<string, unknown> = {}) {
  return createNewRelicSource('nr', {
    baseUrl: stub.baseUrl,
    apiKey: NEWRELIC_QUERY_KEY,
    applicationKey: NEWRELIC_ACCOUNT_ID,
    defaultScopeKey: NEWRELIC_SCOPE_KEY,
    timeoutMs: 3000,
    ...over,
  });
}

function req(query: Record<string, unknown> = { type: 'newrelic', select: 'average(duration) FROM Transaction' }) {
  return fetchRequest({ startMs: START, endMs: END }, query);
}

const { failure, answerWith, contract } = failureKit({
  stub,
  source,
  request: () => req(),
  type: 'newrelic',
  name: 'nr',
  secrets: [NEWRELIC_QUERY_KEY],
});

const throttling: ThrottlingCase = {
  stub,
  answerWith,
  fetch: () => source().fetch(req()),
  fail: contract.fail,
  busyBody: { error: 'Too many requests' },
};

const bucket = (begin: number, value: unknown, inspectedCount = 5) => ({
  results: [{ average: value }],
  beginTimeSeconds: begin,
  endTimeSeconds: begin + 60,
  inspectedCount,
});

describe('newrelic source: the request', () => {
  it('sends GET /v1/accounts/{account}/query with the NRQL; the query key only in X-Query-Key', async () => {
    await source().fetch(req());
    expect(stub.requests).toHaveLength(1);
    const sent = stub.requests[0]!;
    const url = new URL(sent.url, 'http://x');
    expect(sent.method).toBe('GET');
    expect(url.pathname).toBe(`/v1/accounts/${NEWRELIC_ACCOUNT_ID}/query`);
    expect([...url.searchParams.entries()]).toEqual([
      [
        'nrql',
        `SELECT average(duration) FROM Transaction TIMESERIES 60 seconds SINCE ${START / 1000} UNTIL ${END / 1000} WHERE appName LIKE 'checkout-canary'`,
      ],
    ]);
    expect(sent.headers['x-query-key']).toBe(NEWRELIC_QUERY_KEY);
    expect(sent.headers['accept']).toBe('application/json');
    expect(sent.url).not.toContain(NEWRELIC_QUERY_KEY);
    expect(sent.body).toBe('');
  });
});

describe('newrelic source: reading the answer', () => {
  it('one point per TIMESERIES bucket at beginTimeSeconds; an empty bucket (inspectedCount 0) is NaN', async () => {
    const s = await source().fetch(req());
    expect(s.timestamps).toEqual(stepTimestamps(START, END, 60));
    expect(s.values).toEqual(s.timestamps.map((_t, i) => (i === 2 ? NaN : 20 + i)));
  });

  it('a FACET query gives one series per facet, tagged with the facet attribute', async () => {
    const query = {
      type: 'newrelic',
      customInlineTemplate:
        "SELECT average(cpuPercent) FROM SystemSample TIMESERIES ${step} seconds SINCE ${startEpochSeconds} UNTIL ${endEpochSeconds} WHERE appName LIKE '${scope}' FACET host",
    };
    const all = await source().fetchAll!(req(query));
    expect(all.map((s) => s.tags)).toEqual([{ host: 'web-1' }, { host: 'web-2' }]);
    expect(all[1]!.values[0]).toBe(120);
    expect((await failure(source().fetch(req(query)))).code).toBe('MULTIPLE_SERIES');
  });

  it('an empty timeSeries is no data: fetchAll [] and fetch NO_SERIES', async () => {
    answerWith({ status: 200, body: { timeSeries: [], metadata: {} } });
    expect(await source().fetchAll!(req())).toEqual([]);
    expect((await failure(source().fetch(req()))).code).toBe('NO_SERIES');
  });

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
  itMapsFailingAnswers(contract, [
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

  itWaitsOutRetryAfter(
    throttling,
    '429 with Retry-After is waited out and retried',
    { status: 200, body: { timeSeries: [bucket(START / 1000, 7)] } },
    [7],
  );

  itGivesUpOnRateLimits(throttling, '429 without Retry-After → RATE_LIMITED (transient)', undefined, {
    transient: true,
  });

  itCapsHugeAnswers(contract);

  itRefusesAnswersOverTheCap(throttling, {
    status: 200,
    body: { timeSeries: Array.from({ length: 3000 }, (_v, i) => bucket(START / 1000 + i * 60, i)) },
  });

  it('no scope key (no defaultScopeKey, no _scope_key) → BAD_QUERY before any request', async () => {
    const e = await failure(source({ defaultScopeKey: undefined }).fetch(req()));
    expect(e.code).toBe('BAD_QUERY');
    expect(e.message).toMatch(/_scope_key/);
    expect(stub.requests).toHaveLength(0);
  });
});

describe('newrelic source: service configuration', () => {
  const configWith = (source: Record<string, unknown>, env: Record<string, string> = {}) =>
    configWithSource('nr', source, env);

  it('defaults baseUrl to the US Insights API; the query key from the environment; the account ID in clear', () => {
    const c = configWith(
      { type: 'newrelic', apiKeyEnv: 'NR_QUERY_KEY', applicationKey: '1234567', defaultScopeKey: 'appName' },
      { NR_QUERY_KEY: 'q' },
    );
    expect(c.metricSources['nr']).toEqual({
      type: 'newrelic',
      baseUrl: 'https://insights-api.newrelic.com',
      apiKey: 'q',
      applicationKey: '1234567',
      defaultScopeKey: 'appName',
    });
  });

  it('refuses a missing query key, a missing or non-numeric account ID', () => {
    expect(() => configWith({ type: 'newrelic', applicationKey: '1' })).toThrow(/metricSources\.nr\.apiKey/);
    expect(() => configWith({ type: 'newrelic', apiKey: 'q' })).toThrow(/applicationKey/);
    expect(() => configWith({ type: 'newrelic', apiKey: 'q', applicationKey: 'acme' })).toThrow(/applicationKey/);
  });

  it('is listed with its query fields and no credential', () => {
    const [listing] = listSources([{ name: 'nr', type: 'newrelic' }]);
    expect(listing?.label).toBe('New Relic');
    expect(listing?.queryFields.map((f) => f.name)).toEqual([
      'select',
      'q',
      'customInlineTemplate',
      'customFilterTemplate',
    ]);
  });
});
