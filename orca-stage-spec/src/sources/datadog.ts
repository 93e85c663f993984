/**
 * The `datadog` metric source: one `GET /api/v1/query?from&to&query` per metric and side (Datadog's "query
 * timeseries points" API), the query built from Kayenta's Datadog query config (`datadog-query.ts`). Credentials
 * travel in Datadog's documented headers `DD-API-KEY` and `DD-APPLICATION-KEY`, never in the URL (Kayenta's older
 * client put them in the query string, where proxies log them).
 *
 * The answer's `series[]` each become one tagged series (tags from the series' `tag_set`, i.e. the query's
 * `by {…}` groups), so a grouped query gives one metric-set pair per group. Points are laid on the series' own
 * grid (`start` to `end` every `interval` seconds) as Kayenta's `DatadogTimeSeries` does, a missing or `null`
 * point being NaN; an empty `series` is `[]` (Kayenta's empty placeholder set: "no data").
 *
 * Reference: https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points; spinnaker/kayenta
 * `DatadogMetricsService`, `DatadogTimeSeries`, `DatadogRemoteService`.
 */
import { DATADOG_TYPE, buildDatadogQuery, checkDatadogQuery } from './datadog-query';
import { excerpt, type SourceHttpSettings } from './http-client';
import { MetricSourceError, type MetricSource, type Series, type TaggedSeries } from './port';
import { assembleHttpSource, buildOrBadQuery, readPointPairs } from './assemble';

/** Operator settings of one Datadog source (from the service config file, never from a request). */
export interface DatadogSourceConfig extends SourceHttpSettings {
  /** Datadog site's API base URL, e.g. `https://api.datadoghq.eu` (default `https://api.datadoghq.com`). */
  baseUrl: string;
  /** API key (header `DD-API-KEY`). */
  apiKey: string;
  /** Application key (header `DD-APPLICATION-KEY`). */
  applicationKey: string;
}

/** Most grid slots one series may span (a malformed `interval` must not make a huge array). */
export const MAX_GRID_POINTS = 1_000_000;

interface DatadogSeriesEntry {
  pointlist?: unknown;
  start?: unknown;
  end?: unknown;
  interval?: unknown;
  tag_set?: unknown;
  query_index?: unknown;
}

function tagsOf(tagSet: unknown, what: string, i: number): Record<string, string> {
  if (tagSet === undefined || tagSet === null) return {};
  if (!Array.isArray(tagSet)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: series[${i}].tag_set is not a list`);
  }
  const tags: Record<string, string> = {};
  for (const t of tagSet) {
    if (typeof t !== 'string') continue;
    const colon = t.indexOf(':');
    if (colon < 0) tags[t] = '';
    else tags[t.slice(0, colon)] = t.slice(colon + 1);
  }
  return tags;
}

function pointsOf(entry: DatadogSeriesEntry, what: string, i: number): Array<[number, number]> {
  return readPointPairs(entry.pointlist, `series[${i}].pointlist`, '[milliseconds, value or null]', what);
}

/**
 * One Datadog series entry as a series on its own grid: from `start` to `end` every `interval` seconds, each slot
 * holding the point with exactly that timestamp, NaN for a gap (Kayenta's `DatadogTimeSeries` adjusted point
 * list). Without `start`/`end`/`interval` the points are taken as they come.
 */
function gridOf(entry: DatadogSeriesEntry, points: Array<[number, number]>, what: string, i: number): Series {
  const { start, end, interval } = entry;
  if (typeof start !== 'number' || typeof end !== 'number' || typeof interval !== 'number') {
    return { timestamps: points.map((p) => p[0]), values: points.map((p) => p[1]) };
  }
  const stepMs = interval * 1000;
  if (!(stepMs > 0) || end < start || (end - start) / stepMs > MAX_GRID_POINTS) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: series[${i}] has an unusable grid (start ${start}, end ${end}, interval ${interval} s)`,
    );
  }
  const byTime = new Map(points.map((p) => [p[0], p[1]]));
  const out: Series = { timestamps: [], values: [] };
  for (let t = start; t <= end; t += stepMs) {
    out.timestamps.push(t);
    out.values.push(byTime.get(t) ?? NaN);
  }
  return out;
}

/**
 * Reads a Datadog `GET /api/v1/query` answer into tagged series (see the module comment); every malformed part
 * is an `UPSTREAM_ERROR` naming it, an answer with `status: "error"` is a `BAD_QUERY` quoting Datadog's error.
 * When several series would carry the same tags (a query of several expressions without `by`), each is also
 * tagged with its `query_index`, so they stay apart.
 * @param body the parsed answer
 * @param what the message prefix ({@link describeFetch})
 */
export function readDatadogAnswer(body: unknown, what: string): TaggedSeries[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: the Datadog answer is not a JSON object`);
  }
  const b = body as { status?: unknown; error?: unknown; series?: unknown };
  if (b.status === 'error') {
    throw new MetricSourceError(
      'BAD_QUERY',
      `${what}: Datadog rejected the query${b.error ? `: ${excerpt(b.error)}` : ''}`,
    );
  }
  if (!Array.isArray(b.series)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: the Datadog answer has no "series" array`);
  }
  const all = b.series.map((raw: unknown, i: number): TaggedSeries => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: series[${i}] is not an object`);
    }
    const entry = raw as DatadogSeriesEntry;
    const grid = gridOf(entry, pointsOf(entry, what, i), what, i);
    return { ...grid, tags: tagsOf(entry.tag_set, what, i) };
  });
  const keys = all.map((s) => JSON.stringify(Object.entries(s.tags).sort()));
  if (new Set(keys).size < keys.length) {
    all.forEach((s, i) => {
      const qi = (b.series as DatadogSeriesEntry[])[i]?.query_index;
      s.tags = { ...s.tags, query_index: String(typeof qi === 'number' ? qi : i) };
    });
  }
  return all;
}

/**
 * Creates a Datadog source.
 * @param name the name requests use (`metricSource`)
 * @param config base URL, keys and limits from the operator's configuration
 */
export function createDatadogSource(name: string, config: DatadogSourceConfig): MetricSource {
  return assembleHttpSource(name, config, {
    type: DATADOG_TYPE,
    label: 'Datadog',
    headers: { 'DD-API-KEY': config.apiKey, 'DD-APPLICATION-KEY': config.applicationKey },
    check: checkDatadogQuery,
    query: (req, what) => buildOrBadQuery(what, () => buildDatadogQuery(req)),
    request: (query, req) => ({
      path: '/api/v1/query',
      params: { from: Math.floor(req.startMs / 1000), to: Math.floor(req.endMs / 1000), query },
    }),
    read: (data, _query, _req, what) => readDatadogAnswer(data, what),
  });
}
