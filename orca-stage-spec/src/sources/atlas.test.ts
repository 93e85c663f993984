import { describe, expect, it } from 'vitest';
import { atlasGraph, atlasStandIn } from '../../../test/support/stand-ins/atlas';
import { createAtlasSource, parseAtlasJson } from './atlas';
import { describeFetch } from './port';
import { canaryScopes, expectNoSeries, expectOneRequest, valuesFromStep } from '../testing/source-harness';
import { standInKit } from '../testing/stand-in-cases';

const kit = standInKit({
  standIn: atlasStandIn,
  // 1, 2, NaN, 4, 5 over five steps from the window's start.
  data: valuesFromStep(0, [1, 2, NaN, 4, 5]),
  create: (settings) => createAtlasSource('atlas', settings as never),
  request: {
    metric: { name: 'cpu', groups: [], query: atlasStandIn.query('CpuRawUser') },
    ...canaryScopes('myapp-baseline', 'myapp-canary'),
  },
});
const { stub, source, failure, req, window } = kit;
const T0 = window.startMs;

const graph = (doc: unknown) => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(doc),
});

describe('atlas source: request and answer', () => {
  it('GETs /api/v1/graph with the scoped expression, epoch-ms window, ISO step, std.json; reads rows into a series', async () => {
    const s = await source().fetch(req());
    expect(s).toEqual({ timestamps: [0, 1, 2, 3, 4].map((i) => T0 + i * 60_000), values: [1, 2, NaN, 4, 5] });
    const sent = expectOneRequest(stub, {
      method: 'GET',
      pathname: '/api/v1/graph',
      params: [
        ['q', 'name,CpuRawUser,:eq,:avg,:list,(,nf.cluster,myapp-canary,:eq,:cq,),:each'],
        ['s', String(T0)],
        ['e', String(T0 + 5 * 60_000)],
        ['step', 'PT1M'],
        ['format', 'std.json'],
        ['tz', 'UTC'],
      ],
    });
    expect(sent.headers.accept).toBe('application/json');
  });

  it('reads the plain json format too (bare NaN), without touching strings that say NaN', () => {
    const text = atlasGraph({ timestamps: [T0, T0 + 60_000], values: [NaN, 2] }, { name: 'NaN-counter' }, 60_000, true);
    expect(text).toContain('[\n      NaN\n    ]');
    expect(parseAtlasJson(text)).toMatchObject({ legend: ['NaN-counter'], values: [['NaN'], [2]] });
    expect(parseAtlasJson('{"a": -Infinity, "b": "x\\"NaN"}')).toEqual({ a: '-Infinity', b: 'x"NaN' });
    expect(parseAtlasJson('<html>')).toBeUndefined();
  });

  it('grouped lines → one series each, tagged with the :by keys only (Kayenta keeps the group-by keys)', async () => {
    stub.setHandler(() =>
      graph({
        start: T0,
        step: 60_000,
        legend: ['200', '500'],
        metrics: [
          { name: 'apache.http.requests', requestCode: '200', 'nf.cluster': 'myapp-canary', 'atlas.offset': '0w' },
          { name: 'apache.http.requests', requestCode: '500', 'nf.cluster': 'myapp-canary', 'atlas.offset': '0w' },
        ],
        values: [
          [10, 1],
          [11, 'NaN'],
        ],
      }),
    );
    const metric = {
      name: 'requests',
      groups: [],
      query: { type: 'atlas', q: 'name,apache.http.requests,:eq,(,requestCode,),:by,:sum' },
    };
    expect(await source().fetchAll!(req({ metric }))).toEqual([
      { tags: { requestCode: '200' }, timestamps: [T0, T0 + 60_000], values: [10, 11] },
      { tags: { requestCode: '500' }, timestamps: [T0, T0 + 60_000], values: [1, NaN] },
    ]);
    expect((await failure(source().fetch(req({ metric })))).code).toBe('MULTIPLE_SERIES');
  });

  it('lines the group-by keys cannot tell apart are told apart by their legend', async () => {
    stub.setHandler(() =>
      graph({ start: T0, step: 60_000, legend: ['a', 'b'], metrics: [{ name: 'a' }, { name: 'b' }], values: [[1, 2]] }),
    );
    const all = await source().fetchAll!(req());
    expect(all.map((s) => s.tags)).toEqual([{ legend: 'a' }, { legend: 'b' }]);
  });

  it('Atlas’s NO DATA line and an answer without lines are no series (fetch: NO_SERIES)', async () => {
    stub.setHandler((r) => atlasStandIn.respond(r, () => ({ timestamps: [], values: [] })));
    expect(await source().fetchAll!(req())).toEqual([]);
    stub.setHandler(() => graph({ start: T0, step: 60_000, legend: [], metrics: [], values: [] }));
    await expectNoSeries(source(), req(), failure);
  });
});

describe('atlas source: errors', () => {
  it('400 with Atlas’s error → BAD_QUERY quoting the expression and the message', async () => {
    const body = { type: 'error', message: 'IllegalArgumentException: unknown word :avgg' };
    const e = await kit.failedFetch({ status: 400, body }, 'BAD_QUERY');
    expect(e.message.startsWith(describeFetch('atlas', 'atlas', req()))).toBe(true);
    expect(e.message).toContain('name,CpuRawUser,:eq,:avg,:list');
    expect(e.message).toContain('unknown word :avgg');
  });

  it('401 from a proxy → AUTH_REFUSED; a 5xx → SOURCE_UNREACHABLE', async () => {
    const proxy = { headers: { authorization: 'Bearer secret-proxy-token' } };
    await kit.failedFetch({ status: 401, body: 'unauthorized' }, 'AUTH_REFUSED', proxy);
    expect(stub.requests.at(-1)?.headers.authorization).toBe('Bearer secret-proxy-token');
    await kit.failedFetch({ status: 503, body: 'unavailable' }, 'SOURCE_UNREACHABLE');
  });

  kit.itWaitsOutRetryAfterZero(5, 60);

  kit.itRefusesMalformedAnswers<string>(
    '%s → UPSTREAM_ERROR',
    [
      ['an HTML page', '<html><body>Bad gateway</body></html>', /HTML or XML where graph JSON was expected/],
      ['garbage', 'all good', /text where graph JSON was expected/],
      ['a list', '[1,2]', /not a graph object/],
      ['no start/step', '{"metrics":[],"values":[]}', /no numeric "start" and "step"/],
      ['no values', '{"start":1,"step":60000,"metrics":[]}', /no "metrics" and "values" lists/],
      [
        'a short row',
        '{"start":1,"step":60000,"metrics":[{},{}],"values":[[1]]}',
        /values\[0\] is \[1\], expected a row of 2 values/,
      ],
      [
        'a string value',
        '{"start":1,"step":60000,"metrics":[{}],"values":[["x"]]}',
        /values\[0\]\[0\] is "x", expected a number/,
      ],
      [
        'a metrics entry that is not tags',
        '{"start":1,"step":60000,"metrics":[3],"values":[[1]]}',
        /metrics\[0\] is not a tag object/,
      ],
    ],
    (body) => ({ status: 200, headers: { 'content-type': 'application/json' }, body }),
  );

  kit.itRefusesLongAnswers(2000, 1.5, 4096);
});
