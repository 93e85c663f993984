/**
 * The `influxdb` metric source (InfluxDB 1.x): one `GET /query?db=…&q=…&epoch=ms` per metric and side, the InfluxQL
 * built from Kayenta's InfluxDB query config (`influxdb-query.ts`). The database is the source's `database` setting,
 * else the metric's name, which is what Kayenta sends as `db` (`InfluxDbMetricsService` passes the canary metric's
 * name; a measurement can also be qualified in the statement, `"db"."rp"."measurement"`).
 *
 * Answer: `{results: [{series: [{name, tags?, columns: ["time", …], values: [[ms, …], …]}]}]}`. Every value column
 * of every series is one metric-set pair, tagged like Kayenta's: `field` (the column, e.g. `mean`) plus the series'
 * `GROUP BY` tags (Kayenta reads only the first series; here each one is judged). `null` values are left out, as
 * Kayenta's `InfluxDbResponseConverter` does (so `GROUP BY time()` buckets without data do not count; under the
 * default NaN strategy "remove" this is the same as NaN). No series (`results[0]` without `series`) is `[]`, never
 * an error: the service turns it into Kayenta's "no data". `results[0].error` (e.g. "database not found") is
 * `BAD_QUERY`; a string or boolean field value is `BAD_QUERY` too (select numeric fields).
 *
 * Credentials: `username` / `password` as HTTP Basic authentication in the `Authorization` header, InfluxDB 1.x's
 * documented alternative to the `u`/`p` query parameters (which proxies log). Errors are `http-client.ts`'s
 * (InfluxDB answers 400 with `{"error": …}` for a statement it cannot parse: `BAD_QUERY` quoting it).
 *
 * Reference: https://docs.influxdata.com/influxdb/v1/tools/api/#query-http-endpoint and
 * https://docs.influxdata.com/influxdb/v1/administration/authentication_and_authorization/.
 */
import { basicAuthHeaders, rejectedQuery, type SourceHttpSettings } from './http-client';
import { buildInfluxQuery, checkInfluxQuery } from './influxdb-query';
import { MetricSourceError, type MetricSource, type TaggedSeries } from './port';
import { assembleHttpSource, buildOrBadQuery } from './assemble';

/** Operator settings of one InfluxDB source (from the service config file, never from a request). */
export interface InfluxdbSourceConfig extends SourceHttpSettings {
  /** InfluxDB's base URL, e.g. `http://influxdb.monitoring:8086` (a path prefix is kept). */
  baseUrl: string;
  /** The database to query (`db`); default: the metric's name, as Kayenta does. */
  database?: string;
  /** User name for HTTP Basic authentication (a credential: also `usernameFile` / `usernameEnv`). */
  username?: string;
  /** Password for HTTP Basic authentication (a credential: also `passwordFile` / `passwordEnv`). */
  password?: string;
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/**
 * Reads a `/query` answer into tagged series (see the module comment); a malformed part is `UPSTREAM_ERROR` naming
 * it, an error InfluxDB reports for the statement is `BAD_QUERY`.
 * @param body the parsed answer
 * @param what the message prefix ({@link describeFetch})
 * @param query the statement sent, quoted at the end of `BAD_QUERY` messages
 */
export function readInfluxAnswer(body: unknown, what: string, query?: string): TaggedSeries[] {
  const sent = query === undefined ? '' : `; query ${JSON.stringify(query)}`;
  const b = body as { results?: unknown; error?: unknown };
  if (typeof b !== 'object' || b === null || Array.isArray(b)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: InfluxDB answered ${shortJson(body)}, expected {results}`);
  }
  if (typeof b.error === 'string') {
    throw new MetricSourceError('BAD_QUERY', `${what}: InfluxDB refused the query: ${b.error}${sent}`);
  }
  if (!Array.isArray(b.results) || b.results.length === 0) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: unexpected answer from InfluxDB: ${shortJson(body)} has no results`,
    );
  }
  const first = b.results[0] as { series?: unknown; error?: unknown };
  if (typeof first !== 'object' || first === null) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: InfluxDB results[0] is ${shortJson(first)}`);
  }
  if (typeof first.error === 'string') {
    throw new MetricSourceError('BAD_QUERY', `${what}: InfluxDB refused the query: ${first.error}${sent}`);
  }
  if (first.series === undefined || first.series === null) return [];
  if (!Array.isArray(first.series)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: InfluxDB results[0].series is not a list`);
  }
  const out: TaggedSeries[] = [];
  first.series.forEach((raw: unknown, i: number) => {
    const at = `results[0].series[${i}]`;
    const s = raw as { tags?: unknown; columns?: unknown; values?: unknown };
    if (
      typeof s !== 'object' ||
      s === null ||
      !Array.isArray(s.columns) ||
      s.columns.some((c) => typeof c !== 'string') ||
      s.columns[0] !== 'time' ||
      (s.values !== undefined && !Array.isArray(s.values))
    ) {
      throw new MetricSourceError(
        'UPSTREAM_ERROR',
        `${what}: InfluxDB ${at} is ${shortJson(raw)}, expected {columns: ["time", …], values: [[time, …], …]}`,
      );
    }
    const tags: Record<string, string> = {};
    if (s.tags !== undefined && s.tags !== null) {
      if (typeof s.tags !== 'object' || Array.isArray(s.tags)) {
        throw new MetricSourceError('UPSTREAM_ERROR', `${what}: InfluxDB ${at}.tags is ${shortJson(s.tags)}`);
      }
      for (const [k, v] of Object.entries(s.tags as Record<string, unknown>)) tags[k] = String(v ?? '');
    }
    const columns = s.columns as string[];
    const rows = (s.values ?? []) as unknown[];
    const times = rows.map((row, j) => {
      const t = Array.isArray(row) ? row[0] : undefined;
      const ms = typeof t === 'number' ? t : typeof t === 'string' ? Date.parse(t) : NaN;
      if (!Array.isArray(row) || row.length !== columns.length || !Number.isFinite(ms)) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: InfluxDB ${at}.values[${j}] is ${shortJson(row)}, expected [time, …] with ${columns.length} columns`,
        );
      }
      return ms;
    });
    for (let c = 1; c < columns.length; c++) {
      const series: TaggedSeries = { timestamps: [], values: [], tags: { field: columns[c] as string, ...tags } };
      rows.forEach((row, j) => {
        const v = (row as unknown[])[c];
        if (v === null) return; // Kayenta leaves nulls out
        if (typeof v !== 'number') {
          throw new MetricSourceError(
            'BAD_QUERY',
            `${what}: InfluxDB column "${columns[c]}" holds ${shortJson(v)}, not a number; select numeric fields (query.fields or the template)${sent}`,
          );
        }
        series.timestamps.push(times[j] as number);
        series.values.push(v);
      });
      out.push(series);
    }
  });
  return out;
}

/**
 * Creates an InfluxDB 1.x source.
 * @param name the name requests use
 * @param config base URL, database, credentials and limits from the operator's configuration
 */
export function createInfluxdbSource(name: string, config: InfluxdbSourceConfig): MetricSource {
  return assembleHttpSource(name, config, {
    type: 'influxdb',
    label: 'InfluxDB',
    headers: basicAuthHeaders(config.username, config.password),
    check(metric, templates) {
      checkInfluxQuery(metric, templates);
    },
    query: (req, what) =>
      buildOrBadQuery(
        what,
        () =>
          buildInfluxQuery(req.metric, req.templates ?? {}, {
            scope: req.scope,
            startMs: req.startMs,
            endMs: req.endMs,
            stepSeconds: req.stepSeconds,
          }),
        req.metric.name,
      ),
    request: (q, req, what) => {
      const db = config.database ?? req.metric.name;
      return {
        path: '/query',
        params: { db, q, epoch: 'ms' },
        mapStatus: rejectedQuery(
          what,
          'InfluxDB rejected the query',
          `database ${JSON.stringify(db)}, query ${JSON.stringify(q)}`,
        ),
      };
    },
    read: (data, q, _req, what) => readInfluxAnswer(data, what, q),
  });
}
