import { describe, expect, it } from 'vitest';
import { graphiteStandIn } from '../../../test/support/stand-ins/graphite';
import { SOURCE_KINDS } from './catalog';
import { createGraphiteSource, type GraphiteSourceConfig } from './graphite';
import { expectNoSeries, expectOneRequest, scopeStampedData } from '../testing/source-harness';
import { scriptedStoreSuite } from '../testing/scripted-store-suite';

const suite = scriptedStoreSuite<GraphiteSourceConfig>({
  type: 'graphite',
  name: 'graphite-main',
  create: (settings) => createGraphiteSource('graphite-main', settings),
  empty: { status: 200, body: [] },
  request: { location: 'us-east-1', params: { cluster: 'c1' } },
  failingQuery: { metricName: 's.$scope' },
});

const { stub, source, req, failure, answerWith, metric, window } = suite;
const { startMs: START, endMs: END } = window;

const PREFIX =
  'graphite source "graphite-main": metric latency (canary scope checkout-canary in us-east-1, 2024-05-01T12:00:00Z–2024-05-01T12:10:00Z)';

describe('graphite source: the request', () => {
  it('sends GET /render with target, from/until in epoch seconds and format=json, and no credentials by default', async () => {
    await source().fetchAll?.(req({ type: 'graphite', metricName: 'servers.$scope.$location.latency' }));
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: '/render',
      params: [
        ['target', 'servers.checkout-canary.us-east-1.latency'],
        ['from', String(START / 1000)],
        ['until', String(END / 1000)],
        ['format', 'json'],
      ],
      body: '',
    });
    expect(sent.headers.authorization).toBeUndefined();
  });

  it('expands template / customFilterTemplate placeholders, extendedScopeParams included', async () => {
    await source().fetchAll?.(req({ template: 'sumSeries(app.${scope}.${cluster}.*.latency)' }));
    await source().fetchAll?.({
      ...req({ customFilterTemplate: 'byScope' }),
      templates: { byScope: 'app.${scope}.${location}.errors' },
    });
    const targets = stub.requests.map((r) => new URL(r.url, 'http://stub').searchParams.get('target'));
    expect(targets).toEqual(['sumSeries(app.checkout-canary.c1.*.latency)', 'app.checkout-canary.us-east-1.errors']);
  });

  it('sends username/password as HTTP Basic in the Authorization header, never in the URL', async () => {
    await source({ username: 'kayenta', password: 's3cret!' }).fetchAll?.(req({ metricName: 'a.$scope' }));
    const sent = stub.requests[0]!;
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('kayenta:s3cret!').toString('base64')}`);
    expect(sent.url).not.toContain('s3cret');
    expect(sent.url).not.toContain('kayenta');
  });
});

describe('graphite source: the answer', () => {
  it('reads one series: null → NaN (a gap), seconds → ms, no tags', async () => {
    answerWith({
      status: 200,
      body: [
        {
          target: 'servers.checkout-canary.latency',
          datapoints: [
            [1.5, 1714564860],
            [null, 1714564920],
            [3, 1714564980],
          ],
        },
      ],
    });
    const all = await source().fetchAll?.(req({ metricName: 'servers.$scope.latency' }));
    expect(all).toEqual([
      { timestamps: [1714564860000, 1714564920000, 1714564980000], values: [1.5, NaN, 3], tags: {} },
    ]);
    expect(await source().fetch(req({ metricName: 'servers.$scope.latency' }))).toEqual({
      timestamps: [1714564860000, 1714564920000, 1714564980000],
      values: [1.5, NaN, 3],
    });
  });

  it('several series: one each, tagged by target with the scope written back as $scope; fetch refuses them', async () => {
    answerWith({
      status: 200,
      body: [
        { target: 'servers.checkout-canary.requests.2xx', datapoints: [[10, 1714564860]] },
        { target: 'servers.checkout-canary.requests.5xx', datapoints: [[1, 1714564860]] },
      ],
    });
    const all = await source().fetchAll?.(req({ metricName: 'servers.$scope.requests.*' }));
    expect(all?.map((s) => s.tags)).toEqual([
      { target: 'servers.$scope.requests.2xx' },
      { target: 'servers.$scope.requests.5xx' },
    ]);
    const e = await failure(source().fetch(req({ metricName: 'servers.$scope.requests.*' })));
    expect(e.code).toBe('MULTIPLE_SERIES');
    expect(e.message.startsWith(PREFIX)).toBe(true);
  });

  it('names that normalise alike keep their raw names, so no two series share a tag', async () => {
    answerWith({
      status: 200,
      body: [
        { target: 'a.checkout-canary', datapoints: [] },
        { target: 'a.$scope', datapoints: [] },
      ],
    });
    const all = await source().fetchAll?.(req({ metricName: 'a.*' }));
    expect(all?.map((s) => s.tags)).toEqual([{ target: 'a.checkout-canary' }, { target: 'a.$scope' }]);
  });

  it('an empty answer is [] (no data), not an error; fetch calls it NO_SERIES', async () => {
    await expectNoSeries(source(), req({ metricName: 'nothing.$scope' }), failure);
  });
});

describe('graphite source: failures', () => {
  suite.itMapsFailingAnswers(
    [
      ['401', { status: 401, body: 'Authorization Required' }, 'AUTH_REFUSED', /refused the credentials \(HTTP 401\)/],
      ['403', { status: 403, body: '' }, 'AUTH_REFUSED', /HTTP 403/],
      [
        '400 (an unknown function)',
        { status: 400, body: 'Invalid parameters (Received request for unknown function: nosuch)' },
        'BAD_QUERY',
        /Graphite rejected the target \(HTTP 400\): Invalid parameters \(Received request for unknown function: nosuch\); target "s\.checkout-canary"$/,
      ],
      ['500', { status: 500, body: 'Traceback …' }, 'SOURCE_UNREACHABLE', /Graphite answered 500/],
      ['429 without Retry-After', { status: 429 }, 'RATE_LIMITED', /rate limiting \(HTTP 429\)/],
      [
        'an HTML page with 200',
        { status: 200, headers: { 'content-type': 'text/html' }, body: '<html><body>Login</body></html>' },
        'UPSTREAM_ERROR',
        /answered HTML or XML where JSON was expected/,
      ],
      [
        'garbage',
        { status: 200, body: 'x\u0000\u0001garbage' },
        'UPSTREAM_ERROR',
        /answered text where JSON was expected/,
      ],
      [
        'an object instead of an array',
        { status: 200, body: { error: 'nope' } },
        'UPSTREAM_ERROR',
        /Graphite answered \{"error":"nope"\}, expected a JSON array of \{target, datapoints\}/,
      ],
      [
        'a series without a target',
        { status: 200, body: [{ datapoints: [] }] },
        'UPSTREAM_ERROR',
        /Graphite answer \[0\] is \{"datapoints":\[\]\}, expected \{target: string, datapoints/,
      ],
      [
        'a point of the wrong shape',
        {
          status: 200,
          body: [
            {
              target: 't',
              datapoints: [
                [1, 2],
                ['7', 3],
              ],
            },
          ],
        },
        'UPSTREAM_ERROR',
        /Graphite answer \[0\]\.datapoints\[1\] is \["7",3\], expected \[value or null, epochSeconds\]/,
      ],
    ],
    (e) => {
      expect(e.message.startsWith(PREFIX)).toBe(true);
      expect(e.message).not.toContain('pw-should-not-leak');
      expect(e.message).not.toMatch(/TypeError|undefined/);
    },
  );

  suite.itWaitsOutRetryAfter(
    'waits out a 429 with Retry-After inside its budget, then reads the answer',
    { status: 200, body: [{ target: 't', datapoints: [[5, 1714564860]] }] },
    [5],
  );

  it('an answer larger than maxResponseBytes → ANSWER_TOO_LARGE', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => [i, 1714564860 + i * 60]);
    answerWith({ status: 200, body: [{ target: 't', datapoints: big }] });
    const e = await failure(source({ maxResponseBytes: 4096 }).fetchAll!(req({ metricName: 't' })));
    expect(e.code).toBe('ANSWER_TOO_LARGE');
    expect(e.message).toMatch(/more than 4096 bytes/);
  });

  it('a placeholder without a value → BAD_QUERY before any request', async () => {
    const e = await failure(source().fetchAll!(req({ template: 'a.${region}' })));
    expect(e.code).toBe('BAD_QUERY');
    expect(e.message).toBe(
      `${PREFIX}: query.template uses \${region}, which has no value in this judgment (known: cluster, scope, location)`,
    );
    expect(stub.requests).toHaveLength(0);
  });

  it('nothing listening → SOURCE_UNREACHABLE (transient)', async () => {
    const e = await failure(
      createGraphiteSource('graphite-main', { baseUrl: 'http://127.0.0.1:1' }).fetchAll!(req({ metricName: 't' })),
    );
    expect(e.code).toBe('SOURCE_UNREACHABLE');
    expect(e.transient).toBe(true);
  });
});

describe('graphite source: check and catalog', () => {
  it("check refuses another store's query type and unknown placeholders, naming the field", () => {
    const src = source();
    expect(() => src.check(metric({ type: 'datadog', metricName: 'a' }))).toThrow(
      /query\.type is "datadog", but this is a graphite source/,
    );
    expect(() => src.check(metric({}))).toThrow(/needs query\.metricName/);
    expect(() => src.check(metric({ template: 'a.${nope}' }), {}, new Set(['scope']))).toThrow(
      /query\.template uses the placeholder \$\{nope\}/,
    );
    expect(() => src.check(metric({ type: 'graphite', template: 'a.${scope}' }), {}, new Set(['scope']))).not.toThrow();
  });

  it('the catalog creates a graphite source from its settings', () => {
    const kind = SOURCE_KINDS.get('graphite');
    expect(kind?.create('g', { type: 'graphite', baseUrl: stub.baseUrl }).type).toBe('graphite');
  });
});

describe('graphite stand-in', () => {
  it('answers what the source sends, in the render shape: the source reads back the data it was given', async () => {
    stub.setHandler((r) => graphiteStandIn.respond(r, scopeStampedData(2)));
    const src = createGraphiteSource('g', graphiteStandIn.settings(stub.baseUrl) as unknown as GraphiteSourceConfig);
    const s = await src.fetch({ ...req(graphiteStandIn.query('latency')), scope: 'checkout-canary' });
    expect(s.timestamps[0]).toBe(START + 60_000);
    expect(s.timestamps[s.timestamps.length - 1]).toBe(END);
    expect(s.values).toHaveLength(10);
    expect(s.values[2]).toBeNaN();
    expect(s.values[0]).toBeCloseTo('checkout-canary'.length + (START + 60_000) / 1e12, 9);
    expect((await fetch(`${stub.baseUrl}/render?target=nope&format=json&from=1&until=2`)).status).toBe(400);
  });
});
