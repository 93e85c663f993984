/**
 * Small rules every Kayenta-style source applies to a metric's query config: the config must be written for this
 * store (`query.type`, when set), and the placeholder values of one fetch in Kayenta's order. The templates
 * themselves are `kayenta-custom-filter.ts`.
 */
import { MetricSourceError, type FetchRequest } from './port';

/** A canary config metric, as the query builders and checks read it. */
export type Metric = FetchRequest['metric'];

/**
 * Where one fetch looks, as Kayenta's canary scope gives it to a query builder: the side's scope and location, the
 * judgment's `extendedScopeParams` and the side (`control` / `experiment`, the `${side}` placeholder).
 */
export interface FetchScope {
  scope: string;
  location: string | undefined;
  /** `extendedScopeParams`. */
  params: Record<string, string>;
  side: string;
}

/**
 * The {@link FetchScope} of a fetch (its scope, location, extended scope params and side).
 * @param req the fetch
 */
export function fetchScope(req: FetchRequest): FetchScope {
  return { scope: req.scope, location: req.location, params: req.params, side: req.side };
}

/**
 * A query-config text field: its value when it is a string with more than white space (returned as written),
 * else undefined.
 * @param q the metric's `query`
 * @param key the field, e.g. `metricName`
 */
export function queryText(q: Record<string, unknown>, key: string): string | undefined {
  const v = q[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

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

/** A store's query-config rules after `query.type` (see {@link queryCheck}). */
export type QueryRules = (
  metric: Metric,
  q: Record<string, unknown>,
  templates: Record<string, string>,
  known: ReadonlySet<string> | undefined,
) => void;

/**
 * A store's query-config check, with the signature of `MetricSource.check`: `query.type`, when set, must be the
 * store's ({@link checkQueryType}); then the store's own rules, given the metric's `query` (`{}` when absent), the
 * canary config's `templates` (`{}` when absent) and the placeholder names the judgment supplies (absent = not
 * checked).
 * @param type the store's type
 * @param rules the store's own rules
 * @returns the check; it throws `MetricSourceError` `BAD_QUERY` naming the query field and the rule
 */
export function queryCheck(
  type: string,
  rules: QueryRules,
): (metric: Metric, templates?: Record<string, string>, known?: ReadonlySet<string>) => void {
  return (metric, templates = {}, known) => {
    checkQueryType(metric, type);
    rules(metric, metric.query ?? {}, templates, known);
  };
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

/** `extendedScopeParams` key naming the store attribute or dimension that holds the scope (Kayenta's `_scope_key`). */
export const SCOPE_KEY_PARAM = '_scope_key';
/** `extendedScopeParams` key naming the store attribute or dimension that holds the location (`_location_key`). */
export const LOCATION_KEY_PARAM = '_location_key';

/**
 * A source's default scope and location keys, for stores that match the scope against a named attribute or
 * dimension (Kayenta's `NewRelicScopeConfiguration`, `SignalFxScopeConfiguration`).
 */
export interface ScopeKeyDefaults {
  /** Attribute or dimension holding the scope when the judgment does not name one (`_scope_key`). */
  defaultScopeKey?: string;
  /** Attribute or dimension holding the location when the judgment does not name one (`_location_key`). */
  defaultLocationKey?: string;
}

/**
 * The scope-key defaults a source's settings set (empty or absent ones left out).
 * @param config the source's settings
 */
export function scopeKeyDefaults(config: ScopeKeyDefaults): ScopeKeyDefaults {
  return {
    ...(config.defaultScopeKey ? { defaultScopeKey: config.defaultScopeKey } : {}),
    ...(config.defaultLocationKey ? { defaultLocationKey: config.defaultLocationKey } : {}),
  };
}

/**
 * The keys one fetch matches its scope and location against: `extendedScopeParams._scope_key` /
 * `_location_key`, else the source's defaults; an empty or absent one is left out.
 * @param params the judgment's `extendedScopeParams`
 * @param defaults the source's defaults
 */
export function scopeKeysOf(
  params: Record<string, string>,
  defaults: ScopeKeyDefaults,
): { scopeKey?: string; locationKey?: string } {
  const scopeKey = params[SCOPE_KEY_PARAM] || defaults.defaultScopeKey;
  const locationKey = params[LOCATION_KEY_PARAM] || defaults.defaultLocationKey;
  return { ...(scopeKey ? { scopeKey } : {}), ...(locationKey ? { locationKey } : {}) };
}
