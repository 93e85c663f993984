/**
 * Small rules every Kayenta-style source applies to a metric's query config: the config must be written for this
 * store (`query.type`, when set), and the placeholder values of one fetch in Kayenta's order. The templates
 * themselves are `kayenta-custom-filter.ts`.
 */
import { MetricSourceError, type FetchRequest } from './port';

type Metric = FetchRequest['metric'];

/**
 * The error for a metric whose query config breaks a rule: `BAD_QUERY`, the message naming the metric first.
 * @param metric the canary config metric
 * @param rule what is wrong, naming the query field (e.g. `query.q is required`)
 * @returns the error to throw (a 400 at judgment creation, a failed metric at fetch time)
 */
export function badQuery(metric: Metric, rule: string): MetricSourceError {
  return new MetricSourceError('BAD_QUERY', `metric ${metric.name}: ${rule}`);
}

/**
 * Refuses a query config written for another store: `query.type`, when set, must be `type` (Kayenta picks the
 * store's query-config class by it).
 * @param metric the canary config metric
 * @param type this source's type
 * @throws MetricSourceError `BAD_QUERY` naming `query.type`
 */
export function checkQueryType(metric: Metric, type: string): void {
  const t = metric.query?.['type'];
  if (t !== undefined && t !== type) {
    throw badQuery(
      metric,
      `query.type is ${JSON.stringify(t)}, but this is a ${type} source: use a ${type} query config`,
    );
  }
}

/**
 * The placeholder values of one fetch, in the order of spinnaker/kayenta `QueryConfigUtils.expandCustomFilter`:
 * the store's base scope attributes (empty ones are left out, so a template using them is refused), Canary Judge's
 * `side` and `metricName`, then the `extendedScopeParams`, which win.
 * @param req the fetch
 * @param base the store's base attributes, e.g. `{scope, location}`
 */
export function templateBindings(req: FetchRequest, base: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { side: req.side, metricName: req.metric.name };
  for (const [k, v] of Object.entries(base)) if (v !== undefined && v !== '') out[k] = v;
  return { ...out, ...req.params };
}
