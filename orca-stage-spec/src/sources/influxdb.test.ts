import { describe, expect, it } from 'vitest';
import { INFLUXDB_STAND_IN, influxdbStandIn } from '../../../test/support/stand-ins/influxdb';
import { type StubResponse } from '../../../test/support/stub-server';
import { createInfluxdbSource, type InfluxdbSourceConfig } from './influxdb';
import {
  canaryScopes,
  expectNoSeries,
  expectOneRequest,
  scopeStampedData,
  sourceFailure,
} from '../testing/source-harness';
import { scriptedStoreSuite } from '../testing/scripted-store-suite';

const suite = scriptedStoreSuite<InfluxdbSourceConfig>({
  type: 'influxdb',
  name: 'influx-main',
  create: (settings) => createInfluxdbSource('influx-main', settings),
  empty: { status: 200, body: { results: [{ statement_id: 0 }] } },
  request: {
    ...canaryScopes('app:checkout-baseline', 'app:checkout-canary'),
    side: 'control',
    scope: 'app:checkout-baseline',
  },
  failingQuery: { metricName: 'latency' },
});

const { stub, source, req, failure, answerWith, metric, window } = suite;
const { startMs: START, endMs: END } = window;

const PREFIX =
  'influxdb source "influx-main": metric latency (baseline scope app:checkout-baseline, 2024-05-01T12:00:00Z–2024-05-01T12:10:00Z)';
const BUILT =
  "SELECT value FROM latency WHERE time >= '2024-05-01T12:00:00Z' AND time < '2024-05-01T12:10:00Z' AND app = 'checkout-baseline'";

const ok = (series: unknown[]): StubResponse => ({ status: 200, body: { results: [{ statement_id: 0, series }] } });

describe('influxdb source: the request', () => {
  it('sends GET /query with db, q and epoch=ms, credentials as HTTP Basic in the header only', async () => {
    await source({ database: 'metrics', username: 'kayenta', password: 's3cret!' }).fetchAll?.(
      req({ type: 'influxdb', metricName: 'latency', fields: ['value'] }),
    );
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: '/query',
      params: [
        ['db', 'metrics'],
        ['q', BUILT],
        ['epoch', 'ms'],
      ],
      body: '',
    });
    expect(sent.headers.authorization).toBe(`Basic ${Buffer.from('kayenta:s3cret!').toString('base64')}`);
    expect(sent.url).not.toMatch(/s3cret|kayenta|[?&][up]=/);
  });

  it('without a database setting, db is the metric name (what Kayenta sends); no credentials → no header', async () => {
    await source().fetchAll?.(req({ metricName: 'latency', fields: ['value'] }));
    const url = new URL(stub.requests[0]!.url, 'http://stub');
    expect(url.searchParams.get('db')).toBe('latency');
    expect(stub.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('expands a template with ${timeFilter}, ${scope} and ${step}', async () => {
    await source({ database: 'm' }).fetchAll?.(
      req({
        customInlineTemplate:
          'SELECT mean(value) FROM latency WHERE ${scope} AND ${timeFilter} GROUP BY time(${step}), region',
      }),
    );
    expect(new URL(stub.requests[0]!.url, 'http://stub').searchParams.get('q')).toBe(
      "SELECT mean(value) FROM latency WHERE app = 'checkout-baseline' AND time >= '2024-05-01T12:00:00Z' AND time < '2024-05-01T12:10:00Z' GROUP BY time(60s), region",
    );
  });
});

describe('influxdb source: the answer', () => {
  it('one field: tagged field=<column> like Kayenta, nulls left out, epoch ms kept', async () => {
    answerWith(
      ok([
        {
          name: 'latency',
          columns: ['time', 'value'],
          values: [
            [1714564800000, 1.5],
            [1714564860000, null],
            [1714564920000, 3],
          ],
        },
      ]),
    );
    const all = await source({ database: 'm' }).fetchAll?.(req({ metricName: 'latency', fields: ['value'] }));
    expect(all).toEqual([{ timestamps: [1714564800000, 1714564920000], values: [1.5, 3], tags: { field: 'value' } }]);
    expect(await source({ database: 'm' }).fetch(req({ metricName: 'latency', fields: ['value'] }))).toEqual({
      timestamps: [1714564800000, 1714564920000],
      values: [1.5, 3],
    });
  });

  it('GROUP BY tags and several fields: one series per (series, field), tags from the series', async () => {
    answerWith(
      ok([
        {
          name: 'latency',
          tags: { region: 'eu' },
          columns: ['time', 'mean', 'max'],
          values: [[1714564800000, 1, 2]],
        },
        {
          name: 'latency',
          tags: { region: 'us' },
          columns: ['time', 'mean', 'max'],
          values: [[1714564800000, 3, 4]],
        },
      ]),
    );
    const all = await source({ database: 'm' }).fetchAll?.(
      req({ template: 'SELECT mean(v), max(v) FROM l WHERE ${scope} AND ${timeFilter} GROUP BY region' }),
    );
    expect(all?.map((s) => [s.tags, s.values])).toEqual([
      [{ field: 'mean', region: 'eu' }, [1]],
      [{ field: 'max', region: 'eu' }, [2]],
      [{ field: 'mean', region: 'us' }, [3]],
      [{ field: 'max', region: 'us' }, [4]],
    ]);
    expect((await failure(source({ database: 'm' }).fetch(req({ metricName: 'l' })))).code).toBe('MULTIPLE_SERIES');
  });

  it('RFC 3339 times (an answer without epoch) are read too', async () => {
    answerWith(ok([{ name: 'l', columns: ['time', 'value'], values: [['2024-05-01T12:00:00Z', 7]] }]));
    expect((await source().fetchAll?.(req({ metricName: 'l' })))?.[0]?.timestamps).toEqual([START]);
  });

  it('no series is [] (no data), not an error; fetch calls it NO_SERIES', async () => {
    await expectNoSeries(source(), req({ metricName: 'latency' }), failure);
  });
});

describe('influxdb source: failures', () => {
  suite.itMapsFailingAnswers(
    [
      [
        '401',
        { status: 401, body: { error: 'authorization failed' } },
        'AUTH_REFUSED',
        /refused the credentials \(HTTP 401\)/,
      ],
      [
        '400 (a statement InfluxDB cannot parse)',
        { status: 400, body: { error: 'error parsing query: found SELEC, expected SELECT' } },
        'BAD_QUERY',
        /InfluxDB rejected the query \(HTTP 400\): \{"error":"error parsing query: found SELEC, expected SELECT"\}; database "latency", query "SELECT \*::field FROM latency WHERE/,
      ],
      [
        'results[0].error (an unknown database)',
        { status: 200, body: { results: [{ statement_id: 0, error: 'database not found: nodb' }] } },
        'BAD_QUERY',
        /InfluxDB refused the query: database not found: nodb; query "SELECT \*::field FROM latency WHERE time >= /,
      ],
      ['500', { status: 500, body: { error: 'engine down' } }, 'SOURCE_UNREACHABLE', /InfluxDB answered 500/],
      [
        '429 with a Retry-After longer than the budget',
        { status: 429, headers: { 'retry-after': '3600' } },
        'RATE_LIMITED',
        /rate limiting \(HTTP 429, Retry-After 3600 s\)/,
      ],
      [
        'an HTML page',
        { status: 200, body: '<html>proxy login</html>' },
        'UPSTREAM_ERROR',
        /HTML or XML where JSON was expected/,
      ],
      ['garbage', { status: 200, body: '\u0007garbage' }, 'UPSTREAM_ERROR', /text where JSON was expected/],
      ['an array', { status: 200, body: [1, 2] }, 'UPSTREAM_ERROR', /InfluxDB answered \[1,2\], expected \{results\}/],
      [
        'no results',
        { status: 200, body: { results: [] } },
        'UPSTREAM_ERROR',
        /unexpected answer from InfluxDB: .* has no results/,
      ],
      [
        'a series without columns',
        ok([{ name: 'l', values: [] }]),
        'UPSTREAM_ERROR',
        /InfluxDB results\[0\]\.series\[0\] is \{"name":"l","values":\[\]\}, expected \{columns: \["time", …\]/,
      ],
      [
        'a row of the wrong length',
        ok([{ name: 'l', columns: ['time', 'value'], values: [[1714564800000]] }]),
        'UPSTREAM_ERROR',
        /results\[0\]\.series\[0\]\.values\[0\] is \[1714564800000\], expected \[time, …\] with 2 columns/,
      ],
      [
        'a string field',
        ok([{ name: 'l', columns: ['time', 'host'], values: [[1714564800000, 'web-1']] }]),
        'BAD_QUERY',
        /column "host" holds "web-1", not a number; select numeric fields/,
      ],
    ],
    (e) => {
      expect(e.message.startsWith(PREFIX)).toBe(true);
      expect(e.message).not.toContain('pw-should-not-leak');
      expect(e.message).not.toMatch(/TypeError|Cannot read/);
    },
  );

  suite.itWaitsOutRetryAfter(
    'waits out a 429 with Retry-After inside its budget',
    ok([{ name: 'l', columns: ['time', 'value'], values: [[1714564800000, 5]] }]),
    [5],
  );

  suite.itRefusesAnswersOverTheCap(
    ok([
      {
        name: 'l',
        columns: ['time', 'value'],
        values: Array.from({ length: 5000 }, (_, i) => [1714564800000 + i * 1000, i]),
      },
    ]),
  );

  it('a scope not written key:value → BAD_QUERY before any request, naming the scope', async () => {
    const e = await sourceFailure(source().fetchAll!(req({ metricName: 'latency' }, { scope: 'checkout-baseline' })));
    expect(e.code).toBe('BAD_QUERY');
    expect(e.message).toMatch(/scope "checkout-baseline" is not in the form name:value/);
    expect(stub.requests).toHaveLength(0);
  });
});

describe('influxdb source: check and catalog', () => {
  it("check refuses another store's query type, unknown placeholders and blocked statements, naming the field", () => {
    const src = source();
    expect(() => src.check(metric({ type: 'graphite', metricName: 'a' }))).toThrow(
      /query\.type is "graphite", but this is a influxdb source/,
    );
    expect(() => src.check(metric({}))).toThrow(/needs query\.metricName \(the measurement\)/);
    expect(() => src.check(metric({ template: 'SELECT a FROM b WHERE ${scope} AND ${timeFilter} AND ${x}' }))).toThrow(
      /query\.template uses the placeholder \$\{x\}/,
    );
    expect(() => src.check(metric({ template: 'SHOW DATABASES WHERE ${scope} AND ${timeFilter}' }))).toThrow(
      /contains "SHOW DATABASES", which is not allowed/,
    );
    expect(() => src.check(metric({ type: 'influxdb', metricName: 'cpu' }))).not.toThrow();
  });
});

describe('influxdb stand-in', () => {
  it('answers what the source sends: the source reads back the data it was given (NaN points absent)', async () => {
    stub.setHandler((r) => influxdbStandIn.respond(r, scopeStampedData(3)));
    const src = createInfluxdbSource('i', influxdbStandIn.settings(stub.baseUrl) as unknown as InfluxdbSourceConfig);
    const s = await src.fetch(req(influxdbStandIn.query('latency')));
    expect(s.timestamps).toHaveLength(9);
    expect(s.timestamps[0]).toBe(START);
    expect(s.timestamps).not.toContain(START + 3 * 60_000);
    expect(s.timestamps[s.timestamps.length - 1]).toBe(END - 60_000);
    expect(s.values[0]).toBeCloseTo('app:checkout-baseline'.length + START / 1e12, 9);
    const wrong = createInfluxdbSource('i', { baseUrl: stub.baseUrl, database: INFLUXDB_STAND_IN.database });
    expect((await sourceFailure(wrong.fetch(req(influxdbStandIn.query('latency'))))).code).toBe('AUTH_REFUSED');
  });
});
