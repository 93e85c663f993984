/**
 * The NRQL of one metric and scope, from Kayenta's New Relic query config (`type: "newrelic"`), so that canary
 * configs written for Kayenta's New Relic Insights metrics store work here unchanged. Rules (spinnaker/kayenta
 * `NewRelicQueryBuilderService`, `NewRelicCanaryScopeFactory`, `NewRelicCanaryMetricSetQueryConfig`, restated):
 *
 * 1. A custom template (`customInlineTemplate`, else `templates[customFilterTemplate]`) is the whole NRQL, expanded
 *    with `${scope}`, `${location}`, `${step}`, `${startEpochSeconds}`, `${endEpochSeconds}` and the
 *    `extendedScopeParams` (so it must carry its own `TIMESERIES` and `SINCE … UNTIL …`).
 * 2. Otherwise: `SELECT <select>` (the word `SELECT` added unless `select` starts with it)
 *    ` TIMESERIES <step> seconds` (`MAX` for step 0) ` SINCE <start s> UNTIL <end s> WHERE ` then `<q> AND ` when
 *    `q` is set, then `<key> LIKE '<value>' AND ` for every `extendedScopeParams` entry whose key does not start
 *    with `_`, then `<scopeKey> LIKE '<scope>'`, then ` AND <locationKey> LIKE '<location>'` when a location key is
 *    set. The scope key is `extendedScopeParams._scope_key`, else the source's `defaultScopeKey` (one is required);
 *    the location key `extendedScopeParams._location_key`, else `defaultLocationKey` (optional).
 *
 * Differences, both for safety: values placed inside `'…'` by rule 2 are escaped (`\` and `'`), which Kayenta does
 * not do (a scope with a quote would break its NRQL); and a location key without a location is refused instead of
 * querying `LIKE 'null'`.
 *
 * Reference: https://docs.newrelic.com/docs/query-your-data/nrql-new-relic-query-language/get-started/nrql-syntax-clauses-functions/
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import type { FetchRequest } from './port';
import {
  badQuery,
  checkQueryType,
  SCOPE_KEY_PARAM,
  queryText,
  scopeKeysOf,
  templateBindings,
  type Metric,
  type ScopeKeyDefaults,
} from './query-config';

/** The `type` of Kayenta's New Relic query config, and of the source. */
export const NEWRELIC_TYPE = 'newrelic';

export { LOCATION_KEY_PARAM, SCOPE_KEY_PARAM } from './query-config';

/** Placeholders a New Relic custom template gets beyond the judgment's own (Kayenta adds them). */
export const NEWRELIC_EXTRA_PLACEHOLDERS = ['step', 'startEpochSeconds', 'endEpochSeconds'] as const;

/** The source's account-level scope settings (Kayenta's `NewRelicScopeConfiguration`): NRQL attributes. */
export type NewRelicScopeDefaults = ScopeKeyDefaults;

/** Escapes a value for an NRQL single-quoted string (backslash and quote). */
export function escapeNrqlString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/**
 * Checks that a metric's query config can make NRQL, for a 400 at creation time.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies, i.e. scope attributes and `extendedScopeParams` keys
 *   (absent = placeholders and the scope key are not checked)
 * @param defaults the source's `defaultScopeKey` / `defaultLocationKey`
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the problem
 */
export function checkNewRelicQuery(
  metric: Metric,
  templates?: Record<string, string>,
  known?: ReadonlySet<string>,
  defaults: NewRelicScopeDefaults = {},
): void {
  checkQueryType(metric, NEWRELIC_TYPE);
  const custom = customTemplateOf(metric, templates);
  if (custom !== undefined) {
    if (known !== undefined) checkCustomTemplate(metric, custom, new Set([...known, ...NEWRELIC_EXTRA_PLACEHOLDERS]));
    return;
  }
  if (queryText(metric.query ?? {}, 'select') === undefined) {
    throw badQuery(
      metric,
      'a New Relic query needs query.select (e.g. "count(*) FROM Transaction"), query.customInlineTemplate or query.customFilterTemplate',
    );
  }
  if (known !== undefined && !known.has(SCOPE_KEY_PARAM) && !defaults.defaultScopeKey) {
    throw badQuery(
      metric,
      `query.select needs the NRQL attribute to match the scope against: set extendedScopeParams.${SCOPE_KEY_PARAM} in the judgment or defaultScopeKey on the source`,
    );
  }
}

/**
 * Builds the NRQL of one fetch (see the module comment).
 * @param req the fetch (metric, scope, location, extended scope params, templates, window, step)
 * @param defaults the source's `defaultScopeKey` / `defaultLocationKey`
 * @example buildNrql({ metric: { query: { select: 'count(*) FROM Transaction' } }, scope: 'myservice-prod-v01',
 *   location: 'us-west-2', params: {}, stepSeconds: 60, … }, { defaultScopeKey: 'asg_name', defaultLocationKey: 'region' })
 *   // "SELECT count(*) FROM Transaction TIMESERIES 60 seconds SINCE … UNTIL … WHERE asg_name LIKE 'myservice-prod-v01' AND region LIKE 'us-west-2'"
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config, a missing scope key, or a placeholder
 *   without a value
 */
export function buildNrql(req: FetchRequest, defaults: NewRelicScopeDefaults = {}): string {
  const { metric } = req;
  checkNewRelicQuery(metric, req.templates, undefined, defaults);
  const startSeconds = Math.floor(req.startMs / 1000);
  const endSeconds = Math.floor(req.endMs / 1000);
  const template = customTemplateOf(metric, req.templates);
  if (template !== undefined) {
    return expandCustomTemplate(metric, template, {
      ...templateBindings(req, { scope: req.scope, location: req.location, step: String(req.stepSeconds) }),
      startEpochSeconds: String(startSeconds),
      endEpochSeconds: String(endSeconds),
      ...req.params,
    });
  }

  const q = metric.query ?? {};
  const select = (queryText(q, 'select') as string).trim();
  const { scopeKey, locationKey } = scopeKeysOf(req.params, defaults);
  if (!scopeKey) {
    throw badQuery(
      metric,
      `no NRQL attribute to match the scope against: set extendedScopeParams.${SCOPE_KEY_PARAM} or the source's defaultScopeKey`,
    );
  }
  const parts = [select.startsWith('SELECT') ? select : `SELECT ${select}`];
  parts.push(`TIMESERIES ${req.stepSeconds === 0 ? 'MAX' : `${req.stepSeconds} seconds`}`);
  parts.push(`SINCE ${startSeconds} UNTIL ${endSeconds}`);
  const where: string[] = [];
  const filter = queryText(q, 'q');
  if (filter !== undefined) where.push(filter);
  for (const [key, value] of Object.entries(req.params)) {
    if (!key.startsWith('_')) where.push(`${key} LIKE '${escapeNrqlString(value)}'`);
  }
  where.push(`${scopeKey} LIKE '${escapeNrqlString(req.scope)}'`);
  if (locationKey) {
    if (!req.location) {
      throw badQuery(metric, `the location key ${locationKey} is set, but the judgment has no location for this side`);
    }
    where.push(`${locationKey} LIKE '${escapeNrqlString(req.location)}'`);
  }
  parts.push(`WHERE ${where.join(' AND ')}`);
  return parts.join(' ');
}
