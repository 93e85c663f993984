/**
 * The `prometheus` metric source: one `GET /api/v1/query_range` per metric and side (axios). The query comes
 * from the metric's `query.promql` template or from Kayenta's Prometheus query config (`customInlineTemplate`,
 * `customFilterTemplate`, `metricName`, `labelBindings`, `groupByFields`, `resourceType`; see `kayenta-promql.ts`),
 * expanded with `${scope}`, `${location}`, `${side}`, `${metricName}` and every `extendedScopeParams` key.
 * A query answering several series (e.g. `avg(…) by (region)`) gives one metric-set pair per series, as Kayenta
 * does: `fetchAll` tags each with its labels (without `__name__`); `fetch` expects exactly one.
 *
 * Errors (one per failure, each naming metric and side): `PROMETHEUS_UNREACHABLE` (connection failure or 5xx),
 * `TIMEOUT` (no complete answer within `timeoutMs`, or Prometheus 503), `BAD_QUERY` (400/422, missing or bad
 * template), `AUTH_REFUSED` (401/403 from a proxy), `RATE_LIMITED`, `ANSWER_TOO_LARGE`, `NO_SERIES`,
 * `MULTIPLE_SERIES`, `UPSTREAM_ERROR` (a 200 answer that is not a matrix). The HTTP behaviour is `http-client.ts`.
 *
 * Reference: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
 */
import { createSourceHttp, type SourceHttpSettings } from './http-client';
import {
  MetricSourceError,
  onlySeries,
  type FetchRequest,
  type MetricSource,
  type Series,
  type TaggedSeries,
} from './port';
import { buildPromql, checkPromqlQuery } from './kayenta-promql';

/** Operator settings of one Prometheus source (from the service config file, never from a request). */
export interface PrometheusSourceConfig extends SourceHttpSettings {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  baseUrl: string;
  /** Whole-exchange limit per query, milliseconds (default 10000); also sent to Prometheus as `timeout`. */
  timeoutMs?: number;
  /** Extra request headers (e.g. an `Authorization` for a proxy). */
  headers?: Record<string, string>;
  /** Largest answer accepted, bytes (default 64 MiB); a larger one is `ANSWER_TOO_LARGE`. */
  maxResponseBytes?: number;
}

interface PromMatrixAnswer {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

function promError(body: unknown): string {
  const b = body as PromMatrixAnswer | undefined;
  return typeof b === 'object' && b && b.error ? `: ${b.errorType ?? 'error'}: ${String(b.error)}` : '';
}

/**
 * Reads a `query_range` matrix into tagged series; every malformed part is an `UPSTREAM_ERROR` naming it.
 * @param body the parsed answer
 * @param what the message prefix
 */
export function readMatrix(body: unknown, what: string): TaggedSeries[] {
  const b = body as PromMatrixAnswer;
  if (typeof b !== 'object' || b === null || Array.isArray(b) || b.status !== 'success') {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: unexpected Prometheus answer${promError(body)}`);
  }
  if (b.data?.resultType !== 'matrix' || !Array.isArray(b.data.result)) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: expected a matrix from query_range, got ${String(b.data?.resultType)}`,
    );
  }
  return b.data.result.map((r: unknown, i: number) => {
    const item = r as { metric?: unknown; values?: unknown };
    if (typeof item !== 'object' || item === null || !Array.isArray(item.values)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: result[${i}] has no "values" array`);
    }
    const tags: Record<string, string> = {};
    if (item.metric && typeof item.metric === 'object') {
      for (const [k, v] of Object.entries(item.metric as Record<string, unknown>)) {
        if (k !== '__name__' && typeof v === 'string') tags[k] = v;
      }
    }
    const series: TaggedSeries = { timestamps: [], values: [], tags };
    item.values.forEach((point: unknown, j: number) => {
      if (!Array.isArray(point) || point.length < 2 || typeof point[0] !== 'number' || typeof point[1] !== 'string') {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: result[${i}].values[${j}] is ${excerpt(point)}, expected [seconds, "value"]`,
        );
      }
      const n = Number(point[1]);
      series.timestamps.push(Math.round(point[0] * 1000));
      series.values.push(Number.isFinite(n) ? n : NaN);
    });
    return series;
  });
}

function excerpt(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

/**
 * Creates a Prometheus source.
 * @param name the name requests use
 * @param config base URL, timeout and headers from the operator's configuration
 */
export function createPrometheusSource(name: string, config: PrometheusSourceConfig): MetricSource {
  const http = createSourceHttp('Prometheus', config, 'PROMETHEUS_UNREACHABLE');
  const timeoutMs = http.timeoutMs;

  const fetchAll = async (req: FetchRequest): Promise<TaggedSeries[]> => {
    const what = `metric ${req.metric.name} (${req.side === 'control' ? 'baseline' : 'canary'} ${req.scope})`;
    let query: string;
    try {
      query = buildPromql(req.metric, req.templates ?? {}, {
        ...req.params,
        scope: req.scope,
        location: req.location ?? '',
        side: req.side,
        metricName: req.metric.name,
      });
    } catch (e) {
      throw new MetricSourceError('BAD_QUERY', `${what}: ${(e as Error).message}`);
    }
    const res = await http.request({
      path: '/api/v1/query_range',
      params: {
        query,
        start: (req.startMs / 1000).toFixed(3),
        end: (req.endMs / 1000).toFixed(3),
        step: `${req.stepSeconds}s`,
        timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
      },
      signal: req.signal,
      what,
      mapStatus: (status, body) => {
        if (status === 400 || status === 422) {
          return new MetricSourceError(
            'BAD_QUERY',
            `${what}: Prometheus rejected the query ${JSON.stringify(query)}${promError(body)}`,
          );
        }
        if (status === 503)
          return new MetricSourceError('TIMEOUT', `${what}: Prometheus answered 503${promError(body)}`);
        if (status >= 500) {
          return new MetricSourceError(
            'PROMETHEUS_UNREACHABLE',
            `${what}: Prometheus answered ${status}${promError(body)}`,
          );
        }
        return undefined;
      },
    });
    const all = readMatrix(res.data, what);
    // No series: "no data" for this side; the message (the service's warning) quotes the query to check.
    if (all.length === 0) throw new MetricSourceError('NO_SERIES', `${what}: the query returned no series: ${query}`);
    return all;
  };

  return {
    name,
    type: 'prometheus',
    ...(config.maxConcurrent ? { maxConcurrent: config.maxConcurrent } : {}),
    check(metric, templates, known) {
      checkPromqlQuery(metric, templates, known);
    },
    fetchAll,
    async fetch(req: FetchRequest): Promise<Series> {
      const all = await fetchAll(req);
      const what = `metric ${req.metric.name} (${req.side === 'control' ? 'baseline' : 'canary'} ${req.scope})`;
      if (all.length > 1) {
        const labels = all
          .slice(0, 3)
          .map((r) => JSON.stringify(r.tags))
          .join(', ');
        throw new MetricSourceError(
          'MULTIPLE_SERIES',
          `${what}: the query returned ${all.length} series where one is expected (aggregate it, e.g. sum(...)): ${labels}`,
        );
      }
      return onlySeries(all, what); // fetchAll already answered NO_SERIES (quoting the query) for an empty answer
    },
  };
}
