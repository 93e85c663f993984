/**
 * Stand-in Prometheus: answers `GET /api/v1/query_range` with a matrix; the scope is the first quoted label value of
 * the query (`latency{deployment="<scope>"}`).
 */
import { defineStandIn, type StandIn } from './types';

/** The Prometheus stand-in (see the module comment). */
export const prometheusStandIn: StandIn = defineStandIn('prometheus', {
  query: (metricName) => ({ customInlineTemplate: `PromQL:${metricName}{deployment="\${scope}"}` }),
  respond: (req, data) => {
    const url = new URL(req.url, 'http://stand-in');
    if (url.pathname !== '/api/v1/query_range') return { status: 400, body: { status: 'error', error: url.pathname } };
    const scope = /"([^"]*)"/.exec(url.searchParams.get('query') ?? '')?.[1] ?? '';
    const s = data(
      scope,
      Number(url.searchParams.get('start')) * 1000,
      Number(url.searchParams.get('end')) * 1000,
      Number.parseFloat(url.searchParams.get('step') ?? '60'),
    );
    const values = s.timestamps.map((t, i) => [t / 1000, String(s.values[i])]);
    return {
      status: 200,
      body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } },
    };
  },
});
