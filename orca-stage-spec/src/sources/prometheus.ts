/**
 * The `prometheus` metric source: one `GET /api/v1/query_range` per metric and side (axios). The query comes
 * from the metric's `query.promql` template or from Kayenta's Prometheus query config (`customInlineTemplate`,
 * `customFilterTemplate`, `metricName`, `labelBindings`, `groupByFields`, `resourceType`; see `kayenta-promql.ts`),
 * expanded with `${scope}`, `${location}`, `${side}`, `${metricName}` and every `extendedScopeParams` key.
 * Exactly one series is expected per query: aggregate in PromQL (e.g. `sum(rate(…))`).
 *
 * Errors (one per failure, each naming metric and side): `PROMETHEUS_UNREACHABLE` (connection failure or 5xx),
 * `TIMEOUT` (client timeout or Prometheus 503), `BAD_QUERY` (400/422, missing or bad template), `NO_SERIES`,
 * `MULTIPLE_SERIES`, `UPSTREAM_ERROR` (a 200 answer that is not a matrix).
 *
 * Reference: https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
 */
import axios, { type AxiosInstance } from 'axios';
import { MetricSourceError, type FetchRequest, type MetricSource, type Series } from './port';
import { buildPromql, checkPromqlQuery } from './kayenta-promql';

/** Operator settings of one Prometheus source (from the service config file, never from a request). */
export interface PrometheusSourceConfig {
  /** Base URL, e.g. `http://127.0.0.1:9090` (a path prefix is kept). */
  baseUrl: string;
  /** Client timeout per query, milliseconds (default 10000); also sent to Prometheus as `timeout`. */
  timeoutMs?: number;
  /** Extra request headers (e.g. an `Authorization` for a proxy). */
  headers?: Record<string, string>;
  /** Largest answer accepted, bytes (default 64 MiB); a larger one is an `UPSTREAM_ERROR`. */
  maxResponseBytes?: number;
}

interface PromMatrixAnswer {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }> };
}

/**
 * Creates a Prometheus source.
 * @param name the name requests use
 * @param config base URL, timeout and headers from the operator's configuration
 */
export function createPrometheusSource(name: string, config: PrometheusSourceConfig): MetricSource {
  const timeoutMs = config.timeoutMs ?? 10_000;
  const maxResponseBytes = config.maxResponseBytes ?? 64 * 1024 * 1024;
  const http: AxiosInstance = axios.create({
    baseURL: config.baseUrl.replace(/\/+$/, ''),
    timeout: timeoutMs,
    headers: config.headers ?? {},
    validateStatus: () => true,
    maxRedirects: 0,
    proxy: false,
    maxContentLength: maxResponseBytes,
  });

  return {
    name,
    type: 'prometheus',
    check(metric, templates) {
      checkPromqlQuery(metric, templates);
    },
    async fetch(req: FetchRequest): Promise<Series> {
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
      let res;
      try {
        res = await http.get<PromMatrixAnswer>('/api/v1/query_range', {
          params: {
            query,
            start: (req.startMs / 1000).toFixed(3),
            end: (req.endMs / 1000).toFixed(3),
            step: `${req.stepSeconds}s`,
            timeout: `${Math.max(1, Math.floor(timeoutMs / 1000))}s`,
          },
        });
      } catch (e) {
        const err = e as { code?: string; message?: string };
        if (/maxContentLength/.test(err.message ?? '')) {
          throw new MetricSourceError(
            'UPSTREAM_ERROR',
            `${what}: Prometheus answered more than ${maxResponseBytes} bytes (maxResponseBytes); narrow the query`,
          );
        }
        if (err.code === 'ECONNABORTED' || err.code === 'ETIMEDOUT') {
          throw new MetricSourceError('TIMEOUT', `${what}: Prometheus did not answer within ${timeoutMs} ms`);
        }
        throw new MetricSourceError(
          'PROMETHEUS_UNREACHABLE',
          `${what}: cannot reach Prometheus at ${config.baseUrl} (${err.code ?? err.message ?? 'network error'})`,
        );
      }
      const body = res.data;
      const promError =
        typeof body === 'object' && body && body.error ? `: ${body.errorType ?? 'error'}: ${body.error}` : '';
      if (res.status === 400 || res.status === 422) {
        throw new MetricSourceError(
          'BAD_QUERY',
          `${what}: Prometheus rejected the query ${JSON.stringify(query)}${promError}`,
        );
      }
      if (res.status === 503) {
        throw new MetricSourceError('TIMEOUT', `${what}: Prometheus answered 503${promError}`);
      }
      if (res.status >= 500) {
        throw new MetricSourceError('PROMETHEUS_UNREACHABLE', `${what}: Prometheus answered ${res.status}${promError}`);
      }
      if (res.status !== 200 || typeof body !== 'object' || body === null || body.status !== 'success') {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: unexpected Prometheus answer (HTTP ${res.status})${promError}`,
        );
      }
      if (body.data?.resultType !== 'matrix' || !Array.isArray(body.data.result)) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: expected a matrix from query_range, got ${String(body.data?.resultType)}`,
        );
      }
      const result = body.data.result;
      if (result.length === 0) {
        throw new MetricSourceError('NO_SERIES', `${what}: the query returned no series: ${query}`);
      }
      if (result.length > 1) {
        const labels = result
          .slice(0, 3)
          .map((r) => JSON.stringify(r.metric ?? {}))
          .join(', ');
        throw new MetricSourceError(
          'MULTIPLE_SERIES',
          `${what}: the query returned ${result.length} series where one is expected (aggregate it, e.g. sum(...)): ${labels}`,
        );
      }
      const values = result[0]?.values ?? [];
      const series: Series = { timestamps: [], values: [] };
      for (const [ts, v] of values) {
        const n = Number(v);
        series.timestamps.push(Math.round(ts * 1000));
        series.values.push(Number.isFinite(n) ? n : NaN);
      }
      return series;
    },
  };
}
