/**
 * Stand-in for New Relic's Insights query API (`GET /v1/accounts/{accountId}/query?nrql=…`, query key in the
 * `X-Query-Key` header), answering NRQL `TIMESERIES` queries in the documented shape:
 * `{timeSeries: [{results: [{average: v}], beginTimeSeconds, endTimeSeconds, inspectedCount}], total, metadata:
 * {beginTimeMillis, endTimeMillis, …}}`, or with `FACET <attr>` `{facets: [{name, timeSeries, …}], metadata:
 * {facet: <attr>, …}}`. Reference: https://docs.newrelic.com/docs/apis/insights-apis/query-insights-event-data-api/
 *
 * It reads from the NRQL: `TIMESERIES <n> seconds`, `SINCE <s> UNTIL <s>` (epoch seconds), the scope as the value of
 * `<scopeKey> LIKE '<scope>'` (scope key {@link NEWRELIC_SCOPE_KEY}, the source's `defaultScopeKey`), and an
 * optional trailing `FACET <attr>` (one facet per value of {@link NEWRELIC_FACETS}, with the data of scope
 * `<scope>,<attr>:<value>`). A bucket whose data value is not finite is sent as an empty bucket
 * (`inspectedCount: 0`, result `null`).
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The query key the stand-in accepts. */
export const NEWRELIC_QUERY_KEY = 'nr-query-key-for-tests';
/** The account ID the stand-in serves. */
export const NEWRELIC_ACCOUNT_ID = '1234567';
/** The NRQL attribute the scope is matched on (the source's `defaultScopeKey`). */
export const NEWRELIC_SCOPE_KEY = 'appName';
/** The facet values a `FACET <attr>` query answers. */
export const NEWRELIC_FACETS = ['web-1', 'web-2'];

function unquote(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** The parts of an NRQL query the stand-in reads, or a reason it cannot. */
export function parseNrql(
  nrql: string,
):
  | { step: number; since: number; until: number; scope: string; fn: string; facet: string | undefined }
  | { error: string } {
  const step = /\bTIMESERIES (\d+) seconds\b/.exec(nrql);
  const window = /\bSINCE (\d+) UNTIL (\d+)\b/.exec(nrql);
  const scope = new RegExp(`\\b${NEWRELIC_SCOPE_KEY} LIKE '((?:[^'\\\\]|\\\\.)*)'`).exec(nrql);
  const fn = /^SELECT (\w+)\(/.exec(nrql);
  const facet = /\bFACET (\w+)\s*$/.exec(nrql);
  if (!step || !window || !scope || !fn) {
    return {
      error: `NRQL Syntax Error: the stand-in needs SELECT fn(…), TIMESERIES n seconds, SINCE/UNTIL and ${NEWRELIC_SCOPE_KEY} LIKE '…': ${nrql}`,
    };
  }
  return {
    step: Number(step[1]),
    since: Number(window[1]),
    until: Number(window[2]),
    scope: unquote(scope[1] as string),
    fn: fn[1] as string,
    facet: facet?.[1],
  };
}

/** The New Relic stand-in. */
export const newRelicStandIn: StandIn = defineStandIn('newrelic', {
  settings: () => ({
    apiKey: NEWRELIC_QUERY_KEY,
    applicationKey: NEWRELIC_ACCOUNT_ID,
    defaultScopeKey: NEWRELIC_SCOPE_KEY,
    timeoutMs: 5000,
  }),
  query: (metricName) => ({ select: `average(${metricName}) FROM Transaction` }),
  respond(req: StubRequest, data: StandInData): StubResponse {
    const url = new URL(req.url, 'http://stand-in');
    if (req.method !== 'GET' || url.pathname !== `/v1/accounts/${NEWRELIC_ACCOUNT_ID}/query`) {
      return { status: 404, body: { error: `no route ${req.method} ${url.pathname}` } };
    }
    if (req.headers['x-query-key'] !== NEWRELIC_QUERY_KEY) {
      return { status: 401, body: { error: 'Invalid query key' } };
    }
    const nrql = url.searchParams.get('nrql') ?? '';
    const parsed = parseNrql(nrql);
    if ('error' in parsed) return { status: 400, body: { error: parsed.error } };
    const buckets = (scope: string) => {
      const d = data(scope, parsed.since * 1000, parsed.until * 1000, parsed.step);
      return d.timestamps.map((t, i) => {
        const v = d.values[i] as number;
        const begin = Math.floor(t / 1000);
        return {
          results: [{ [parsed.fn]: Number.isFinite(v) ? v : null }],
          beginTimeSeconds: begin,
          endTimeSeconds: begin + parsed.step,
          inspectedCount: Number.isFinite(v) ? 42 : 0,
        };
      });
    };
    const metadata = {
      eventTypes: ['Transaction'],
      eventType: 'Transaction',
      openEnded: false,
      beginTimeMillis: parsed.since * 1000,
      endTimeMillis: parsed.until * 1000,
      rawSince: String(parsed.since),
      rawUntil: String(parsed.until),
      rawCompareWith: '',
      messages: [],
      ...(parsed.facet ? { facet: parsed.facet } : {}),
    };
    if (parsed.facet) {
      const facets = NEWRELIC_FACETS.map((name) => ({
        name,
        results: [{ [parsed.fn]: null }],
        timeSeries: buckets(`${parsed.scope},${parsed.facet}:${name}`),
      }));
      return { status: 200, body: { facets, totalResult: { results: [] }, metadata } };
    }
    return {
      status: 200,
      body: {
        timeSeries: buckets(parsed.scope),
        total: { results: [{ [parsed.fn]: null }], inspectedCount: 0 },
        performanceStats: { inspectedCount: 0, wallClockTime: 1 },
        metadata,
      },
    };
  },
});
