/**
 * The Atlas stack-language expression of one fetch, from Kayenta's Atlas query config (`type: "atlas"`: `q`,
 * `customInlineTemplate`, `customFilterTemplate`), restating Kayenta's `AtlasMetricsService.buildQuery` and
 * `AtlasCanaryScope.cq()`:
 *
 * - A custom template (inline, or a named entry of `canaryConfig.templates`) is the whole expression, expanded with
 *   `${type}`, `${deployment}`, `${dataset}`, `${environment}`, `${accountId}`, `${scope}`, `${location}` and every
 *   `extendedScopeParams` key.
 * - Otherwise `<q>,<common query>`, the common query restricting every expression of the stack to the scope:
 *   type `cluster` (the default) `:list,(,nf.cluster,<scope>,:eq,:cq,),:each`; `asg`
 *   `:list,(,nf.asg,<scope>,:eq,:cq,),:each`; `query` (the scope is itself an expression)
 *   `:list,(,<scope>,:cq,),:each`. The type is `extendedScopeParams.type` (Kayenta's `AtlasCanaryScopeFactory`,
 *   which also defaults `deployment` main, `dataset` regional, `environment` test).
 *
 * A scope of type cluster/asg holding a comma (which would split the stack into other words) is refused.
 *
 * Reference: spinnaker/kayenta `kayenta-atlas` (`AtlasMetricsService.java`, `AtlasCanaryScope.java`,
 * `AtlasCanaryScopeFactory.java`, `docs/metric-set-query-config.md`); https://netflix.github.io/atlas-docs/asl/
 */
import { checkCustomTemplate, customTemplateOf, expandCustomTemplate } from './kayenta-custom-filter';
import { badQuery, queryCheck, type Metric } from './query-config';

/** `query.type` of Kayenta's Atlas query config. */
export const ATLAS_TYPE = 'atlas';

/** Scope types of Kayenta's `AtlasCanaryScope`. */
export const ATLAS_SCOPE_TYPES = ['cluster', 'asg', 'query'];

/** What one expression is built for. */
export interface AtlasScope {
  scope: string;
  location: string | undefined;
  /** `extendedScopeParams` (`type`, `deployment`, `dataset`, `environment`, `accountId`, …). */
  params: Record<string, string>;
  side: string;
}

/**
 * Checks a metric's Atlas query config without a scope, for a 400 when a judgment is created.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies (absent = placeholders are not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the query field and the rule
 */
export const checkAtlasQuery = queryCheck(ATLAS_TYPE, (metric, q, templates, known) => {
  const custom = customTemplateOf(metric, templates);
  if (custom) {
    if (known) {
      const bindings = ['type', 'deployment', 'dataset', 'environment', 'accountId'];
      checkCustomTemplate(metric, custom, new Set([...known, ...bindings]));
    }
    return;
  }
  if (typeof q['q'] !== 'string' || q['q'].trim() === '') {
    throw badQuery(
      metric,
      'query.q is required (an Atlas stack-language expression, e.g. name,CpuRawUser,:eq,:sum), or a customInlineTemplate / customFilterTemplate',
    );
  }
});

/**
 * Kayenta's common query (`AtlasCanaryScope.cq()`) for a scope.
 * @param type `cluster`, `asg` or `query`
 * @param scope the scope
 * @throws Error for another type
 */
export function atlasCommonQuery(type: string, scope: string): string {
  switch (type) {
    case 'asg':
      return `:list,(,nf.asg,${scope},:eq,:cq,),:each`;
    case 'cluster':
      return `:list,(,nf.cluster,${scope},:eq,:cq,),:each`;
    case 'query':
      return `:list,(,${scope},:cq,),:each`;
    default:
      throw new Error(`extendedScopeParams.type "${type}" is not one of ${ATLAS_SCOPE_TYPES.join(', ')}`);
  }
}

/**
 * Builds the expression of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param where scope, location, extended scope params
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config, an unknown scope type, a comma in a
 *   cluster/asg scope, or a placeholder without a value
 */
export function buildAtlasQuery(metric: Metric, templates: Record<string, string>, where: AtlasScope): string {
  checkAtlasQuery(metric, templates);
  const params = where.params;
  const type = params['type'] || 'cluster';
  const custom = customTemplateOf(metric, templates);
  if (custom) {
    return expandCustomTemplate(metric, custom, {
      side: where.side,
      metricName: metric.name,
      type,
      deployment: 'main',
      dataset: 'regional',
      environment: 'test',
      scope: where.scope,
      location: where.location,
      ...params,
    });
  }
  if (type !== 'query' && where.scope.includes(',')) {
    throw badQuery(
      metric,
      `the scope "${where.scope}" holds a comma, which Atlas reads as a word separator (type ${type})`,
    );
  }
  let cq: string;
  try {
    cq = atlasCommonQuery(type, where.scope);
  } catch (e) {
    throw badQuery(metric, (e as Error).message);
  }
  return `${String(metric.query?.['q']).trim()},${cq}`;
}

/**
 * The keys an expression groups by (`(,k1,k2,),:by`), in order of appearance; Kayenta keeps only these as tags.
 * @param expression an Atlas stack-language expression
 */
export function atlasGroupByKeys(expression: string): string[] {
  const tokens = expression.split(',').map((t) => t.trim());
  const keys: string[] = [];
  tokens.forEach((t, i) => {
    if (t !== ':by' || tokens[i - 1] !== ')') return;
    let j = i - 2;
    const group: string[] = [];
    while (j >= 0 && tokens[j] !== '(') group.unshift(tokens[j--] as string);
    for (const k of group) if (k !== '' && !keys.includes(k)) keys.push(k);
  });
  return keys;
}

/**
 * Java's `Duration.toString()` of a whole number of seconds (Kayenta's `step` for Atlas), e.g. 60 → `PT1M`,
 * 90 → `PT1M30S`, 3600 → `PT1H`.
 */
export function isoDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (seconds === 0) return 'PT0S';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}
