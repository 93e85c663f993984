/**
 * Stand-in for Wavefront's chart query API (`GET /api/v2/chart/api?n&q&s&e&g&summarization&listMode&strict&sorted`,
 * token in `Authorization: Bearer …`), answering in its documented shape: `{name, query, granularity, stats,
 * timeseries: [{label, host, tags: {k: v}, data: [[epoch seconds, value]]}]}`; nothing matched → no `timeseries`.
 * Reference: https://docs.wavefront.com/wavefront_api.html
 *
 * Queries it understands: `[<aggr>(]ts(<metric>[, <scope>])[, <tagKey>][)]` — what Kayenta builds, plus an
 * optional group-by tag key, which answers one series per value in {@link WAVEFRONT_GROUPS} (tags
 * `{<tagKey>: value}`, data of scope `<scope> and <tagKey>=<value>`). Points come every `g` (s, m, h, d); a
 * non-finite data value is left out (Wavefront's gap).
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The API token the stand-in accepts. */
export const WAVEFRONT_TOKEN = 'wf-token-for-tests';
/** The group values a grouped query answers, one series each. */
export const WAVEFRONT_GROUPS = ['h1', 'h2'];

const GRANULARITY: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** The parts of a chart query the stand-in understands, or undefined. */
export function parseWavefrontQuery(
  q: string,
): { aggregate: string | undefined; metric: string; scope: string; groupBy: string | undefined } | undefined {
  const m = /^(?:(\w+)\()?ts\(([\w.]+)(?:,\s*([^)]*))?\)(?:,\s*(\w+))?(\))?$/.exec(q.trim());
  if (!m || Boolean(m[1]) !== Boolean(m[5]) || (m[4] !== undefined && !m[1])) return undefined;
  return { aggregate: m[1], metric: m[2] as string, scope: (m[3] ?? '').trim(), groupBy: m[4] };
}

/** The Wavefront stand-in. */
export const wavefrontStandIn: StandIn = defineStandIn('wavefront', {
  settings: () => ({ apiToken: WAVEFRONT_TOKEN, timeoutMs: 5000 }),
  query: (metricName) => ({ metricName, aggregate: 'avg', summarization: 'MEAN' }),
  respond(req: StubRequest, data: StandInData): StubResponse {
    const url = new URL(req.url, 'http://stand-in');
    if (req.method !== 'GET' || url.pathname !== '/api/v2/chart/api') {
      return { status: 404, body: { status: { result: 'ERROR', message: `no route ${url.pathname}`, code: 404 } } };
    }
    if (req.headers['authorization'] !== `Bearer ${WAVEFRONT_TOKEN}`) {
      return { status: 401, body: { status: { result: 'ERROR', message: 'Unauthorized', code: 401 } } };
    }
    const p = url.searchParams;
    const q = p.get('q') ?? '';
    const parsed = parseWavefrontQuery(q);
    const s = Number(p.get('s'));
    const e = Number(p.get('e'));
    const step = GRANULARITY[p.get('g') ?? ''];
    if (!parsed || !step || !Number.isInteger(s) || !Number.isInteger(e) || e < s) {
      return { status: 400, body: { message: `Query syntax error: ${q} (s=${s}, e=${e}, g=${p.get('g')})` } };
    }
    if (p.get('listMode') !== 'true' || p.get('strict') !== 'true' || p.get('sorted') !== 'true') {
      return { status: 400, body: { message: 'the stand-in expects listMode, strict and sorted = true' } };
    }
    const groups = parsed.groupBy ? WAVEFRONT_GROUPS : [undefined];
    const timeseries = groups
      .map((group) => {
        const scope = group ? `${parsed.scope} and ${parsed.groupBy}=${group}` : parsed.scope;
        const d = data(scope, s, e, step);
        const points: Array<[number, number]> = [];
        d.timestamps.forEach((t, i) => {
          const v = d.values[i] as number;
          if (Number.isFinite(v)) points.push([Math.floor(t / 1000), v]);
        });
        return {
          label: parsed.metric,
          host: parsed.aggregate ? undefined : 'web-1',
          tags: group ? { [parsed.groupBy as string]: group } : {},
          data: points,
        };
      })
      .filter((t) => t.data.length > 0);
    return {
      status: 200,
      body: {
        name: p.get('n'),
        query: q,
        granularity: step,
        stats: { keys: timeseries.length, points: timeseries.reduce((n, t) => n + t.data.length, 0) },
        ...(timeseries.length > 0 ? { timeseries } : {}),
      },
    };
  },
});
