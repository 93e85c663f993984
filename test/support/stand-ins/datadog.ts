/**
 * Stand-in for Datadog's "query timeseries points" API (`GET /api/v1/query?from&to&query`, keys in the
 * `DD-API-KEY` and `DD-APPLICATION-KEY` headers), answering in its documented shape:
 * `{status: "ok", res_type: "time_series", query, from_date, to_date, series: [{metric, display_name, scope,
 * expression, pointlist: [[ms, value|null]], start, end, interval, length, aggr, tag_set, query_index, unit}]}`.
 * Reference: https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points
 *
 * Queries it understands: `<aggr>:<metric>{<scope>}` (what Kayenta builds from `metricName`), optionally followed
 * by ` by {<tag>}` — then it answers one series per value in {@link DATADOG_GROUPS}, each with `tag_set`
 * `["<tag>:<value>"]` and the data of scope `<scope>,<tag>:<value>`. A non-finite data value is sent as `null`
 * (Datadog's gap).
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The API key the stand-in accepts. */
export const DATADOG_API_KEY = 'dd-api-key-for-tests';
/** The application key the stand-in accepts. */
export const DATADOG_APPLICATION_KEY = 'dd-app-key-for-tests';
/** The group values a `by {tag}` query answers, one series each. */
export const DATADOG_GROUPS = ['a', 'b'];

/** The parts of a query the stand-in understands, or undefined. */
export function parseDatadogQuery(
  query: string,
): { aggr: string | undefined; metric: string; scope: string; by: string | undefined } | undefined {
  const m = /^(?:(\w+):)?([\w.]+)\{([^}]*)\}(?:\s+by\s+\{(\w+)\})?$/.exec(query.trim());
  if (!m) return undefined;
  return { aggr: m[1], metric: m[2] as string, scope: m[3] as string, by: m[4] };
}

/**
 * A Datadog stand-in whose points are `intervalSeconds` apart (the interval Datadog picks for the window).
 * @param intervalSeconds spacing of the answered points, seconds
 */
export function createDatadogStandIn(intervalSeconds: number): StandIn {
  return defineStandIn('datadog', {
    settings: () => ({
      apiKey: DATADOG_API_KEY,
      applicationKey: DATADOG_APPLICATION_KEY,
      timeoutMs: 5000,
    }),
    query: (metricName) => ({ metricName: `avg:${metricName}` }),
    respond(req: StubRequest, data: StandInData): StubResponse {
      const url = new URL(req.url, 'http://stand-in');
      if (req.method !== 'GET' || url.pathname !== '/api/v1/query') {
        return { status: 404, body: { errors: [`no route ${req.method} ${url.pathname}`] } };
      }
      if (
        req.headers['dd-api-key'] !== DATADOG_API_KEY ||
        req.headers['dd-application-key'] !== DATADOG_APPLICATION_KEY
      ) {
        return { status: 403, body: { errors: ['Forbidden'] } };
      }
      const from = Number(url.searchParams.get('from'));
      const to = Number(url.searchParams.get('to'));
      const query = url.searchParams.get('query') ?? '';
      const parsed = parseDatadogQuery(query);
      if (!Number.isInteger(from) || !Number.isInteger(to) || to < from || !parsed) {
        return { status: 400, body: { errors: [`Error parsing query: from=${from} to=${to} query=${query}`] } };
      }
      const groups = parsed.by ? DATADOG_GROUPS.map((g) => `${parsed.by}:${g}`) : [undefined];
      const series = groups.map((group, index) => {
        const scope = group ? `${parsed.scope},${group}` : parsed.scope;
        const d = data(scope, from * 1000, to * 1000, intervalSeconds);
        const pointlist = d.timestamps.map((t, i) => {
          const v = d.values[i] as number;
          return [t, Number.isFinite(v) ? v : null];
        });
        const start = d.timestamps[0] ?? from * 1000;
        const last = d.timestamps[d.timestamps.length - 1] ?? from * 1000;
        return {
          metric: parsed.metric,
          display_name: parsed.metric,
          scope,
          expression: `${parsed.aggr ? `${parsed.aggr}:` : ''}${parsed.metric}{${scope}}`,
          pointlist,
          start,
          end: last + intervalSeconds * 1000 - 1,
          interval: intervalSeconds,
          length: pointlist.length,
          aggr: parsed.aggr ?? null,
          tag_set: group ? [group] : [],
          query_index: 0,
          unit: null,
          series_index: index,
        };
      });
      return {
        status: 200,
        body: {
          status: 'ok',
          res_type: 'time_series',
          resp_version: 1,
          query,
          from_date: from * 1000,
          to_date: to * 1000,
          group_by: parsed.by ? [parsed.by] : [],
          message: '',
          series: series.filter((s) => s.pointlist.length > 0),
        },
      };
    },
  });
}

/** The Datadog stand-in with one point a minute. */
export const datadogStandIn: StandIn = createDatadogStandIn(60);
