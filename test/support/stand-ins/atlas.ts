/**
 * A stand-in for Atlas's graph API: `GET /api/v1/graph?q&s&e&step&format=std.json`. It reads the metric from the
 * expression's `name,<metric>,:eq` and the scope from Kayenta's common query `:list,(,nf.cluster,<scope>,:eq,:cq,),:each`,
 * the window from `s`/`e` (epoch ms) and the step from `step` (ISO 8601, e.g. `PT1M`), and answers the documented
 * graph JSON: `start`, `step`, `legend`, one `metrics` tag object per line and `values` rows; NaN is written `"NaN"`
 * as in `std.json` (or bare, as in `json`, when asked for `format=json`). No points → Atlas's `NO DATA` line.
 *
 * Reference: https://netflix.github.io/atlas-docs/api/graph/outputs
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** Seconds of an ISO 8601 duration like `PT1M30S`, or NaN. */
export function isoSeconds(text: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(text);
  if (!m || text === 'PT') return NaN;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/**
 * A graph JSON document of one line.
 * @param series the points
 * @param tags the line's tags
 * @param stepMs the step
 * @param bareNaN write NaN unquoted (Atlas's `json` format) instead of `"NaN"` (`std.json`)
 */
export function atlasGraph(
  series: { timestamps: number[]; values: number[] },
  tags: Record<string, string>,
  stepMs: number,
  bareNaN = false,
): string {
  const empty = series.timestamps.length === 0;
  const doc = {
    start: empty ? 0 : series.timestamps[0],
    step: stepMs,
    legend: [empty ? 'NO DATA' : String(tags['name'] ?? 'line')],
    metrics: [empty ? { name: 'NO_DATA', 'atlas.offset': '0w' } : { ...tags, 'atlas.offset': '0w' }],
    values: series.values.map((v) => [Number.isFinite(v) ? v : 'NaN']),
    notices: [],
  };
  const text = JSON.stringify(doc, null, 2);
  return bareNaN ? text.replace(/"NaN"/g, 'NaN') : text;
}

/**
 * Answers a graph request with `data` for the cluster in its expression.
 * @param req the request
 * @param data the points to serve
 */
export function respondAtlasGraph(req: StubRequest, data: StandInData): StubResponse {
  const url = new URL(req.url, 'http://stand-in');
  if (req.method !== 'GET' || url.pathname !== '/api/v1/graph') {
    return { status: 404, body: { type: 'error', message: `unexpected ${req.method} ${url.pathname}` } };
  }
  const q = url.searchParams;
  const expr = q.get('q') ?? '';
  const metric = /(?:^|,)name,([^,]+),:eq/.exec(expr)?.[1];
  const scope = /:list,\(,nf\.cluster,([^,]+),:eq,:cq,\),:each$/.exec(expr)?.[1];
  const s = Number(q.get('s'));
  const e = Number(q.get('e'));
  const step = isoSeconds(q.get('step') ?? '');
  const format = q.get('format');
  if (!metric || !scope || !(s > 0) || !(e > s) || !(step > 0) || (format !== 'std.json' && format !== 'json')) {
    return {
      status: 400,
      body: { type: 'error', message: `cannot read metric, cluster, s, e, step from ${url.search}` },
    };
  }
  const series = data(scope, s, e, step);
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: atlasGraph(series, { name: metric, 'nf.cluster': scope }, step * 1000, format === 'json'),
  };
}

/** The Atlas stand-in (see the module comment). */
export const atlasStandIn: StandIn = defineStandIn('atlas', {
  // Kayenta's sample Atlas config (kayenta-atlas …/controllers/sample-config.json): `q` only, the scope appended.
  query: (metricName) => ({ q: `name,${metricName},:eq,:avg` }),
  respond: respondAtlasGraph,
});
