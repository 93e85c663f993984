/**
 * PromQL for one metric and scope, from either our plain template or Kayenta's Prometheus query config, so that
 * canary configs written for Kayenta's Prometheus metrics store work here unchanged. Rules (Kayenta's
 * `PrometheusMetricsService`, restated):
 *
 * 1. `query.promql` (Canary Judge's own form): the template, expanded.
 * 2. Otherwise the *custom filter* is `query.customInlineTemplate`, or the config's `templates[query.customFilterTemplate]`,
 *    expanded. When it starts with `PromQL:` the rest is the whole query.
 * 3. Otherwise the query is `avg(<metricName>{<filters>})`, followed by ` by (<groupByFields>)` when given. The
 *    filters are the custom filter's comma-separated parts followed by `labelBindings`; without a custom filter,
 *    `resourceType: "aws_ec2_instance"` adds `asg_groupName="<scope>"` and `zone=~"<location>.{1}"` (location
 *    required) after the label bindings. Without a custom filter or a supported resource type the query is refused.
 *
 * Difference: Kayenta turns a query answering several series (e.g. `groupByFields` over several jobs) into one
 * metric set pair per tag combination; this source expects exactly one series per query and answers
 * `MULTIPLE_SERIES` otherwise (group by a label with a single value, or aggregate further).
 *
 * Placeholders `${scope}`, `${location}`, `${side}`, `${metricName}` and every `extendedScopeParams` key are expanded;
 * values are escaped for PromQL double-quoted strings. Reference: spinnaker/kayenta `kayenta-prometheus`
 * (`PrometheusMetricsService.java`, `PrometheusCanaryMetricSetQueryConfig.java`).
 */
import { escapePromqlString, expandTemplate, unknownPlaceholder } from './template';
import { badQuery, queryText, type Metric } from './query-config';

function strings(q: Record<string, unknown>, key: string): string[] {
  const v = q[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
}

/** The unexpanded custom filter of a metric (inline, or a named config template), or undefined. */
function customFilterTemplate(metric: Metric, templates: Record<string, string>): string | undefined {
  const q = metric.query ?? {};
  const inline = queryText(q, 'customInlineTemplate');
  if (inline) return inline;
  const name = queryText(q, 'customFilterTemplate');
  if (!name) return undefined;
  const t = Object.prototype.hasOwnProperty.call(templates, name) ? templates[name] : undefined;
  if (t === undefined) {
    throw badQuery(metric, `query.customFilterTemplate "${name}" is not in canaryConfig.templates`);
  }
  return t;
}

/**
 * Checks that a metric's query can make PromQL (without expanding placeholders), for a 400 at creation time.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param known the placeholder names the judgment supplies; given, a template using another one is refused
 * @throws MetricSourceError `BAD_QUERY` naming what is missing
 */
export function checkPromqlQuery(
  metric: Metric,
  templates: Record<string, string> = {},
  known?: ReadonlySet<string>,
): void {
  const q = metric.query ?? {};
  if (known) {
    const named = queryText(q, 'customFilterTemplate');
    const texts: Array<[string, string | undefined]> = [
      ['query.promql', queryText(q, 'promql')],
      ['query.customInlineTemplate', queryText(q, 'customInlineTemplate')],
      [`canaryConfig.templates.${named ?? ''}`, named !== undefined ? templates[named] : undefined],
      ...strings(q, 'labelBindings').map((b, i): [string, string] => [`query.labelBindings[${i}]`, b]),
    ];
    for (const [field, text] of texts) {
      const problem = text === undefined ? undefined : unknownPlaceholder(text, field, known);
      if (problem) throw badQuery(metric, problem);
    }
  }
  if (queryText(q, 'promql')) return;
  const filter = customFilterTemplate(metric, templates);
  if (filter?.trim().startsWith('PromQL:')) return;
  if (!queryText(q, 'metricName')) {
    throw badQuery(
      metric,
      'a Prometheus query needs query.promql, a "PromQL:…" custom filter (customInlineTemplate / customFilterTemplate), or query.metricName',
    );
  }
  const resourceType = queryText(q, 'resourceType');
  if (filter === undefined && resourceType !== 'aws_ec2_instance') {
    throw badQuery(
      metric,
      resourceType
        ? `query.resourceType "${resourceType}" is not supported; use labelBindings with a custom filter`
        : 'query.metricName needs a custom filter (customInlineTemplate / customFilterTemplate) or resourceType "aws_ec2_instance"',
    );
  }
}

/**
 * Builds the PromQL of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param values placeholder values (scope, location, side, metricName, extended scope params)
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config or an unknown placeholder
 */
export function buildPromql(metric: Metric, templates: Record<string, string>, values: Record<string, string>): string {
  checkPromqlQuery(metric, templates);
  const q = metric.query ?? {};
  const expand = (t: string) => {
    try {
      return expandTemplate(t, values);
    } catch (e) {
      throw badQuery(metric, (e as Error).message);
    }
  };
  const promql = queryText(q, 'promql');
  if (promql) return expand(promql);
  const rawFilter = customFilterTemplate(metric, templates);
  const filter = rawFilter === undefined ? undefined : expand(rawFilter).trim();
  if (filter?.startsWith('PromQL:')) return filter.slice('PromQL:'.length).trim();

  const filters = [...(filter ? filter.split(',') : []), ...strings(q, 'labelBindings').map(expand)];
  if (filter === undefined) {
    const location = values['location'] ?? '';
    if (location === '') throw badQuery(metric, 'a location (region) is required with resourceType "aws_ec2_instance"');
    const scope = values['scope'] ?? '';
    if (scope !== '') filters.push(`asg_groupName="${escapePromqlString(scope)}"`);
    filters.push(`zone=~"${escapePromqlString(location)}.{1}"`);
  }
  const selector = `${queryText(q, 'metricName') as string}${filters.length ? `{${filters.join(',')}}` : ''}`;
  const groupBy = strings(q, 'groupByFields');
  return `avg(${selector})${groupBy.length ? ` by (${groupBy.join(',')})` : ''}`;
}
