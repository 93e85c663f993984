import { describe, expect, it } from 'vitest';
import { WAVEFRONT_TOKEN, wavefrontStandIn } from '../../../test/support/stand-ins/wavefront';

import { listSources } from './catalog';
import { stepTimestamps } from './port';
import { createWavefrontSource, readWavefrontAnswer } from './wavefront';
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

const standIn = wavefrontStandIn;
const START = Date.parse('2026-12-04T10:00:00Z');
const END = Date.parse('2026-12-04T10:10:00Z');

const stub = useStubStore(() => (r) => standIn.respond(r, rampingData(4, 'host=h2')));

function source(over: Record<string, unknown> = {}) {
  return createWavefrontSource('wf', { baseUrl: stub.baseUrl, apiToken: WAVEFRONT_TOKEN, timeoutMs: 3000, ...over });
}

function req(
  query: Record<string, unknown> = {
    type: 'wavefront',
    metricName: 'http.latency',
    aggregate: 'avg',
    summarization: 'MEAN',
  },
) {
  return fetchRequest(
    {
      scope: 'env=canary',
      scopes: { controlScope: 'env=baseline', experimentScope: 'env=canary' },
      startMs: START,
      endMs: END,
    },
    query,
  );
}

const { failure, answerWith, contract } = failureKit({
  stub,
  source,
  request: () => req(),
  type: 'wavefront',
  name: 'wf',
  secrets: [WAVEFRONT_TOKEN],
});

const throttling: ThrottlingCase = {
  stub,
  answerWith,
  fetch: () => source().fetch(req()),
  fail: contract.fail,
  busyBody: { message: 'slow down' },
};

describe('wavefront source: the request', () => {
  it('sends GET /api/v2/chart/api with Kayenta’s parameters; the token only in Authorization: Bearer', async () => {
    await source().fetch(req());
    expect(stub.requests).toHaveLength(1);
    const sent = stub.requests[0]!;
    const url = new URL(sent.url, 'http://x');
    expect(sent.method).toBe('GET');
    expect(url.pathname).toBe('/api/v2/chart/api');
    expect([...url.searchParams.entries()]).toEqual([
      ['n', 'canary-judge latency'],
      ['q', 'avg(ts(http.latency, env=canary))'],
      ['s', String(START)],
      ['e', String(END)],
      ['g', 'm'],
      ['summarization', 'MEAN'],
      ['listMode', 'true'],
      ['strict', 'true'],
      ['sorted', 'true'],
    ]);
    expect(sent.headers['authorization']).toBe(`Bearer ${WAVEFRONT_TOKEN}`);
    expect(sent.url).not.toContain(WAVEFRONT_TOKEN);
    expect(sent.body).toBe('');
  });

  it('leaves summarization out when the query config has none; g follows the step', async () => {
    await source().fetch({ ...req({ metricName: 'http.latency', aggregate: 'avg' }), stepSeconds: 3600 });
    const url = new URL(stub.requests[0]!.url, 'http://x');
    expect(url.searchParams.has('summarization')).toBe(false);
    expect(url.searchParams.get('g')).toBe('h');
  });
});

describe('wavefront source: reading the answer', () => {
  it('lays points on a step grid from the first to the last point; a missing point is NaN', async () => {
    const s = await source().fetch(req());
    expect(s.timestamps).toEqual(stepTimestamps(START, END, 60));
    expect(s.values).toEqual(s.timestamps.map((_t, i) => (i === 4 ? NaN : 20 + i)));
  });

  it('a grouped query gives one series per group, tagged with its point tags', async () => {
    const query = { type: 'wavefront', customInlineTemplate: 'avg(ts(cpu, ${scope}), host)' };
    const all = await source().fetchAll!(req(query));
    expect(all.map((x) => x.tags)).toEqual([{ host: 'h1' }, { host: 'h2' }]);
    expect(all[1]!.values[0]).toBe(120);
    expect((await failure(source().fetch(req(query)))).code).toBe('MULTIPLE_SERIES');
  });

  it('no timeseries (nothing matched) is no data: fetchAll [] and fetch NO_SERIES', async () => {
    answerWith({ status: 200, body: { name: 'n', query: 'q', stats: { keys: 0 }, granularity: 60 } });
    expect(await source().fetchAll!(req())).toEqual([]);
    expect((await failure(source().fetch(req()))).code).toBe('NO_SERIES');
  });

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
  itMapsFailingAnswers(contract, [
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

  itWaitsOutRetryAfter(
    throttling,
    '429 with Retry-After is waited out and retried',
    { status: 200, body: { timeseries: [{ tags: {}, data: [[START / 1000, 3]] }] } },
    [3],
  );

  itGivesUpOnRateLimits(throttling, '429 asking for longer than the budget → RATE_LIMITED', '60', {
    retryAfterMs: 60_000,
  });

  itCapsHugeAnswers(contract);

  itRefusesAnswersOverTheCap(throttling, {
    status: 200,
    body: { timeseries: [{ tags: {}, data: Array.from({ length: 4000 }, (_v, i) => [START / 1000 + i * 60, i]) }] },
  });

  it('a bad query config is BAD_QUERY before any request', async () => {
    const e = await failure(source().fetch(req({ type: 'wavefront', aggregate: 'avg' })));
    expect(e.code).toBe('BAD_QUERY');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('wavefront source: service configuration', () => {
  const configWith = (source: Record<string, unknown>, env: Record<string, string> = {}) =>
    configWithSource('wf', source, env);

  it('reads the token from the environment', () => {
    const c = configWith(
      { type: 'wavefront', baseUrl: 'https://example.wavefront.com', apiTokenEnv: 'WF_TOKEN' },
      { WF_TOKEN: 't' },
    );
    expect(c.metricSources['wf']).toEqual({
      type: 'wavefront',
      baseUrl: 'https://example.wavefront.com',
      apiToken: 't',
    });
  });

  it('refuses a missing baseUrl (no common default) and a missing token', () => {
    expect(() => configWith({ type: 'wavefront', apiToken: 't' })).toThrow(/baseUrl/);
    expect(() => configWith({ type: 'wavefront', baseUrl: 'https://example.wavefront.com' })).toThrow(
      /metricSources\.wf\.apiToken/,
    );
  });

  it('is listed with its query fields and the summarization options', () => {
    const [listing] = listSources([{ name: 'wf', type: 'wavefront' }]);
    expect(listing?.queryFields.map((f) => f.name)).toEqual(['metricName', 'aggregate', 'summarization']);
    expect(listing?.queryFields[2]?.options).toContain('MEDIAN');
  });
});
