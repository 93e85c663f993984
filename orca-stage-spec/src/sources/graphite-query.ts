/**
 * The Graphite render target for one metric and scope, from Kayenta's Graphite query config (`type: "graphite"`), so
 * that canary configs written for Kayenta's Graphite metrics store work here unchanged. Rules (Kayenta's
 * `GraphiteMetricsService.buildQuery` and `AbstractCanaryMetricSetQueryConfig`, restated):
 *
 * 1. `query.template` (Kayenta's current name) or `query.customInlineTemplate` (its older name, still read): the
 *    whole target, with `${scope}`, `${location}` and every `extendedScopeParams` key expanded (Kayenta expands it
 *    with FreeMarker through `QueryConfigUtils`).
 * 2. Otherwise `query.customFilterTemplate`: the name of an entry of `canaryConfig.templates`, expanded the same way.
 * 3. Otherwise `query.metricName` (Kayenta's original, now deprecated field): the whole target, with every literal
 *    `$scope` replaced by the scope and every `$location` by the location. As an extension, `${…}` placeholders
 *    are expanded there too (Kayenta would send them to Graphite unexpanded, which matches nothing).
 *
 * Kayenta's stored, escaped form `$\{…}` is read as `${…}`. Values are inserted as they are (Graphite paths have no
 * quoting), like Kayenta. A placeholder without a value
 * (e.g. `$location` or `${location}` in a judgment without a location) is refused (`BAD_QUERY`) instead of being
 * sent literally. References: spinnaker/kayenta `kayenta-graphite` (`GraphiteMetricsService.java`,
 * `GraphiteCanaryMetricSetQueryConfig.java`), `kayenta-core` `QueryConfigUtils.java`.
 */
import { wholeQueryTemplateOf } from './kayenta-custom-filter';
import { badQuery, checkQueryType, queryText, type Metric } from './query-config';
import { expandTemplate, placeholdersOf, unknownPlaceholder } from './template';

/** The `type` of Kayenta's Graphite query config (`GraphiteCanaryMetricSetQueryConfig.SERVICE_TYPE`). */
export const GRAPHITE_QUERY_TYPE = 'graphite';

/** Where a metric's target comes from: the query field (for messages) and its unexpanded text. */
export interface GraphiteTargetSource {
  /** The field, e.g. `query.template` or `canaryConfig.templates.cpu` (named by `query.customFilterTemplate`). */
  field: string;
  /** The unexpanded target text. */
  text: string;
  /** True for `query.metricName` (the `$scope` / `$location` replacement form). */
  legacy: boolean;
}

/**
 * Finds the target text of a metric (see the module comment for the order) and checks `query.type`.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @throws MetricSourceError `BAD_QUERY` naming the field at fault
 */
export function graphiteTargetSource(metric: Metric, templates: Record<string, string> = {}): GraphiteTargetSource {
  const q = metric.query ?? {};
  checkQueryType(metric, GRAPHITE_QUERY_TYPE);
  const template = wholeQueryTemplateOf(metric, templates);
  if (template !== undefined) return { ...template, legacy: false };
  const metricName = queryText(q, 'metricName');
  if (metricName !== undefined) return { field: 'query.metricName', text: metricName, legacy: true };
  throw badQuery(
    metric,
    'a Graphite query needs query.metricName, query.template (customInlineTemplate) or query.customFilterTemplate',
  );
}

/**
 * Checks a metric's Graphite query when a judgment is created (no expansion): `query.type`, a target field, and,
 * when `known` is given, that every `${…}` placeholder has a value.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param known the placeholder names the judgment supplies (absent = not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the field and the problem
 */
export function checkGraphiteQuery(
  metric: Metric,
  templates: Record<string, string> = {},
  known?: ReadonlySet<string>,
): void {
  const source = graphiteTargetSource(metric, templates);
  if (known) {
    const problem = unknownPlaceholder(source.text, source.field, known);
    if (problem) throw badQuery(metric, problem);
  }
}

/**
 * Builds the render target of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param values placeholder values: `scope`, `location` ('' or absent = none), extended scope params…
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config or a placeholder without a value
 */
export function buildGraphiteTarget(
  metric: Metric,
  templates: Record<string, string>,
  values: Record<string, string | undefined>,
): string {
  const source = graphiteTargetSource(metric, templates);
  // An empty value counts as none (Kayenta binds only non-empty scope attributes).
  const defined: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== '') defined[k] = v;
  const missing = (name: string) =>
    badQuery(
      metric,
      `${source.field} uses ${name}, which has no value in this judgment (known: ${Object.keys(defined).join(', ')})`,
    );
  if (!source.legacy) {
    const absent = placeholdersOf(source.text).find((p) => defined[p] === undefined);
    if (absent !== undefined) throw missing(`\${${absent}}`);
    return expandTemplate(source.text, defined, (v) => v);
  }
  // One pass over `${name}`, `$scope` and `$location`, so an inserted value is never expanded again.
  return source.text.replace(/\$\{([^}]*)\}|\$(scope|location)/g, (whole, braced?: string, bare?: string) => {
    const name = (braced ?? bare ?? '').trim();
    const v = defined[name];
    if (v === undefined) throw missing(braced !== undefined ? `\${${name}}` : whole);
    return v;
  });
}

/**
 * A series name with the judgment's scope (and location) put back as `$scope` (`$location`), so that the baseline's
 * `servers.checkout-baseline.5xx` and the canary's `servers.checkout-canary.5xx` get the same tag and are paired.
 * One pass, the longer value first where both match; empty values are ignored.
 * @param target the series name Graphite answered
 * @param scope the fetch's scope
 * @param location the fetch's location, if any
 */
export function normaliseTarget(target: string, scope: string, location: string | undefined): string {
  const names = new Map<string, string>();
  if (scope !== '') names.set(scope, '$scope');
  if (location && !names.has(location)) names.set(location, '$location');
  if (names.size === 0) return target;
  const alternatives = [...names.keys()]
    .sort((a, b) => b.length - a.length)
    .map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return target.replace(new RegExp(alternatives.join('|'), 'g'), (hit) => names.get(hit) ?? hit);
}
