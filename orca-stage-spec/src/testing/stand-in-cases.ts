/**
 * The set-up and the cases the unit tests of the stand-in-served sources (Atlas, SignalFx, Stackdriver) share: a
 * stub store answering as the stand-in with the test file's data, the source pointed at it with the stand-in's
 * settings; then the cases: the store answers one scripted response and the fetch fails with a given code; a table of malformed answers, each an
 * `UPSTREAM_ERROR` naming what was wrong; a `429` with `Retry-After: 0` waited out and a long one refused; an answer
 * over `maxResponseBytes` refused. Each test file gives how its store is made to answer (Stackdriver keeps its token
 * endpoint answering), so the same checks read its own answer shape. Test-only.
 *
 * Reference: `src/sources/http-client.ts` (the retry and the size cap), `test/support/stand-ins/types.ts`.
 */
import { expect, it } from 'vitest';
import type { StubResponse, StubServer } from '../../../test/support/stub-server';
import type { StandIn, StandInData } from '../../../test/support/stand-ins/types';
import type { FetchRequest, MetricSource, MetricSourceError } from '../sources/port';
import {
  fetchRequest,
  sourceFailure,
  useStubStore,
  type FailureChecks,
  type SourceIdentity,
  type StubHandler,
} from './source-harness';

/** The window of the usual request: five minutes from 2024-05-01T12:00:00Z (epoch ms). */
const FIVE_MINUTES = { startMs: Date.parse('2024-05-01T12:00:00Z'), endMs: Date.parse('2024-05-01T12:05:00Z') };

/** What {@link standInKit} needs to know about the source under test. */
export interface StandInKitOptions {
  /** The stand-in of the store. */
  standIn: Pick<StandIn, 'respond' | 'settings'>;
  /** The data the stand-in serves at the start of every test. */
  data: StandInData;
  /** The source under test from its settings (the stand-in's, a 3 s timeout, then the test's). */
  create(settings: Record<string, unknown>): MetricSource;
  /** The request fields beyond the window (the metric or scopes), if any. */
  request?: Partial<FetchRequest>;
  /** The metric's query config, unless `request.metric` gives the whole metric. */
  query?: Record<string, unknown>;
  /** The source whose name every failure's message must start with (see `describeFetch`), if checked. */
  prefix?: SourceIdentity;
  /** Requests the stand-in keeps answering whatever a test scripts (a token endpoint), if any. */
  keep?(req: { url: string }): boolean;
}

/** The set-up of one stand-in-served source's tests, and the cases they share. */
export interface StandInKit {
  /** The window of the usual request: five minutes from 2024-05-01T12:00:00Z (epoch ms). */
  window: Pick<FetchRequest, 'startMs' | 'endMs'>;
  /** The usual request, with `over` fields. */
  req(over?: Partial<FetchRequest>): FetchRequest;
  /** The stub store, answering as the stand-in at the start of every test. */
  stub: StubServer;
  /** The stand-in answering with the test file's data. */
  usual: StubHandler;
  /** Makes the store answer with `handler` (the kept requests still answered by the stand-in). */
  serve(handler: StubHandler): void;
  /** The source under test with `over` settings. */
  source(over?: Record<string, unknown>): MetricSource;
  /** Awaits a MetricSourceError, with the kit's checks. */
  failure(p: Promise<unknown>): Promise<MetricSourceError>;
  /**
   * The store answers `response` to the next fetch of the usual request, which must fail with `code`.
   * @param response the store's answer
   * @param code the expected `MetricSourceError` code
   * @param over the source settings, if any
   * @returns the error, for further checks
   */
  failedFetch(response: StubResponse, code: string, over?: Record<string, unknown>): Promise<MetricSourceError>;
  /**
   * For each row, the store answers `answer(body)` and the fetch fails with `UPSTREAM_ERROR` and a message matching
   * the row's pattern.
   * @param title the tests' title pattern (`%s` is the row's `what`)
   * @param rows the malformed answers
   * @param answer the store's response carrying one body
   * @param read the call that reads the answer (`fetchAll` when absent)
   */
  itRefusesMalformedAnswers<B>(
    title: string,
    rows: Array<MalformedRow<B>>,
    answer: (body: B) => StubResponse,
    read?: (src: MetricSource, req: FetchRequest) => Promise<unknown>,
  ): void;
  /**
   * A `429` with `Retry-After: 0` is waited out and the usual answer read (`points` values); a `429` asking for
   * `longSeconds` is `RATE_LIMITED` with that wait.
   * @param points how many values the usual answer holds
   * @param longSeconds a wait beyond the source's budget, seconds
   */
  itWaitsOutRetryAfterZero(points: number, longSeconds: number): void;
  /**
   * The stand-in serving `points` steps of `value` gives an answer over `maxResponseBytes`: `ANSWER_TOO_LARGE`.
   * @param points how many one-minute steps the answer holds
   * @param value the value at every step
   * @param maxResponseBytes the cap the source is given
   */
  itRefusesLongAnswers(points: number, value: number, maxResponseBytes: number): void;
}

/** One malformed answer: what it is, its body and a pattern of the message it must give. */
export type MalformedRow<B> = [what: string, body: B, message: RegExp];

/**
 * Registers the stub store of the calling test file (the stand-in serving `o.data`) and builds the source, the
 * failure check and the shared cases.
 * @param o the source under test
 * @returns the kit
 */
export function standInKit(o: StandInKitOptions): StandInKit {
  const req = (over: Partial<FetchRequest> = {}) => fetchRequest({ ...o.request, ...FIVE_MINUTES, ...over }, o.query);
  const checks: FailureChecks = o.prefix ? { prefix: { ...o.prefix, request: req() } } : {};
  const usual: StubHandler = (r) => o.standIn.respond(r, o.data);
  const stub = useStubStore(() => usual);
  const serve = (handler: StubHandler) => stub.setHandler((r) => (o.keep?.(r) ? usual(r) : handler(r)));
  const source = (over: Record<string, unknown> = {}) =>
    o.create({ ...o.standIn.settings(stub.baseUrl), timeoutMs: 3000, ...over });
  const failure = (p: Promise<unknown>) => sourceFailure(p, checks);
  const failedFetch = async (response: StubResponse, code: string, over: Record<string, unknown> = {}) => {
    serve(() => response);
    const e = await failure(source(over).fetch(req()));
    expect(e.code).toBe(code);
    return e;
  };
  return {
    window: FIVE_MINUTES,
    req,
    stub,
    usual,
    serve,
    source,
    failure,
    failedFetch,
    itRefusesMalformedAnswers: (title, rows, answer, read = (src, req) => src.fetchAll!(req)) =>
      it.each(rows)(title, async (_what, body, message) => {
        serve(() => answer(body));
        const e = await failure(read(source(), req()));
        expect(e.code).toBe('UPSTREAM_ERROR');
        expect(e.message).toMatch(message);
      }),
    itWaitsOutRetryAfterZero: (points, longSeconds) =>
      it('429 with Retry-After is waited out; a long one → RATE_LIMITED', async () => {
        let n = 0;
        serve((r) => (++n === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: {} } : usual(r)));
        expect((await source().fetch(req())).values).toHaveLength(points);
        const wait = { 'retry-after': String(longSeconds) };
        const e = await failedFetch({ status: 429, headers: wait, body: {} }, 'RATE_LIMITED');
        expect(e.retryAfterMs).toBe(longSeconds * 1000);
      }),
    itRefusesLongAnswers: (points, value, maxResponseBytes) =>
      it('an answer over maxResponseBytes → ANSWER_TOO_LARGE', async () => {
        serve((r) =>
          o.standIn.respond(r, (_s, s0) => ({
            timestamps: Array.from({ length: points }, (_x, i) => s0 + i * 60_000),
            values: Array.from({ length: points }, () => value),
          })),
        );
        expect((await failure(source({ maxResponseBytes }).fetch(req()))).code).toBe('ANSWER_TOO_LARGE');
      }),
  };
}
