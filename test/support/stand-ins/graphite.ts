/**
 * Stand-in graphite-web for the `graphite` source: answers `GET /render?target=servers.<scope>.<metric>&from=…&
 * until=…&format=json` with `[{target, datapoints: [[value, epochSeconds], …]}]` (a NaN point is sent as `null`, as
 * Graphite sends a gap). Graphite's render API has no step parameter, so the stand-in serves its own resolution
 * ({@link GRAPHITE_STAND_IN_STEP_SECONDS}), the points after `from` up to `until`, like whisper.
 * Reference: https://graphite.readthedocs.io/en/latest/render_api.html#json
 */
import type { StubRequest, StubResponse } from '../stub-server';
import { defineStandIn, type StandIn, type StandInData } from './types';

/** The resolution the stand-in's "storage" has, seconds. */
export const GRAPHITE_STAND_IN_STEP_SECONDS = 60;

const TARGET = /^servers\.([^.]+)\.([A-Za-z0-9_-]+)$/;

function refuse(reason: string): StubResponse {
  return { status: 400, body: `graphite stand-in: ${reason}` };
}

/** The Graphite stand-in (see the module comment). */
export const graphiteStandIn: StandIn = defineStandIn('graphite', {
  query: (metricName) => ({ template: `servers.\${scope}.${metricName}` }),
  respond(req: StubRequest, data: StandInData): StubResponse {
    const url = new URL(req.url, 'http://stand-in');
    if (req.method !== 'GET' || url.pathname !== '/render') return refuse(`unexpected ${req.method} ${url.pathname}`);
    if (url.searchParams.get('format') !== 'json') return refuse('format=json is missing');
    const target = url.searchParams.get('target') ?? '';
    const match = TARGET.exec(target);
    if (!match) return refuse(`target ${JSON.stringify(target)} is not servers.<scope>.<metric>`);
    const from = Number(url.searchParams.get('from'));
    const until = Number(url.searchParams.get('until'));
    if (!Number.isInteger(from) || !Number.isInteger(until) || until < from) {
      return refuse('from/until must be epoch seconds with from <= until');
    }
    const step = GRAPHITE_STAND_IN_STEP_SECONDS;
    // whisper: the first point is the next step boundary after `from`; `until` is included when on a boundary.
    const first = (Math.floor(from / step) + 1) * step;
    const series = data(match[1] as string, first * 1000, until * 1000, step);
    const datapoints = series.timestamps.map((t, i) => {
      const v = series.values[i] as number;
      return [Number.isFinite(v) ? v : null, Math.round(t / 1000)];
    });
    return { status: 200, body: [{ target, tags: { name: target }, datapoints }] };
  },
});
