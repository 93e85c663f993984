/**
 * Shared scaffolding of the metric-source tests (`src/sources/*.test.ts`): a loopback stub store started once per
 * test file and reset before each test, a `FetchRequest` with the usual defaults, and the catch-and-check of a
 * `MetricSourceError` (the fetch prefix, no secret in the message). Test-only: nothing in the service imports it.
 *
 * Reference: `src/sources/port.ts` (the port every source implements, `describeFetch`); `test/support/stub-server.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import {
  startStubServer,
  type StubRequest,
  type StubResponse,
  type StubServer,
} from '../../../test/support/stub-server';
import type { StandInData } from '../../../test/support/stand-ins/types';
import { loadConfig, type ServiceConfig } from '../config';
import {
  MetricSourceError,
  describeFetch,
  stepTimestamps,
  type FetchRequest,
  type MetricSource,
} from '../sources/port';

/** A stub handler. */
export type StubHandler = (req: StubRequest) => StubResponse | Promise<StubResponse>;

/**
 * Registers the stub store's lifecycle in the calling test file: started before all tests, closed after them, and
 * before each test its request log emptied and `handler()` installed as the answer.
 * @param handler what the store answers at the start of every test (a function, so it may close over test state)
 * @returns a stand-in for the running stub: its members read the server started in `beforeAll`
 */
export function useStubStore(handler: () => StubHandler): StubServer {
  let server: StubServer | undefined;
  const running = (): StubServer => {
    if (!server) throw new Error('the stub store starts in beforeAll');
    return server;
  };
  beforeAll(async () => {
    server = await startStubServer();
  });
  afterAll(() => running().close());
  beforeEach(() => {
    running().requests.length = 0;
    running().setHandler(handler());
  });
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    get requests() {
      return running().requests;
    },
    setHandler: (h) => running().setHandler(h),
    close: () => running().close(),
  };
}

/**
 * A test file's `metric(query)`: the canary-config metric `name` (no groups) with the query config `query`.
 * @param defaultName the metric's name when the call gives none
 * @returns the metric maker
 */
export function metricOf(
  defaultName: string,
): (query: Record<string, unknown>, name?: string) => FetchRequest['metric'] {
  return (query, name = defaultName) => ({ name, groups: [], query });
}

/**
 * A ten-minute fetch window from `startIso`, in epoch ms (the windows the source tests fetch over).
 * @param startIso the window's start, ISO 8601 with a zone
 */
export function tenMinuteWindow(startIso: string): Pick<FetchRequest, 'startMs' | 'endMs'> {
  const startMs = Date.parse(startIso);
  return { startMs, endMs: startMs + 10 * 60_000 };
}

/** Which configured source a test file's messages name: its adapter type and configured name. */
export interface SourceIdentity {
  /** The adapter type, e.g. `graphite`. */
  type: string;
  /** The configured name, e.g. `graphite-main`. */
  name: string;
}

/**
 * A fetch request for one metric with the defaults most source tests share (experiment side, no location, no
 * parameters, no templates, 60 s steps); `over` replaces any field.
 * @param over the fields that differ; `metric` defaults to `latency` with `query` (or an empty query)
 * @param query the metric's query config when `over.metric` is not given
 */
export function fetchRequest(
  over: Partial<FetchRequest> & Pick<FetchRequest, 'startMs' | 'endMs'>,
  query = {},
): FetchRequest {
  return {
    metric: { name: 'latency', groups: [], query },
    side: 'experiment',
    scope: 'checkout-canary',
    location: undefined,
    params: {},
    scopes: { controlScope: 'checkout-baseline', experimentScope: 'checkout-canary' },
    templates: {},
    stepSeconds: 60,
    ...over,
  };
}

/**
 * The scope fields of a request on the canary (experiment) side: `scope` is the experiment scope, `scopes` the pair.
 * Spread it into {@link fetchRequest}'s `over`; a test of the baseline side sets `side` and `scope` after it.
 * @param controlScope the baseline's scope as the store writes it
 * @param experimentScope the canary's scope
 */
export function canaryScopes(controlScope: string, experimentScope: string): Pick<FetchRequest, 'scope' | 'scopes'> {
  return { scope: experimentScope, scopes: { controlScope, experimentScope } };
}

/**
 * A test file's `req(query, over)`: {@link fetchRequest} with the file's own defaults (window, scopes, location…),
 * then `over`, for the metric query `query`.
 * @param defaults the fields every request of the file shares (at least the window)
 * @param defaultQuery the query config when a test gives none
 * @returns the request maker
 */
export function fetchRequestsWith(
  defaults: Partial<FetchRequest> & Pick<FetchRequest, 'startMs' | 'endMs'>,
  defaultQuery: Record<string, unknown> = {},
): (query?: Record<string, unknown>, over?: Partial<FetchRequest>) => FetchRequest {
  return (query = defaultQuery, over = {}) => fetchRequest({ ...defaults, ...over }, query);
}

/** What {@link expectOneRequest} checks of the one request a source sent. */
export interface SentRequestChecks {
  /** The HTTP method, e.g. `GET`. */
  method: string;
  /** The URL path without the query string. */
  pathname: string;
  /** The query-string pairs, in the order sent. */
  params: Array<[string, string]>;
  /** The request body as text (`''` for a GET); not checked when absent. */
  body?: string;
  /** Texts the URL must not contain (credentials belong in headers). */
  hidden?: readonly string[];
}

/**
 * Checks that the stub store received exactly one request, with the method, path, query pairs and body expected,
 * and no credential in its URL.
 * @param stub the stub store (its request log is read)
 * @param expected what the request must be
 * @returns the request, for the source's own header checks
 */
export function expectOneRequest(stub: Pick<StubServer, 'requests'>, expected: SentRequestChecks): StubRequest {
  expect(stub.requests).toHaveLength(1);
  const sent = stub.requests[0]!;
  const url = new URL(sent.url, 'http://x');
  expect(sent.method).toBe(expected.method);
  expect(url.pathname).toBe(expected.pathname);
  expect([...url.searchParams.entries()]).toEqual(expected.params);
  if (expected.body !== undefined) expect(sent.body).toBe(expected.body);
  for (const text of expected.hidden ?? []) expect(sent.url).not.toContain(text);
  return sent;
}

/** What {@link sourceFailure} checks beyond the error's class. */
export interface FailureChecks {
  /** The message must start with `describeFetch(type, name, request)`. */
  prefix?: { type: string; name: string; request: FetchRequest };
  /** Texts the message must not contain (keys, tokens, passwords). */
  secrets?: readonly string[];
}

/**
 * Awaits `p`, which must reject with a {@link MetricSourceError}; checks the message prefix and that no secret
 * leaks into it.
 * @param p the fetch (or other call) expected to fail
 * @param checks the prefix and secrets to check, if any
 * @returns the error, for further assertions
 * @throws Error when `p` resolves
 */
export async function sourceFailure(p: Promise<unknown>, checks: FailureChecks = {}): Promise<MetricSourceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    const err = e as MetricSourceError;
    if (checks.prefix) {
      const { type, name, request } = checks.prefix;
      expect(err.message.startsWith(describeFetch(type, name, request))).toBe(true);
    }
    for (const secret of checks.secrets ?? []) expect(err.message).not.toContain(secret);
    return err;
  }
  throw new Error('expected a MetricSourceError');
}

/**
 * Checks that `request` finds no data: `fetchAll` gives `[]`, and `fetch`, which wants exactly one series, fails
 * with `NO_SERIES` (see `oneSeries` in `src/sources/port.ts`).
 * @param src the source under test
 * @param request the fetch
 * @param failure the test file's failure check
 */
export async function expectNoSeries(
  src: MetricSource,
  request: FetchRequest,
  failure: (p: Promise<unknown>) => Promise<MetricSourceError> = sourceFailure,
): Promise<void> {
  expect(await src.fetchAll!(request)).toEqual([]);
  expect((await failure(src.fetch(request))).code).toBe('NO_SERIES');
}

/**
 * Calls `fn`, which must throw a {@link MetricSourceError} (the synchronous query builders and checks).
 * @param fn the call expected to throw
 * @returns the error
 * @throws Error when `fn` returns
 */
export function sourceFailureSync(fn: () => unknown): MetricSourceError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MetricSourceError);
    return e as MetricSourceError;
  }
  throw new Error('expected a MetricSourceError');
}

/**
 * Loads the service configuration from a temporary `judge.json` holding one metric source.
 * @param name the source's name under `metricSources`
 * @param source its settings as an operator writes them
 * @param env further environment variables (secrets read through `...Env` settings)
 * @returns the loaded configuration
 * @throws what {@link loadConfig} throws for a bad file
 */
export function configWithSource(
  name: string,
  source: Record<string, unknown>,
  env: Record<string, string> = {},
): ServiceConfig {
  const dir = mkdtempSync(join(tmpdir(), `cj-${name}-`));
  try {
    const path = join(dir, 'judge.json');
    writeFileSync(path, JSON.stringify({ metricSources: { [name]: source } }));
    return loadConfig({ CANARY_JUDGE_CONFIG: path, ...env });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Stand-in data that tells scopes and points apart: one point per step over the window, `base + i` at step `i`
 * where `base` is 20 for a scope containing `canary` and 10 otherwise, 100 more for a scope ending in `highSuffix`
 * (a second group of a grouped query), and NaN at step `nanAt`.
 * @param nanAt the step that has no value
 * @param highSuffix the scope ending that marks the second group
 */
export function rampingData(nanAt: number, highSuffix: string): StandInData {
  return (scope, startMs, endMs, step) => {
    const timestamps = stepTimestamps(startMs, endMs, step);
    const base = scope.includes('canary') ? 20 : 10;
    const extra = scope.endsWith(highSuffix) ? 100 : 0;
    return { timestamps, values: timestamps.map((_t, i) => (i === nanAt ? NaN : base + extra + i)) };
  };
}

/**
 * Stand-in data that tells scopes and times apart: a point at every step from the window's start to its end
 * (both included), `scope.length + t / 1e12` at time `t` (epoch ms), and NaN at step `nanAt`.
 * @param nanAt the step that has no value
 */
export function scopeStampedData(nanAt: number): StandInData {
  return (scope, startMs, endMs, step) => {
    const timestamps: number[] = [];
    for (let t = startMs; t <= endMs; t += step * 1000) timestamps.push(t);
    return { timestamps, values: timestamps.map((t, i) => (i === nanAt ? NaN : scope.length + t / 1e12)) };
  };
}

/**
 * Stand-in data of fixed values, one per step from step `first` after the window's start, the same for every scope.
 * @param first the step of the first value (0 = the window's start)
 * @param values the values, NaN for a step without one
 */
export function valuesFromStep(first: number, values: number[]): StandInData {
  return (_scope, startMs, _endMs, step) => ({
    timestamps: values.map((_v, i) => startMs + (first + i) * step * 1000),
    values,
  });
}

/** One row of a source's failure table: what the store answers, the expected code and a pattern of the message. */
export type FailureRow = [what: string, answer: StubResponse, code: string, message: RegExp];

/** How the shared failure tests drive one source. */
export interface FailureContract {
  /** Makes the store answer `response` to every request. */
  answerWith(response: StubResponse): void;
  /** Runs the source's fetch with `over` settings (e.g. `maxResponseBytes`), expecting a MetricSourceError. */
  fail(over?: Record<string, unknown>): Promise<MetricSourceError>;
}

/**
 * The table-driven failure test every HTTP source runs: for each row, the store answers `answer` and the fetch
 * fails with `code` and a message matching `message`; `extra` adds the source's own checks of each error.
 * @param source how to drive the source
 * @param rows the source's answers and the errors they must give
 * @param extra further checks of every error (prefix, secrets), if any
 */
export function itMapsFailingAnswers(
  source: FailureContract,
  rows: FailureRow[],
  extra: (e: MetricSourceError) => void = () => undefined,
): void {
  it.each<FailureRow>(rows)('%s → %s', async (_what, response, code, message) => {
    source.answerWith(response);
    const e = await source.fail();
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    extra(e);
  });
}

/**
 * The size cap every HTTP source shares: a 50 MB answer is `ANSWER_TOO_LARGE` under a 16 MiB cap, and the same
 * unterminated JSON under the default cap is `UPSTREAM_ERROR` (read whole, then refused as JSON).
 * @param source how to drive the source
 */
export function itCapsHugeAnswers(source: FailureContract): void {
  it('a 50 MB answer → ANSWER_TOO_LARGE under a 16 MiB cap; the same 50 MB of garbage under the default cap → UPSTREAM_ERROR', async () => {
    source.answerWith({ status: 200, body: '{"x":"' + 'x'.repeat(50 * 1024 * 1024) });
    expect((await source.fail({ maxResponseBytes: 16 * 1024 * 1024 })).code).toBe('ANSWER_TOO_LARGE');
    expect((await source.fail({ timeoutMs: 20_000 })).code).toBe('UPSTREAM_ERROR');
  }, 45_000); // a hang guard above the fetch's own 20 s timeout: 100 MB over loopback on a loaded CI machine
}

/** What {@link failureKit} needs to know about one source under test. */
export interface FailureKitOptions {
  /** The stub store the source talks to. */
  stub: StubServer;
  /** The source with `over` settings. */
  source(over?: Record<string, unknown>): { fetch(req: FetchRequest): Promise<unknown> };
  /** The request whose failures are checked. */
  request(): FetchRequest;
  /** Adapter type and source name, for the message prefix. */
  type: string;
  name: string;
  /** Credentials that must never appear in a message. */
  secrets: readonly string[];
}

/**
 * The failure helpers of one source's tests: `failure` (awaits a MetricSourceError, checks its prefix and that no
 * secret leaks), `answerWith` (the store answers one fixed response) and the {@link FailureContract} for
 * {@link itMapsFailingAnswers} and {@link itCapsHugeAnswers}.
 * @param o the source under test
 */
export function failureKit(o: FailureKitOptions): {
  failure(p: Promise<unknown>): Promise<MetricSourceError>;
  answerWith(response: StubResponse): void;
  contract: FailureContract;
} {
  const failure = (p: Promise<unknown>) =>
    sourceFailure(p, { prefix: { type: o.type, name: o.name, request: o.request() }, secrets: o.secrets });
  const answerWith = (response: StubResponse) => o.stub.setHandler(() => response);
  return { failure, answerWith, contract: { answerWith, fail: (over) => failure(o.source(over).fetch(o.request())) } };
}

/**
 * Calls a query builder or check that must refuse its input with `BAD_QUERY`.
 * @param fn the call expected to throw
 * @returns the error message
 * @throws Error when `fn` returns or throws another error
 */
export function badQueryMessage(fn: () => unknown): string {
  const e = sourceFailureSync(fn);
  expect(e.code).toBe('BAD_QUERY');
  return e.message;
}
