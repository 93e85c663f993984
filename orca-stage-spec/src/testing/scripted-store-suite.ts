/**
 * The set-up of the unit tests of the self-hosted HTTP sources whose tests script every answer of the store
 * (Graphite, InfluxDB): a stub store answering an empty result at the start of every test, the source pointed at
 * it, the file's request over one ten-minute window, and the failure kit whose failing fetch carries HTTP Basic
 * credentials (so every failure is checked not to leak the password). Test-only.
 *
 * Reference: `src/sources/http-client.ts` (Basic credentials, the retry), `source-harness.ts` (`failureKit`).
 */
import type { StubResponse, StubServer } from '../../../test/support/stub-server';
import type { FetchRequest, MetricSource } from '../sources/port';
import { fetchRequestsWith, metricOf, tenMinuteWindow, useStubStore, type SourceIdentity } from './source-harness';
import { failureCases, type FailureCases } from './failure-cases';

/** The window every request of these tests covers: ten minutes from 2024-05-01T12:00:00Z (epoch ms). */
const STORE_WINDOW = tenMinuteWindow('2024-05-01T12:00:00Z');

/** The Basic credentials of the failing fetch; the password must never appear in a message. */
export const LEAK_CHECKED_CREDENTIALS = { username: 'u', password: 'pw-should-not-leak' } as const;

/** What {@link scriptedStoreSuite} needs to know about the source under test. */
export interface ScriptedStoreOptions<C> extends SourceIdentity {
  /** The source under test from its settings (the stub's base URL, a 5 s timeout, then the test's). */
  create(settings: C): MetricSource;
  /** What the store answers at the start of every test: a result without series. */
  empty: StubResponse;
  /** The request fields beyond the window (scopes, location, parameters), if any. */
  request?: Partial<FetchRequest>;
  /** The query config of the failing fetch. */
  failingQuery: Record<string, unknown>;
}

/** The parts of one source's tests that {@link scriptedStoreSuite} builds. */
export interface ScriptedStoreSuite<C> extends FailureCases {
  /** The window every request covers: ten minutes from 2024-05-01T12:00:00Z (epoch ms). */
  window: Pick<FetchRequest, 'startMs' | 'endMs'>;
  /** The metric maker of the requests' metric (`latency`, see `fetchRequest`). */
  metric: ReturnType<typeof metricOf>;
  /** The stub store. */
  stub: StubServer;
  /** The source under test with `over` settings. */
  source(over?: Partial<C>): MetricSource;
  /** The file's request for the query config `query`, with `over` fields. */
  req(query?: Record<string, unknown>, over?: Partial<FetchRequest>): FetchRequest;
}

/**
 * Registers the stub store of the calling test file and builds the source, request and failure helpers.
 * @param o the source under test
 * @returns the helpers
 */
export function scriptedStoreSuite<C extends { baseUrl: string }>(o: ScriptedStoreOptions<C>): ScriptedStoreSuite<C> {
  const stub = useStubStore(() => () => o.empty);
  // The settings object is built here for any C: the stub's base URL, the timeout, then the test's own.
  const source = (over: Partial<C> = {}) =>
    o.create({ baseUrl: stub.baseUrl, timeoutMs: 5000, ...over } as unknown as C);
  const req = fetchRequestsWith({ ...o.request, ...STORE_WINDOW });
  const failingRequest = () => req(o.failingQuery);
  const cases = failureCases({
    stub,
    source: (over) => source({ ...LEAK_CHECKED_CREDENTIALS, ...over } as unknown as Partial<C>),
    request: failingRequest,
    type: o.type,
    name: o.name,
    secrets: [LEAK_CHECKED_CREDENTIALS.password],
    fetch: () => source().fetch(failingRequest()),
    busyBody: undefined, // the store sends no body with its `429`
  });
  return { ...cases, window: STORE_WINDOW, metric: metricOf('latency'), stub, source, req };
}
