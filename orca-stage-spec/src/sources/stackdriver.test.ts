import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type StubRequest } from '../../../test/support/stub-server';
import {
  STACKDRIVER_ACCESS_TOKEN,
  STACKDRIVER_PROJECT,
  refuseGrant,
  stackdriverKey,
  stackdriverStandIn,
} from '../../../test/support/stand-ins/stackdriver';
import { ConfigError, loadConfig } from '../config';
import { createSources } from '../server';
import { createStackdriverSource, stackdriverSettings } from './stackdriver';
import { knownPlaceholders } from './template';
import { expectNoSeries } from '../testing/source-harness';
import { standInKit } from '../testing/stand-in-cases';

const kit = standInKit({
  standIn: stackdriverStandIn,
  // 1, 2, 3, … per step for every scope.
  data: (_scope, start, end, step) => {
    const timestamps: number[] = [];
    for (let t = start + step * 1000; t <= end; t += step * 1000) timestamps.push(t);
    return { timestamps, values: timestamps.map((_t, i) => i + 1) };
  },
  create: (settings) => createStackdriverSource('gcp', settings as never),
  request: { location: 'us-east1' },
  query: stackdriverStandIn.query('latency'),
  prefix: { type: 'stackdriver', name: 'gcp' },
  // Token requests stay answered by the stand-in; a test scripts the `timeSeries` answers.
  keep: (r) => r.url === '/token',
});
const { stub, source, failure, serve, usual: counting, req, window } = kit;
const T0 = window.startMs;

const series = (points: unknown[], labels: Record<string, unknown> = {}) => ({
  metric: { type: 'custom.googleapis.com/latency', labels },
  resource: { type: 'gce_instance', labels: { project_id: STACKDRIVER_PROJECT, zone: 'us-east1-b' } },
  points,
});
const point = (iso: string, value: Record<string, unknown>) => ({
  interval: { startTime: iso, endTime: iso },
  value,
});

describe('stackdriver source: requests', () => {
  it('exchanges the service-account key at token_uri, then lists time series with the exact query and bearer token', async () => {
    const s = await source().fetch(req());
    expect(s.values).toEqual([1, 2, 3, 4, 5]);
    expect(s.timestamps).toEqual([1, 2, 3, 4, 5].map((i) => T0 + i * 60_000));

    expect(stub.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
      'POST /token',
      `GET /v3/projects/${STACKDRIVER_PROJECT}/timeSeries`,
    ]);
    const [token, list] = stub.requests as [StubRequest, StubRequest];
    expect(token.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    expect(refuseGrant(token.body)).toBeUndefined();

    expect(list.headers.authorization).toBe(`Bearer ${STACKDRIVER_ACCESS_TOKEN}`);
    expect(list.headers.accept).toBe('application/json');
    const query = [...new URL(list.url, 'http://x').searchParams];
    expect(query).toEqual([
      [
        'filter',
        'metric.type="custom.googleapis.com/latency" AND resource.type=gce_instance AND metadata.user_labels."spinnaker-server-group"=checkout-canary',
      ],
      ['interval.startTime', '2024-05-01T12:00:00Z'],
      ['interval.endTime', '2024-05-01T12:05:00Z'],
      ['aggregation.alignmentPeriod', '60s'],
      ['aggregation.perSeriesAligner', 'ALIGN_MEAN'],
      ['aggregation.crossSeriesReducer', 'REDUCE_MEAN'],
    ]);
    expect(list.url).not.toContain(STACKDRIVER_ACCESS_TOKEN);
    expect(list.url).not.toContain('PRIVATE');
  });

  it('reuses the access token until it expires', async () => {
    const src = source();
    await src.fetch(req());
    await src.fetch(req({ side: 'control', scope: 'checkout-baseline' }));
    expect(stub.requests.filter((r) => r.url === '/token')).toHaveLength(1);
  });

  it('sends a static accessToken as the bearer token without any exchange', async () => {
    serve(() => ({ status: 200, body: {} }));
    const src = source({ credentials: undefined, accessToken: 'ya29.static' });
    expect(await src.fetchAll!(req())).toEqual([]);
    expect(stub.requests.map((r) => r.method)).toEqual(['GET']);
    expect(stub.requests[0]?.headers.authorization).toBe('Bearer ya29.static');
  });

  it('sends each groupByField and follows nextPageToken', async () => {
    let page = 0;
    serve((r) => {
      const token = new URL(r.url, 'http://x').searchParams.get('pageToken');
      page++;
      if (page === 1) {
        expect(token).toBeNull();
        return {
          status: 200,
          body: {
            timeSeries: [series([point('2024-05-01T12:01:00Z', { doubleValue: 1 })], { code: '200' })],
            nextPageToken: 'p2',
          },
        };
      }
      expect(token).toBe('p2');
      return {
        status: 200,
        body: { timeSeries: [series([point('2024-05-01T12:01:00Z', { doubleValue: 2 })], { code: '500' })] },
      };
    });
    const metric = {
      name: 'latency',
      groups: [],
      query: { ...stackdriverStandIn.query('latency'), groupByFields: ['metric.labels.code', 'resource.labels.zone'] },
    };
    const all = await source().fetchAll!(req({ metric }));
    expect(all).toEqual([
      { timestamps: [T0 + 60_000], values: [1], tags: { zone: 'us-east1-b', code: '200' } },
      { timestamps: [T0 + 60_000], values: [2], tags: { zone: 'us-east1-b', code: '500' } },
    ]);
    const lists = stub.requests.filter((r) => r.url.startsWith('/v3/'));
    expect(lists).toHaveLength(2);
    expect(new URL(lists[0]!.url, 'http://x').searchParams.getAll('aggregation.groupByFields')).toEqual([
      'metric.labels.code',
      'resource.labels.zone',
    ]);
    page = 0;
    const e = await failure(source().fetch(req({ metric })));
    expect(e.code).toBe('MULTIPLE_SERIES');
  });
});

describe('stackdriver source: answers', () => {
  it('reverses the newest-first points, reads int64Value strings and turns "NaN"/"Infinity" into NaN', async () => {
    serve(() => ({
      status: 200,
      body: {
        timeSeries: [
          series([
            point('2024-05-01T12:04:00Z', { doubleValue: 'Infinity' }),
            point('2024-05-01T12:03:00Z', { doubleValue: 'NaN' }),
            point('2024-05-01T12:02:00Z', { int64Value: '42' }),
            point('2024-05-01T12:01:00Z', { doubleValue: 1.5 }),
          ]),
        ],
      },
    }));
    const s = await source().fetch(req());
    expect(s).toEqual({ timestamps: [1, 2, 3, 4].map((i) => T0 + i * 60_000), values: [1.5, 42, NaN, NaN] });
  });

  it('an answer without timeSeries is [] (fetch: NO_SERIES)', async () => {
    serve(() => ({ status: 200, body: { unit: 'ms' } }));
    await expectNoSeries(source(), req(), failure);
  });

  kit.itRefusesMalformedAnswers<unknown>(
    '%s → UPSTREAM_ERROR naming what was wrong',
    [
      ['a list instead of an object', [], /not an object/],
      ['timeSeries that is not a list', { timeSeries: { a: 1 } }, /"timeSeries" is not a list/],
      [
        'a series whose points are not a list',
        { timeSeries: [{ points: 'x' }] },
        /timeSeries\[0\] has no "points" list/,
      ],
      [
        'a point without endTime',
        { timeSeries: [series([{ interval: {}, value: { doubleValue: 1 } }])] },
        /timeSeries\[0\]\.points\[0\]\.interval\.endTime is missing/,
      ],
      [
        'a distribution point',
        { timeSeries: [series([point('2024-05-01T12:01:00Z', { distributionValue: { count: '3' } })])] },
        /points\[0\]\.value has distributionValue, expected doubleValue or int64Value/,
      ],
    ],
    (body) => ({ status: 200, body }),
  );
});

describe('stackdriver source: errors', () => {
  it('401 from the API → AUTH_REFUSED, without the token in the message', async () => {
    const error = { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' };
    const e = await kit.failedFetch({ status: 401, body: { error } }, 'AUTH_REFUSED');
    expect(e.message).toMatch(/^stackdriver source "gcp": metric latency \(canary scope checkout-canary in us-east1/);
    expect(e.message).not.toContain(STACKDRIVER_ACCESS_TOKEN);
  });

  it('after a 401 the next fetch exchanges the key again (a revoked token is not reused)', async () => {
    const src = source();
    await src.fetch(req());
    serve(() => ({ status: 401, body: { error: { code: 401, message: 'revoked', status: 'UNAUTHENTICATED' } } }));
    expect((await failure(src.fetch(req()))).code).toBe('AUTH_REFUSED');
    stub.setHandler(counting);
    await src.fetch(req());
    expect(stub.requests.filter((r) => r.url === '/token')).toHaveLength(2);
  });

  it('a key the token endpoint refuses → AUTH_REFUSED naming the endpoint, never the key', async () => {
    stub.setHandler(() => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    }));
    const e = await failure(source().fetch(req()));
    expect(e.code).toBe('AUTH_REFUSED');
    expect(e.message).toContain(stub.baseUrl);
    expect(e.message).toContain('invalid_grant');
    expect(e.message).not.toMatch(/PRIVATE KEY|MII/);
  });

  it('a token endpoint that cannot be reached → SOURCE_UNREACHABLE (transient)', async () => {
    const key = { ...stackdriverKey(stub.baseUrl), token_uri: 'http://127.0.0.1:1/token' };
    const e = await failure(source({ credentials: JSON.stringify(key) }).fetch(req()));
    expect(e.code).toBe('SOURCE_UNREACHABLE');
    expect(e.transient).toBe(true);
  });

  it('400 with Google’s error body → BAD_QUERY quoting the filter and Google’s message', async () => {
    const error = { code: 400, message: 'The provided filter is invalid.', status: 'INVALID_ARGUMENT' };
    const e = await kit.failedFetch({ status: 400, body: { error } }, 'BAD_QUERY');
    expect(e.message).toContain('metric.type=\\"custom.googleapis.com/latency\\"');
    expect(e.message).toContain('INVALID_ARGUMENT: The provided filter is invalid.');
  });

  it('429 with Retry-After is waited out; a long Retry-After → RATE_LIMITED', async () => {
    let n = 0;
    serve(() => (++n === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: {} } : { status: 200, body: {} }));
    expect(await source().fetchAll!(req())).toEqual([]);
    expect(n).toBe(2);
    serve(() => ({ status: 429, headers: { 'retry-after': '120' }, body: {} }));
    const e = await failure(source().fetch(req()));
    expect(e.code).toBe('RATE_LIMITED');
    expect(e.retryAfterMs).toBe(120_000);
  });

  kit.itRefusesMalformedAnswers<string>(
    '%s with 200 → UPSTREAM_ERROR',
    [
      ['an HTML page', '<html><body>Error 502 (Server Error)</body></html>', /HTML or XML where JSON was expected/],
      ['garbage', 'not json at all', /text where JSON was expected/],
    ],
    (body) => ({ status: 200, headers: { 'content-type': 'text/html' }, body }),
    (src, r) => src.fetch(r),
  );

  it('an answer over maxResponseBytes → ANSWER_TOO_LARGE', async () => {
    const points = Array.from({ length: 400 }, () => point('2024-05-01T12:01:00Z', { doubleValue: 1 }));
    serve(() => ({ status: 200, body: { timeSeries: [series(points)] } }));
    const e = await failure(source({ maxResponseBytes: 4096 }).fetch(req()));
    expect(e.code).toBe('ANSWER_TOO_LARGE');
  });

  it('a 5xx → SOURCE_UNREACHABLE', async () => {
    const error = { code: 503, message: 'The service is currently unavailable.' };
    await kit.failedFetch({ status: 503, body: { error } }, 'SOURCE_UNREACHABLE');
  });
});

describe('stackdriver source: check and settings', () => {
  it('refuses another store’s query type and unknown placeholders, naming the field', () => {
    const src = source();
    const known = knownPlaceholders({});
    expect(() =>
      src.check(
        { name: 'm', groups: [], query: { type: 'datadog', metricType: 'x', resourceType: 'global' } },
        {},
        known,
      ),
    ).toThrow(/query.type is "datadog"/);
    expect(() =>
      src.check(
        { name: 'm', groups: [], query: { type: 'stackdriver', metricType: 'x', customFilterTemplate: 't' } },
        { t: 'resource.labels.cluster=${cluster}' },
        new Set([...known, 'resourceType']),
      ),
    ).toThrow(/canaryConfig.templates.t uses the placeholder \$\{cluster\}/);
  });

  it('needs a credential and a project, naming the setting', () => {
    expect(() => stackdriverSettings('gcp', { baseUrl: 'http://x' })).toThrow(/^metricSources.gcp.credentials: /);
    expect(() => stackdriverSettings('gcp', { baseUrl: 'http://x', accessToken: 't' })).toThrow(
      /^metricSources.gcp.project: is required/,
    );
    expect(() =>
      stackdriverSettings('gcp', { baseUrl: 'http://x', credentials: '{"type":"authorized_user"}' }),
    ).toThrow(/^metricSources.gcp.credentials: "type" is "authorized_user", expected "service_account"/);
    expect(() => stackdriverSettings('gcp', { baseUrl: 'http://x', credentials: 'not json' })).toThrow(/is not JSON/);
    const key = stackdriverKey('http://x');
    expect(stackdriverSettings('gcp', { baseUrl: 'http://x', credentials: JSON.stringify(key) }).project).toBe(
      STACKDRIVER_PROJECT,
    );
  });

  it('the service refuses to start without a credential, naming the setting (ConfigError, exit 2)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-config-'));
    try {
      const file = join(dir, 'config.json');
      writeFileSync(file, JSON.stringify({ metricSources: { gcp: { type: 'stackdriver', project: 'p' } } }));
      const config = loadConfig({}, file);
      let error: unknown;
      try {
        createSources(config);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^metricSources.gcp.credentials: a service-account key is required/);
      writeFileSync(
        file,
        JSON.stringify({ metricSources: { gcp: { type: 'stackdriver', accessTokenEnv: 'SD_TOKEN' } } }),
      );
      expect(() => createSources(loadConfig({ SD_TOKEN: 'ya29.x' }, file))).toThrow(
        /metricSources.gcp.project: is required/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
