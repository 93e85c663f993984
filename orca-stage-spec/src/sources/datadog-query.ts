/**
 * The Datadog metrics query of one metric and scope, from Kayenta's Datadog query config (`type: "datadog"`), so
 * that canary configs written for Kayenta's Datadog metrics store work here unchanged. Rules (spinnaker/kayenta
 * `DatadogMetricsService.buildQuery` and `DatadogCanaryMetricSetQueryConfig`, restated):
 *
 * 1. A custom template (`customInlineTemplate`, else `templates[customFilterTemplate]`) expanded with `${scope}`,
 *    `${location}` and the `extendedScopeParams` is the whole query (it may hold several metrics and arithmetic,
 *    e.g. `sum:app.errors{${scope}}/sum:app.requests{${scope}}`).
 * 2. Otherwise the query is `<metricName>{<scope>}`: the scope is Datadog's tag filter, e.g.
 *    `kube_namespace:checkout-canary`, and `metricName` may carry the space aggregator (`avg:`, `sum:` …).
 *
 * Reference: https://docs.datadoghq.com/api/latest/metrics/#query-timeseries-points
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import { MetricSourceError, type FetchRequest } from './port';
import { queryCheck, queryText, templateBindings, type Metric } from './query-config';

/** The `type` of Kayenta's Datadog query config, and of the source. */
export const DATADOG_TYPE = 'datadog';

/** Placeholder names Kayenta's Datadog service fills from the scope (`baseScopeAttributes`). */
export const DATADOG_SCOPE_ATTRIBUTES = ['scope', 'location'] as const;

function metricNameOf(metric: Metric): string | undefined {
  return queryText(metric.query ?? {}, 'metricName')?.trim();
}

/**
 * Checks that a metric's query config can make a Datadog query (without a scope), for a 400 at creation time.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies (absent = placeholders are not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the problem
 */
export const checkDatadogQuery = queryCheck(DATADOG_TYPE, (metric, _q, templates, known) => {
  const custom = customTemplateOf(metric, templates);
  if (custom === undefined && metricNameOf(metric) === undefined) {
    throw new MetricSourceError(
      'BAD_QUERY',
      `metric ${metric.name}: a Datadog query needs query.metricName, query.customInlineTemplate or query.customFilterTemplate`,
    );
  }
  if (custom !== undefined && known !== undefined) checkCustomTemplate(metric, custom, known);
});

/**
 * Builds the Datadog query of one fetch (see the module comment).
 * @param req the fetch (metric, scope, location, extended scope params, templates)
 * @example buildDatadogQuery({ metric: { query: { metricName: 'avg:trace.http.request.duration' } }, scope: 'env:canary', … })
 *   // 'avg:trace.http.request.duration{env:canary}'
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config or a placeholder without a value
 */
export function buildDatadogQuery(req: FetchRequest): string {
  checkDatadogQuery(req.metric, req.templates);
  const template = customTemplateOf(req.metric, req.templates);
  const custom =
    template &&
    expandCustomTemplate(req.metric, template, templateBindings(req, { scope: req.scope, location: req.location }));
  if (custom !== undefined && custom.trim() !== '') return custom;
  const metricName = metricNameOf(req.metric);
  if (metricName === undefined) {
    throw new MetricSourceError(
      'BAD_QUERY',
      `metric ${req.metric.name}: the custom template expanded to an empty query`,
    );
  }
  return `${metricName}{${req.scope}}`;
}
