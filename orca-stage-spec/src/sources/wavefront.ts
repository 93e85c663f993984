/**
 * The `wavefront` metric source: one `GET /api/v2/chart/api?n&q&s&e&g&summarization&listMode&strict&sorted` per
 * metric and side (Wavefront's chart query API, as Kayenta's `WavefrontRemoteService` calls it), the query built
 * from Kayenta's Wavefront query config (`wavefront-query.ts`), the API token in `Authorization: Bearer …`.
 *
 * Reading the answer, as Kayenta's `WavefrontMetricsService` / `WavefrontTimeSeries` do: each entry of `timeseries`
 * with points becomes one series tagged with its point tags (`tags`), its `[epoch seconds, value]` points laid on a
 * grid from its first to its last point every step (the judgment's), NaN where Wavefront has no point, points off
 * the grid skipped; an entry without points is left out. No `timeseries` (nothing matched) or an empty one is `[]`
 * — "no data" (Kayenta throws "No metrics returned" there). Entries with the same tags are told apart by their
 * `host` (source).
 *
 * Reference: https://docs.wavefront.com/wavefront_api.html; spinnaker/kayenta `WavefrontRemoteService`,
 * `WavefrontTimeSeries`, `WavefrontMetricsService`.
 */
import type { SourceHttpSettings } from './http-client';
import { MetricSourceError, type MetricSource, type Series, type TaggedSeries } from './port';
import { WAVEFRONT_TYPE, buildWavefrontQuery, checkWavefrontQuery, wavefrontGranularity } from './wavefront-query';
import { assembleHttpSource, buildOrBadQuery, readPointPairs } from './assemble';

/** Operator settings of one Wavefront source (from the service config file, never from a request). */
export interface WavefrontSourceConfig extends SourceHttpSettings {
  /** Your Wavefront cluster, e.g. `https://example.wavefront.com` (required: there is no common default). */
  baseUrl: string;
  /** API token (sent as `Authorization: Bearer <apiToken>`). */
  apiToken: string;
}

/** Most grid slots one series may span (a malformed answer must not make a huge array). */
export const MAX_WAVEFRONT_GRID_POINTS = 1_000_000;

interface WavefrontEntry {
  host?: unknown;
  label?: unknown;
  tags?: unknown;
  data?: unknown;
}

function pointsOf(entry: WavefrontEntry, what: string, i: number): Array<[number, number]> {
  return readPointPairs(entry.data, `timeseries[${i}].data`, '[epoch seconds, value]', what);
}

function tagsOf(entry: WavefrontEntry, what: string, i: number): Record<string, string> {
  if (entry.tags === undefined || entry.tags === null) return {};
  if (typeof entry.tags !== 'object' || Array.isArray(entry.tags)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: timeseries[${i}].tags is not an object`);
  }
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry.tags as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v);
  }
  return tags;
}

/**
 * Kayenta's adjusted point list: from the first point's time to the last's every `stepSeconds`, the value of the
 * point at exactly that time, else NaN.
 */
function gridOf(points: Array<[number, number]>, stepSeconds: number, what: string, i: number): Series {
  const first = points[0]?.[0] as number;
  const last = points[points.length - 1]?.[0] as number;
  if (last < first || (last - first) / stepSeconds > MAX_WAVEFRONT_GRID_POINTS) {
    throw new MetricSourceError(
      'UPSTREAM_ERROR',
      `${what}: timeseries[${i}] points are not in time order or span too much (${first}…${last} s)`,
    );
  }
  const byTime = new Map(points.map((p) => [p[0], p[1]]));
  const out: Series = { timestamps: [], values: [] };
  for (let t = first; t <= last; t += stepSeconds) {
    out.timestamps.push(t * 1000);
    out.values.push(byTime.get(t) ?? NaN);
  }
  return out;
}

/**
 * Reads a chart API answer into tagged series (see the module comment); every malformed part is an
 * `UPSTREAM_ERROR` naming it.
 * @param body the parsed answer
 * @param stepSeconds the judgment's step (the grid of every series)
 * @param what the message prefix ({@link describeFetch})
 */
export function readWavefrontAnswer(body: unknown, stepSeconds: number, what: string): TaggedSeries[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: the Wavefront answer is not a JSON object`);
  }
  const b = body as { timeseries?: unknown };
  if (b.timeseries === undefined || b.timeseries === null) return [];
  if (!Array.isArray(b.timeseries)) {
    throw new MetricSourceError('UPSTREAM_ERROR', `${what}: "timeseries" is not a list`);
  }
  const entries: Array<{ series: TaggedSeries; host: string }> = [];
  b.timeseries.forEach((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new MetricSourceError('UPSTREAM_ERROR', `${what}: timeseries[${i}] is not an object`);
    }
    const entry = raw as WavefrontEntry;
    const points = pointsOf(entry, what, i);
    const tags = tagsOf(entry, what, i);
    if (points.length === 0) return;
    const host = typeof entry.host === 'string' ? entry.host : String(i);
    entries.push({ series: { ...gridOf(points, stepSeconds, what, i), tags }, host });
  });
  const keys = entries.map((e) => JSON.stringify(Object.entries(e.series.tags).sort()));
  if (new Set(keys).size < keys.length) {
    for (const e of entries) e.series.tags = { ...e.series.tags, source: e.host };
  }
  return entries.map((e) => e.series);
}

/**
 * Creates a Wavefront source.
 * @param name the name requests use (`metricSource`)
 * @param config cluster URL, API token and limits from the operator's configuration
 */
export function createWavefrontSource(name: string, config: WavefrontSourceConfig): MetricSource {
  return assembleHttpSource(name, config, {
    type: WAVEFRONT_TYPE,
    label: 'Wavefront',
    headers: { Authorization: `Bearer ${config.apiToken}`, Accept: 'application/json' },
    check: checkWavefrontQuery,
    query: (req, what) => buildOrBadQuery(what, () => buildWavefrontQuery(req)),
    request: (q, req) => {
      const summarization = req.metric.query?.['summarization'];
      return {
        path: '/api/v2/chart/api',
        params: {
          n: `canary-judge ${req.metric.name}`,
          q,
          s: Math.round(req.startMs),
          e: Math.round(req.endMs),
          g: wavefrontGranularity(req.stepSeconds),
          summarization: typeof summarization === 'string' ? summarization : undefined,
          listMode: true,
          strict: true,
          sorted: true,
        },
      };
    },
    read: (data, _q, req, what) => readWavefrontAnswer(data, req.stepSeconds, what),
  });
}
