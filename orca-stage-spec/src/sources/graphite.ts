/**
 * The `graphite` metric source: one `GET /render?target=…&from=…&until=…&format=json` per metric and side, the
 * target built from Kayenta's Graphite query config (`graphite-query.ts`). `from` and `until` are the window's
 * epoch seconds, as Kayenta sends them (Graphite answers the points after `from` up to and including `until`, at the
 * storage's own resolution; the judgment's step is not sent: Graphite's render API has none).
 *
 * Answer: `[{target, datapoints: [[value, epochSeconds], …]}, …]`. A `null` value (a gap) becomes NaN, as in
 * Kayenta's `GraphiteResults`. An empty array (no series matched) is `[]`, never an error: the service turns it into
 * Kayenta's "no data". Several series (a wildcard, `groupByNode`…) are one metric-set pair each, tagged
 * `{target: <name>}` with the scope and location in the name written back as `$scope` / `$location`
 * (`normaliseTarget`), so the baseline's and the canary's series pair up; a single series has no tags (Kayenta's
 * Graphite metric sets carry none).
 *
 * Credentials: none by default (Graphite has no authentication of its own); `username` / `password` send HTTP
 * Basic authentication for a Graphite behind a proxy that asks for it. Errors are `http-client.ts`'s; a malformed
 * answer is `UPSTREAM_ERROR` naming the part that was wrong.
 *
 * Reference: https://graphite.readthedocs.io/en/latest/render_api.html (`target`, `from`/`until`, `format=json`).
 */
import { basicAuthHeaders, rejectedQuery, type SourceHttpSettings } from './http-client';
import { buildGraphiteTarget, checkGraphiteQuery, normaliseTarget } from './graphite-query';
import { MetricSourceError, type MetricSource, type TaggedSeries } from './port';
import { assembleHttpSource, buildOrBadQuery } from './assemble';

/** Operator settings of one Graphite source (from the service config file, never from a request). */
export interface GraphiteSourceConfig extends SourceHttpSettings {
  /** graphite-web's base URL, e.g. `http://graphite.internal:8080` (a path prefix is kept). */
  baseUrl: string;
  /** HTTP Basic user name, for a Graphite behind an authenticating proxy (with `password`). */
  username?: string;
  /** HTTP Basic password (a credential: also `passwordFile` / `passwordEnv`). */
  password?: string;
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/**
 * Reads a render answer (`format=json`) into tagged series; every malformed part is an `UPSTREAM_ERROR` naming it.
 * Tags: none for a single series, else `{target}` with the scope and location normalised ({@link normaliseTarget});
 * when two names normalise alike, the raw names are used instead.
 * @param body the parsed answer
 * @param what the message prefix ({@link describeFetch})
 * @param scope the fetch's scope (for tags)
 * @param location the fetch's location (for tags)
 */
export function readRender(body: unknown, what: string, scope: string, location: string | undefined): TaggedSeries[] {
  if (!Array.isArray(body)) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: Graphite answered ${shortJson(body)}, expected a JSON array of {target, datapoints}`,
    );
  }
  const read = body.map((item: unknown, i: number) => {
    const s = item as { target?: unknown; datapoints?: unknown };
    if (typeof s !== 'object' || s === null || typeof s.target !== 'string' || !Array.isArray(s.datapoints)) {
      throw new MetricSourceError(
        'UPSTREAM_ERROR',
        `${what}: Graphite answer [${i}] is ${shortJson(item)}, expected {target: string, datapoints: [...]}`,
      );
    }
    const timestamps: number[] = [];
    const values: number[] = [];
    s.datapoints.forEach((point: unknown, j: number) => {
      const p = point as unknown[];
      if (
        !Array.isArray(p) ||
        p.length < 2 ||
        typeof p[1] !== 'number' ||
        (p[0] !== null && typeof p[0] !== 'number')
      ) {
        throw new MetricSourceError(
          'UPSTREAM_ERROR',
          `${what}: Graphite answer [${i}].datapoints[${j}] is ${shortJson(point)}, expected [value or null, epochSeconds]`,
        );
      }
      timestamps.push(Math.round(p[1] * 1000));
      values.push(typeof p[0] === 'number' && Number.isFinite(p[0]) ? p[0] : NaN);
    });
    return { target: s.target, timestamps, values };
  });
  if (read.length === 1) {
    const [one] = read as [(typeof read)[number]];
    return [{ timestamps: one.timestamps, values: one.values, tags: {} }];
  }
  const names = read.map((s) => normaliseTarget(s.target, scope, location));
  const unique = new Set(names).size === names.length;
  return read.map((s, i) => ({
    timestamps: s.timestamps,
    values: s.values,
    tags: { target: unique ? (names[i] as string) : s.target },
  }));
}

/**
 * Creates a Graphite source.
 * @param name the name requests use
 * @param config base URL, limits and optional Basic credentials from the operator's configuration
 */
export function createGraphiteSource(name: string, config: GraphiteSourceConfig): MetricSource {
  return assembleHttpSource(name, config, {
    type: 'graphite',
    label: 'Graphite',
    headers: basicAuthHeaders(config.username, config.password),
    check: checkGraphiteQuery,
    query: (req, what) =>
      buildOrBadQuery(
        what,
        () =>
          buildGraphiteTarget(req.metric, req.templates ?? {}, {
            ...req.params,
            scope: req.scope,
            location: req.location,
          }),
        req.metric.name,
      ),
    request: (target, req, what) => ({
      path: '/render',
      params: {
        target,
        from: Math.floor(req.startMs / 1000),
        until: Math.floor(req.endMs / 1000),
        format: 'json',
      },
      mapStatus: rejectedQuery(what, 'Graphite rejected the target', `target ${JSON.stringify(target)}`),
    }),
    read: (data, _target, req, what) => readRender(data, what, req.scope, req.location),
  });
}
