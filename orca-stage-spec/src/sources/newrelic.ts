/**
 * The `newrelic` metric source: one NRQL query per metric and side over New Relic's Insights query API,
 * `GET /v1/accounts/{accountId}/query?nrql=…` with the query key in the `X-Query-Key` header (never in the URL),
 * the NRQL built from Kayenta's New Relic query config (`newrelic-query.ts`). As in Kayenta's account settings,
 * `applicationKey` is the New Relic account ID (it goes into the path) and `apiKey` the query key.
 *
 * Reading the answer, as Kayenta's `NewRelicTimeSeries` does: each `timeSeries` bucket is one point at
 * `beginTimeSeconds`, its value the first result of the bucket (`{"count": 12}`, or the number inside a
 * `{"percentile": {"95": 0.31}}`), NaN when the bucket inspected no events (`inspectedCount` 0) or the value is
 * `null`. An empty `timeSeries` is `[]` (no data). A `FACET` query answers `facets[]`, each with its own
 * `timeSeries`: one series per facet, tagged `{<facet attribute>: <facet value>}` (Kayenta reads only un-faceted
 * answers).
 *
 * Reference: https://docs.newrelic.com/docs/apis/insights-apis/query-insights-event-data-api/; spinnaker/kayenta
 * `NewRelicRemoteService`, `NewRelicTimeSeries`, `NewRelicMetricsService`, `NewRelicManagedAccount`.
 */
import { excerpt, type SourceHttpSettings } from './http-client';
import { NEWRELIC_TYPE, buildNrql, checkNewRelicQuery, type NewRelicScopeDefaults } from './newrelic-query';
import { MetricSourceError, type MetricSource, type Series, type TaggedSeries } from './port';
import { assembleHttpSource, buildOrBadQuery } from './assemble';
import { scopeKeyDefaults } from './query-config';

/** Operator settings of one New Relic source (from the service config file, never from a request). */
export interface NewRelicSourceConfig extends SourceHttpSettings, NewRelicScopeDefaults {
  /** Insights API base URL (default `https://insights-api.newrelic.com`; EU: `https://insights-api.eu.newrelic.com`). */
  baseUrl: string;
  /** Insights query key (header `X-Query-Key`). */
  apiKey: string;
  /** The New Relic account ID (Kayenta's name for it), digits. */
  applicationKey: string;
}

function bucketValue(raw: unknown, where: string, what: string): number {
  const b = raw as { results?: unknown; inspectedCount?: unknown };
  if (!Array.isArray(b.results) || typeof b.results[0] !== 'object' || b.results[0] === null) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${where} has no "results" object`);
  }
  if (b.inspectedCount === 0) return NaN;
  let v: unknown = Object.values(b.results[0] as Record<string, unknown>)[0];
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) v = Object.values(v)[0];
  if (v === null || v === undefined) return NaN;
  if (typeof v !== 'number') {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: ${where}.results[0] is ${excerpt(b.results[0], 60)}, expected a number (or null)`,
    );
  }
  return Number.isFinite(v) ? v : NaN;
}

function readTimeSeries(list: unknown, where: string, what: string): Series {
  if (!Array.isArray(list)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${where} is not a list`);
  }
  const out: Series = { timestamps: [], values: [] };
  list.forEach((raw: unknown, i: number) => {
    const at = `${where}[${i}]`;
    if (typeof raw !== 'object' || raw === null) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${at} is not an object`);
    }
    const begin = (raw as { beginTimeSeconds?: unknown }).beginTimeSeconds;
    if (typeof begin !== 'number' || !Number.isFinite(begin)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${at} has no numeric "beginTimeSeconds"`);
    }
    out.timestamps.push(begin * 1000);
    out.values.push(bucketValue(raw, at, what));
  });
  return out;
}

function facetTags(name: unknown, attributes: unknown, where: string, what: string): Record<string, string> {
  const values = Array.isArray(name) ? name : [name];
  if (!values.every((v) => typeof v === 'string' || typeof v === 'number' || v === null)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: ${where}.name is ${excerpt(name, 60)}`);
  }
  const keys = Array.isArray(attributes) ? attributes : typeof attributes === 'string' ? [attributes] : [];
  const tags: Record<string, string> = {};
  values.forEach((v, i) => {
    const key = typeof keys[i] === 'string' ? (keys[i] as string) : values.length === 1 ? 'facet' : `facet${i}`;
    tags[key] = v === null ? '' : String(v);
  });
  return tags;
}

/**
 * Reads an Insights query answer into tagged series (see the module comment); every malformed part is an
 * `UPSTREAM_ERROR` naming it, an answer without time series (NRQL without `TIMESERIES`) a `BAD_QUERY`.
 * @param body the parsed answer
 * @param what the message prefix ({@link describeFetch})
 */
export function readNewRelicAnswer(body: unknown, what: string): TaggedSeries[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: the New Relic answer is not a JSON object`);
  }
  const b = body as { timeSeries?: unknown; facets?: unknown; error?: unknown; metadata?: { facet?: unknown } };
  if (typeof b.error === 'string') {
    throw new MetricSourceError('BAD_QUERY', `${what}: New Relic rejected the query: ${excerpt(b.error)}`);
  }
  if (b.facets !== undefined) {
    if (!Array.isArray(b.facets)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: "facets" is not a list`);
    }
    return b.facets.map((f: unknown, i: number): TaggedSeries => {
      if (typeof f !== 'object' || f === null) {
        throw new MetricSourceError('UPSTREAM_ERROR', `${what}: facets[${i}] is not an object`);
      }
      const facet = f as { name?: unknown; timeSeries?: unknown };
      if (facet.timeSeries === undefined) {
        throw new MetricSourceError(
          'BAD_QUERY',
          `${what}: the faceted answer has no time series; the NRQL needs TIMESERIES`,
        );
      }
      const series = readTimeSeries(facet.timeSeries, `facets[${i}].timeSeries`, what);
      return { ...series, tags: facetTags(facet.name, b.metadata?.facet, `facets[${i}]`, what) };
    });
  }
  if (b.timeSeries === undefined) {
    throw new MetricSourceError(
      'BAD_QUERY',
      `${what}: the New Relic answer has no "timeSeries"; the NRQL needs TIMESERIES (answer: ${excerpt(body, 120)})`,
    );
  }
  const one = readTimeSeries(b.timeSeries, 'timeSeries', what);
  return one.timestamps.length === 0 ? [] : [{ ...one, tags: {} }];
}

/**
 * Creates a New Relic source.
 * @param name the name requests use (`metricSource`)
 * @param config base URL, query key, account ID, scope defaults and limits from the operator's configuration
 */
export function createNewRelicSource(name: string, config: NewRelicSourceConfig): MetricSource {
  const defaults = scopeKeyDefaults(config);
  return assembleHttpSource(name, config, {
    type: NEWRELIC_TYPE,
    label: 'New Relic',
    headers: { 'X-Query-Key': config.apiKey, Accept: 'application/json' },
    check(metric, templates, known) {
      checkNewRelicQuery(metric, templates, known, defaults);
    },
    query: (req, what) => buildOrBadQuery(what, () => buildNrql(req, defaults)),
    request: (nrql) => ({ path: `/v1/accounts/${encodeURIComponent(config.applicationKey)}/query`, params: { nrql } }),
    read: (data, _nrql, _req, what) => readNewRelicAnswer(data, what),
  });
}
