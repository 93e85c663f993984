/**
 * The set-up and the shared cases of the unit tests of the HTTP metric sources whose stand-ins serve
 * {@link rampingData} (Datadog, New Relic, Wavefront): one stub store answering as the stand-in, the source under
 * test pointed at it, the usual request over a ten-minute window, the failure kit and the throttling case; and the
 * cases every such source passes, as methods of the suite: the ramp read back on the step grid, a grouped query
 * split by its tags, an empty answer read as no data, a bad query config refused before any request, the failure
 * table, the rate limits and the size caps. Test-only.
 *
 * Reference: `test/support/stand-ins/types.ts` (the stand-ins), `src/sources/port.ts` (`fetch`, `fetchAll`).
 */
import { expect, it } from 'vitest';
import type { StubServer } from '../../../test/support/stub-server';
import type { StandIn } from '../../../test/support/stand-ins/types';
import type { ServiceConfig } from '../config';
import { stepTimestamps, type FetchRequest, type MetricSource } from '../sources/port';
import {
  configWithSource,
  expectNoSeries,
  fetchRequestsWith,
  rampingData,
  tenMinuteWindow,
  useStubStore,
  type SourceIdentity,
} from './source-harness';
import { failureCases, type FailureCases } from './failure-cases';

/** The window every request of these tests covers: ten one-minute steps from 2026-12-04T10:00:00Z (epoch ms). */
const RAMP_WINDOW = tenMinuteWindow('2026-12-04T10:00:00Z');

/** What {@link httpSourceSuite} needs to know about the source under test. */
export interface HttpSourceSuiteOptions extends SourceIdentity {
  /** The stand-in of the source's store. */
  standIn: Pick<StandIn, 'respond'>;
  /** The step the ramp has no value at (see {@link rampingData}). */
  nanAt: number;
  /** The scope ending of a grouped query's second group (see {@link rampingData}). */
  highSuffix: string;
  /** The source under test, talking to `baseUrl`, with `over` settings (a 3 s timeout unless `over` says). */
  create(baseUrl: string, over: Record<string, unknown>): MetricSource;
  /** The metric's query config when a test gives none. */
  query: Record<string, unknown>;
  /** The request fields beyond the window (scopes, location), if any. */
  request?: Partial<FetchRequest>;
  /** Credentials that must never appear in a message. */
  secrets: readonly string[];
  /** The body the store sends with a `429`. */
  busyBody: unknown;
  /** A query the stand-in answers with two groups, and the tags of the two series it must give, in order. */
  grouped: { query: Record<string, unknown>; tags: Array<Record<string, string>> };
  /** An answer of the store's shape without any series. */
  noSeries: unknown;
}

/** The bad fetch of {@link HttpSourceSuite.itRefusesBadQueriesFirst}. */
export interface BadQueryCase {
  /** The query config (the default query when absent). */
  query?: Record<string, unknown>;
  /** The source settings (the defaults when absent). */
  settings?: Record<string, unknown>;
  /** A pattern the message must match, if any. */
  message?: RegExp;
}

/** The parts of one source's tests that {@link httpSourceSuite} builds, and the cases they share. */
export interface HttpSourceSuite extends FailureCases {
  /** The window every request covers: ten one-minute steps from 2026-12-04T10:00:00Z (epoch ms). */
  window: Pick<FetchRequest, 'startMs' | 'endMs'>;
  /** The stub store, answering as the stand-in at the start of every test. */
  stub: StubServer;
  /** The source under test with `over` settings. */
  source(over?: Record<string, unknown>): MetricSource;
  /** The usual request for the metric query `query` (the default query when absent). */
  req(query?: Record<string, unknown>): FetchRequest;
  /** Loads the service configuration with the settings `settings` under the source's name. */
  configWith(settings: Record<string, unknown>, env?: Record<string, string>): ServiceConfig;
  /**
   * The stand-in's ramp comes back on the step grid of the window: `20 + i` at step `i` (the canary scope), NaN
   * at the step without a value.
   * @param title the test's title (what the store's missing points become)
   */
  itReadsTheRamp(title: string): void;
  /**
   * The grouped query of the options gives one series per group with the group's tags (the second group's ramp
   * starts at 120); `fetch`, which wants one series, refuses it with `MULTIPLE_SERIES`.
   * @param title the test's title
   */
  itSplitsGroups(title: string): void;
  /**
   * The options' answer without any series is no data: `fetchAll` gives `[]` and `fetch` fails with `NO_SERIES`.
   * @param title the test's title
   */
  itReadsNoSeriesAsNoData(title: string): void;
  /**
   * A fetch whose query cannot be built fails with `BAD_QUERY` before the store is asked anything.
   * @param title the test's title
   * @param bad the query or settings that cannot work
   */
  itRefusesBadQueriesFirst(title: string, bad: BadQueryCase): void;
}

/**
 * Registers the stub store of the calling test file (serving the stand-in with ramping data) and builds the source,
 * request and failure helpers its tests use, with the cases they share.
 * @param o the source under test
 * @returns the helpers and cases
 */
export function httpSourceSuite(o: HttpSourceSuiteOptions): HttpSourceSuite {
  const stub = useStubStore(() => (r) => o.standIn.respond(r, rampingData(o.nanAt, o.highSuffix)));
  const source = (over: Record<string, unknown> = {}) => o.create(stub.baseUrl, { timeoutMs: 3000, ...over });
  const makeRequest = fetchRequestsWith({ ...o.request, ...RAMP_WINDOW }, o.query);
  const req = (query?: Record<string, unknown>) => makeRequest(query);
  const cases = failureCases({
    stub,
    source,
    request: () => req(),
    type: o.type,
    name: o.name,
    secrets: o.secrets,
    fetch: () => source().fetch(req()),
    busyBody: o.busyBody,
  });
  const { failure, answerWith } = cases;
  return {
    ...cases,
    window: RAMP_WINDOW,
    stub,
    source,
    req,
    configWith: (settings, env = {}) => configWithSource(o.name, settings, env),
    itReadsTheRamp: (title) =>
      it(title, async () => {
        const series = await source().fetch(req());
        expect(series.timestamps).toEqual(stepTimestamps(RAMP_WINDOW.startMs, RAMP_WINDOW.endMs, 60));
        expect(series.values).toEqual(series.timestamps.map((_t, i) => (i === o.nanAt ? NaN : 20 + i)));
      }),
    itSplitsGroups: (title) =>
      it(title, async () => {
        const { query, tags } = o.grouped;
        const all = await source().fetchAll!(req(query));
        expect(all.map((x) => x.tags)).toEqual(tags);
        expect(all[1]!.values[0]).toBe(120);
        expect((await failure(source().fetch(req(query)))).code).toBe('MULTIPLE_SERIES');
      }),
    itReadsNoSeriesAsNoData: (title) =>
      it(title, async () => {
        answerWith({ status: 200, body: o.noSeries });
        await expectNoSeries(source(), req(), failure);
      }),
    itRefusesBadQueriesFirst: (title, bad) =>
      it(title, async () => {
        const e = await failure(source(bad.settings).fetch(req(bad.query)));
        expect(e.code).toBe('BAD_QUERY');
        if (bad.message) expect(e.message).toMatch(bad.message);
        expect(stub.requests).toHaveLength(0);
      }),
  };
}
