import { describe, expect, it } from 'vitest';
import { type StubResponse } from '../../../test/support/stub-server';
import {
  SIGNALFX_SCOPE_KEY,
  SIGNALFX_TOKEN,
  signalFlowStream,
  signalfxStandIn,
  sseEvent,
} from '../../../test/support/stand-ins/signalfx';
import { describeFetch } from './port';
import { createSignalFxSource, parseEventStream } from './signalfx';
import { knownPlaceholders } from './template';
import { expectNoSeries, expectOneRequest, valuesFromStep } from '../testing/source-harness';
import { standInKit } from '../testing/stand-in-cases';

const kit = standInKit({
  standIn: signalfxStandIn,
  // 1, 2, NaN, 4, 5 over the five steps after the window's start.
  data: valuesFromStep(1, [1, 2, NaN, 4, 5]),
  create: (settings) => createSignalFxSource('sfx', settings as never),
  query: signalfxStandIn.query('latency'),
});
const { stub, source, failure, req, window } = kit;
const T0 = window.startMs;

const stream = (body: string): StubResponse => ({
  status: 200,
  headers: { 'content-type': 'text/event-stream' },
  body,
});

const start = sseEvent('control-message', { event: 'STREAM_START', timestampMs: 1 });
const end = sseEvent('control-message', { event: 'END_OF_CHANNEL', timestampMs: 2 });

describe('signalfx source: request and answer', () => {
  it('POSTs the SignalFlow program as text with X-SF-TOKEN and Kayenta’s query parameters; reads the stream', async () => {
    const s = await source().fetch(req());
    expect(s.values).toEqual([1, 2, NaN, 4, 5]);
    expect(s.timestamps).toEqual([1, 2, 3, 4, 5].map((i) => T0 + i * 60_000));
    const sent = expectOneRequest(stub, {
      method: 'POST',
      pathname: '/v2/signalflow/execute',
      params: [
        ['start', String(T0)],
        ['stop', String(T0 + 5 * 60_000)],
        ['resolution', '60000'],
        ['maxDelay', '0'],
        ['immediate', 'true'],
      ],
      body: "data('latency', filter=filter('app', 'checkout') and filter('canary-scope', 'checkout-canary')).mean(by=['canary-scope']).publish()",
      hidden: [SIGNALFX_TOKEN],
    });
    expect(sent.headers['x-sf-token']).toBe(SIGNALFX_TOKEN);
    expect(sent.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('reads Kayenta’s recorded SignalFlow stream shape (pretty-printed data lines, info messages, ids)', () => {
    const text =
      start +
      sseEvent('metadata', { properties: { env: 'integration', sf_key: ['env'] }, tsId: 'A' }) +
      sseEvent('data', { data: [], logicalTimestampMs: 1000, maxDelayMs: 3438 }, 'data-1000') +
      sseEvent('message', { logicalTimestampMs: 1000, message: { messageCode: 'JOB_RUNNING_RESOLUTION' } }) +
      sseEvent('data', { data: [{ tsId: 'A', value: 53.333333333333336 }], logicalTimestampMs: 2000 }, 'data-2000') +
      ': a comment\n\n' +
      end;
    const events = parseEventStream(text, 'w');
    expect(events.map((e) => e.event)).toEqual([
      'control-message',
      'metadata',
      'data',
      'message',
      'data',
      'control-message',
    ]);
    expect(events[4]?.data).toEqual({ data: [{ tsId: 'A', value: 53.333333333333336 }], logicalTimestampMs: 2000 });
  });

  it('several published series → one tagged series each, without the scope dimension; fetch → MULTIPLE_SERIES', async () => {
    const meta = (tsId: string, region: string) =>
      sseEvent('metadata', {
        properties: {
          'canary-scope': 'checkout-canary',
          region,
          sf_key: ['canary-scope', 'region', 'sf_metric'],
          sf_metric: 'x',
        },
        tsId,
      });
    stub.setHandler(() =>
      stream(
        start +
          meta('A', 'east') +
          meta('B', 'west') +
          sseEvent('data', {
            data: [
              { tsId: 'A', value: 1 },
              { tsId: 'B', value: 2 },
            ],
            logicalTimestampMs: T0 + 60_000,
          }) +
          sseEvent('data', { data: [{ tsId: 'B', value: 3 }], logicalTimestampMs: T0 + 120_000 }) +
          end,
      ),
    );
    expect(await source().fetchAll!(req())).toEqual([
      { tags: { region: 'east' }, timestamps: [T0 + 60_000, T0 + 120_000], values: [1, NaN] },
      { tags: { region: 'west' }, timestamps: [T0 + 60_000, T0 + 120_000], values: [2, 3] },
    ]);
    expect((await failure(source().fetch(req()))).code).toBe('MULTIPLE_SERIES');
  });

  it('a stream without any series is [] (fetch: NO_SERIES)', async () => {
    stub.setHandler(() => stream(start + sseEvent('data', { data: [], logicalTimestampMs: T0 }) + end));
    await expectNoSeries(source(), req(), failure);
  });

  it('the same series in the baseline and canary streams get the same tags', async () => {
    const series = { timestamps: [T0], values: [1] };
    stub.setHandler((r) => {
      const scope = /'canary-scope', '([^']+)'/.exec(r.body)?.[1] ?? '';
      return stream(signalFlowStream(series, { [SIGNALFX_SCOPE_KEY]: scope, app: 'checkout' }));
    });
    const canary = await source().fetchAll!(req());
    const baseline = await source().fetchAll!(req({ side: 'control', scope: 'checkout-baseline' }));
    expect(canary[0]?.tags).toEqual({ app: 'checkout' });
    expect(baseline[0]?.tags).toEqual(canary[0]?.tags);
  });
});

describe('signalfx source: errors', () => {
  it('401 → AUTH_REFUSED without the token in the message', async () => {
    const e = await failure(source({ accessToken: 'wrong-token' }).fetch(req()));
    expect(e.code).toBe('AUTH_REFUSED');
    expect(e.message.startsWith(describeFetch('signalfx', 'sfx', req()))).toBe(true);
    expect(e.message).not.toContain('wrong-token');
  });

  it('an error event (the program does not compile) → BAD_QUERY quoting SignalFlow', async () => {
    stub.setHandler(() =>
      stream(
        start + sseEvent('error', { error: 400, errors: [{ code: 'PARSE_ERROR', message: "mismatched input ')'" }] }),
      ),
    );
    const e = await failure(source().fetch(req()));
    expect(e.code).toBe('BAD_QUERY');
    expect(e.message).toMatch(/SignalFlow refused the program \(error 400\).*PARSE_ERROR/);
  });

  it('400 from the endpoint → BAD_QUERY quoting the program', async () => {
    const e = await kit.failedFetch({ status: 400, body: { code: 400, message: 'Invalid program' } }, 'BAD_QUERY');
    expect(e.message).toContain("data('latency'");
    expect(e.message).toContain('Invalid program');
  });

  kit.itRefusesMalformedAnswers<string>(
    '%s → UPSTREAM_ERROR',
    [
      [
        'CHANNEL_ABORT',
        start +
          sseEvent('control-message', { event: 'CHANNEL_ABORT', abortInfo: { sf_job_abortReason: 'too many series' } }),
        /aborted the computation: too many series/,
      ],
      [
        'a stream cut before END_OF_CHANNEL',
        start + sseEvent('data', { data: [], logicalTimestampMs: T0 }),
        /ended without END_OF_CHANNEL/,
      ],
      ['an event that is not JSON', 'event: data\ndata: {not json\n\n', /SignalFlow event 0 \(data\) is not JSON/],
      [
        'a data event without a data list',
        start + sseEvent('data', { logicalTimestampMs: T0 }) + end,
        /data event 1 has no logicalTimestampMs\/data list/,
      ],
      [
        'a point with a string value',
        start + sseEvent('data', { data: [{ tsId: 'A', value: 'x' }], logicalTimestampMs: T0 }) + end,
        /point 0 has value "x", expected a number/,
      ],
      [
        'an HTML page',
        '<html><body>502 Bad Gateway</body></html>',
        /HTML or XML where a SignalFlow event stream was expected/,
      ],
      ['garbage', 'hello world', /no SignalFlow events: hello world/],
      ['an empty body', '', /no SignalFlow events \(an empty body\)/],
    ],
    stream,
  );

  kit.itWaitsOutRetryAfterZero(5, 300);

  kit.itRefusesLongAnswers(500, 1, 8192);

  it('a 5xx → SOURCE_UNREACHABLE', async () => {
    await kit.failedFetch({ status: 502, body: 'bad gateway' }, 'SOURCE_UNREACHABLE');
  });

  it('check refuses another type and unknown placeholders, naming the field', () => {
    const known = knownPlaceholders({});
    expect(() => source().check({ name: 'm', groups: [], query: { type: 'atlas', q: 'x' } }, {}, known)).toThrow(
      /query.type is "atlas"/,
    );
    expect(() =>
      source().check(
        { name: 'm', groups: [], query: { type: 'signalfx', customFilterTemplate: 'p' } },
        { p: "data('${nope}').publish()" },
        known,
      ),
    ).toThrow(/canaryConfig.templates.p uses the placeholder \$\{nope\}/);
  });
});
