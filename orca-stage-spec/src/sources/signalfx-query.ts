/**
 * The SignalFlow program of one fetch, from Kayenta's SignalFx query config (`type: "signalfx"`: `metricName`,
 * `queryPairs`, `aggregationMethod`, `customInlineTemplate`, `customFilterTemplate`), restating Kayenta's
 * `SignalFxQueryBuilderService` and `SimpleSignalFlowProgramBuilder`:
 *
 * - A custom template (inline, or a named entry of `canaryConfig.templates`) is the whole program, expanded with
 *   `${scope}`, `${location}` and every `extendedScopeParams` key.
 * - Otherwise: `data('<metricName>', filter=<filters>).<aggregationMethod>(by=[<keys>]).publish()`, where the
 *   filters are, joined with ` and `: each query pair as `filter('<key>', '<value>')` (a value with commas is
 *   several values `filter('k', 'a','b')`; a key starting with `!` negates it: `(not filter(…))`), then
 *   `filter('<scope key>', '<scope>')`, then `filter('<location key>', '<location>')` when there is a location key,
 *   then each `extendedScopeParams` entry whose key does not start with `_`. The `by` keys are those extended scope
 *   param keys, then the location key, then the scope key. `aggregationMethod` defaults to `mean`.
 * - The scope key is `extendedScopeParams._scope_key`, else the source's `defaultScopeKey` (one is required); the
 *   location key is `extendedScopeParams._location_key`, else the source's `defaultLocationKey`, else none.
 *
 * Difference: values placed inside `'…'` are escaped (`\` and `'`), in templates too, so a scope cannot end the
 * string and change the program (Kayenta inserts them as they are; ordinary scopes are unchanged).
 *
 * Reference: spinnaker/kayenta `kayenta-signalfx` (`SignalFxQueryBuilderService.java`,
 * `SimpleSignalFlowProgramBuilder.java` and its tests, `docs/metric-set-query-config.md`).
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import {
  badQuery,
  checkQueryType,
  SCOPE_KEY_PARAM,
  scopeKeysOf,
  type Metric,
  type ScopeKeyDefaults,
} from './query-config';

/** `query.type` of Kayenta's SignalFx query config. */
export const SIGNALFX_TYPE = 'signalfx';

/** Kayenta's documented `aggregationMethod` values (SignalFlow stream methods). */
export const SIGNALFX_AGGREGATIONS = [
  'bottom',
  'count',
  'max',
  'mean',
  'mean_plus_stddev',
  'median',
  'min',
  'random',
  'sample_stddev',
  'sample_variance',
  'size',
  'stddev',
  'sum',
  'top',
  'variance',
];

/** The source's scope settings (Kayenta's `SignalFxScopeConfiguration`): dimension names. */
export type SignalFxScopeSettings = ScopeKeyDefaults;

/** What one program is built for. */
export interface SignalFxScope {
  scope: string;
  location: string | undefined;
  /** `extendedScopeParams`. */
  params: Record<string, string>;
  side: string;
}

/** The program and the dimension keys that hold the scope and location (for telling series apart). */
export interface SignalFxProgram {
  program: string;
  scopeKey?: string;
  locationKey?: string;
}

/** Escapes a value for a SignalFlow single-quoted string. */
export function escapeSignalFlowString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

interface QueryPair {
  key: string;
  value: string;
}

function queryPairs(metric: Metric): QueryPair[] {
  const raw = metric.query?.['queryPairs'];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badQuery(metric, 'query.queryPairs must be a list of {key, value}');
  return raw.map((p: unknown, i: number) => {
    const pair = p as { key?: unknown; value?: unknown };
    if (
      typeof pair !== 'object' ||
      pair === null ||
      typeof pair.key !== 'string' ||
      pair.key.replace(/^!/, '') === ''
    ) {
      throw badQuery(metric, `query.queryPairs[${i}].key must be a dimension name (a leading "!" negates the filter)`);
    }
    if (typeof pair.value !== 'string' || pair.value === '') {
      throw badQuery(
        metric,
        `query.queryPairs[${i}].value must be a non-empty string (commas separate several values)`,
      );
    }
    return { key: pair.key, value: pair.value };
  });
}

/** `filter('k', 'v')`, several values for a value with commas, `(not …)` for a key starting with `!`. */
export function formatQueryPair(pair: { key: string; value: string }): string {
  const negated = pair.key.startsWith('!');
  const key = negated ? pair.key.slice(1) : pair.key;
  const values = pair.value.includes(',') ? pair.value.split(',').map((v) => v.trim()) : [pair.value];
  const filter = `filter('${escapeSignalFlowString(key)}', ${values.map((v) => `'${escapeSignalFlowString(v)}'`).join(',')})`;
  return negated ? `(not ${filter})` : filter;
}

/**
 * Checks a metric's SignalFx query config without a scope, for a 400 when a judgment is created.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param settings the source's default scope/location keys
 * @param known placeholder names the judgment supplies (absent = placeholders and the scope key are not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the rule
 */
export function checkSignalFxQuery(
  metric: Metric,
  templates: Record<string, string> = {},
  settings: SignalFxScopeSettings = {},
  known?: ReadonlySet<string>,
): void {
  const q = metric.query ?? {};
  checkQueryType(metric, SIGNALFX_TYPE);
  const custom = customTemplateOf(metric, templates);
  if (custom) {
    if (known) checkCustomTemplate(metric, custom, known);
    return;
  }
  if (typeof q['metricName'] !== 'string' || q['metricName'].trim() === '') {
    throw badQuery(
      metric,
      'query.metricName is required (or a SignalFlow program in customInlineTemplate / customFilterTemplate)',
    );
  }
  const method = q['aggregationMethod'];
  if (method !== undefined && (typeof method !== 'string' || !SIGNALFX_AGGREGATIONS.includes(method))) {
    throw badQuery(
      metric,
      `query.aggregationMethod ${JSON.stringify(method)} is not one of ${SIGNALFX_AGGREGATIONS.join(', ')}`,
    );
  }
  queryPairs(metric);
  if (known && !settings.defaultScopeKey && !known.has(SCOPE_KEY_PARAM)) {
    throw badQuery(
      metric,
      'a scope key is required: set the source’s defaultScopeKey or scopes.extendedScopeParams._scope_key (the dimension holding the scope)',
    );
  }
}

/**
 * Builds the SignalFlow program of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param settings the source's default scope/location keys
 * @param where scope, location, extended scope params
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config, no scope key, a location key without a
 *   location, or a placeholder without a value
 */
export function buildSignalFlowProgram(
  metric: Metric,
  templates: Record<string, string>,
  settings: SignalFxScopeSettings,
  where: SignalFxScope,
): SignalFxProgram {
  checkSignalFxQuery(metric, templates, settings);
  const params = where.params;
  const keys = scopeKeysOf(params, settings);
  const { scopeKey, locationKey } = keys;
  const custom = customTemplateOf(metric, templates);
  if (custom) {
    const bindings: Record<string, string | undefined> = {
      side: where.side,
      metricName: metric.name,
      scope: where.scope,
      location: where.location,
      ...params,
    };
    const escaped: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(bindings)) escaped[k] = v === undefined ? v : escapeSignalFlowString(v);
    return { program: expandCustomTemplate(metric, custom, escaped), ...keys };
  }
  if (!scopeKey) {
    throw badQuery(
      metric,
      'a scope key is required: set the source’s defaultScopeKey or scopes.extendedScopeParams._scope_key (the dimension holding the scope)',
    );
  }
  const q = metric.query ?? {};
  const own = Object.keys(params).filter((k) => !k.startsWith('_'));
  const filters: string[] = [];
  const pairs = queryPairs(metric);
  if (pairs.length) filters.push(pairs.map(formatQueryPair).join(' and '));
  const quoted = (k: string, v: string) => `filter('${escapeSignalFlowString(k)}', '${escapeSignalFlowString(v)}')`;
  const scopeFilters = [quoted(scopeKey, where.scope)];
  if (locationKey) {
    if (!where.location) throw badQuery(metric, `a location is required: the location key is "${locationKey}"`);
    scopeFilters.push(quoted(locationKey, where.location));
  }
  for (const k of own) scopeFilters.push(quoted(k, params[k] as string));
  filters.push(scopeFilters.join(' and '));
  const by = [...own, ...(locationKey ? [locationKey] : []), scopeKey];
  const method = typeof q['aggregationMethod'] === 'string' ? q['aggregationMethod'] : 'mean';
  const program = `data('${escapeSignalFlowString(String(q['metricName']))}', filter=${filters.join(' and ')}).${method}(by=['${by.map(escapeSignalFlowString).join("', '")}']).publish()`;
  return { program, ...keys };
}
