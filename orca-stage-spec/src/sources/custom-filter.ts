/**
 * Kayenta's custom query templates, shared by the sources whose query configs carry them (Datadog, New Relic, …):
 * `query.customInlineTemplate` (the template itself) or `query.customFilterTemplate` (the name of an entry of the
 * canary config's `templates`), expanded with `${name}` placeholders. Rules restated from spinnaker/kayenta
 * `QueryConfigUtils.expandCustomFilter` (kayenta-core):
 *
 * - the inline template wins over the named one; neither → no custom filter (the source builds its own query);
 * - a named template that is not in `templates` is refused;
 * - `$\{` (Kayenta's escaped form, written when it stores configs) is read as `${`;
 * - the values are the scope's base attributes that are set (each source names its own: `scope`, `location`,
 *   `step`, …), then every `extendedScopeParams` entry (which wins); a placeholder without a value is refused;
 * - the deprecated `customFilter` field is refused, as Kayenta does.
 *
 * Values are inserted as they are (Kayenta does not escape them). Canary Judge also supplies `side` and
 * `metricName`, the placeholders every source knows (`knownPlaceholders` in `template.ts`).
 */
import { MetricSourceError, type FetchRequest } from './port';
import { expandTemplate, unknownPlaceholder } from './template';

type Metric = FetchRequest['metric'];

/** A metric's custom template before expansion, and the config field it came from (for messages). */
export interface CustomTemplate {
  /** Template text, `$\{` already read as `${`. */
  text: string;
  /** `query.customInlineTemplate` or `canaryConfig.templates.<name>`. */
  field: string;
}

function text(q: Record<string, unknown>, key: string): string | undefined {
  const v = q[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

function bad(metric: Metric, rule: string): MetricSourceError {
  return new MetricSourceError('BAD_QUERY', `metric ${metric.name}: ${rule}`);
}

/**
 * The metric's custom template (inline, else named), or undefined when it has none.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @throws MetricSourceError `BAD_QUERY` for a named template that does not exist, or the deprecated `customFilter`
 */
export function customTemplateOf(metric: Metric, templates: Record<string, string> = {}): CustomTemplate | undefined {
  const q = metric.query ?? {};
  if (q['customFilter'] !== undefined && q['customFilter'] !== null) {
    throw bad(metric, 'query.customFilter is deprecated (as in Kayenta); use query.customInlineTemplate instead');
  }
  const inline = text(q, 'customInlineTemplate');
  if (inline !== undefined) return { text: inline.replace(/\$\\\{/g, '${'), field: 'query.customInlineTemplate' };
  const name = text(q, 'customFilterTemplate');
  if (name === undefined) return undefined;
  if (!Object.prototype.hasOwnProperty.call(templates, name) || typeof templates[name] !== 'string') {
    throw bad(metric, `query.customFilterTemplate "${name}" is not in canaryConfig.templates`);
  }
  return { text: (templates[name] as string).replace(/\$\\\{/g, '${'), field: `canaryConfig.templates.${name}` };
}

/**
 * Checks a metric's custom template at judgment creation: the named template exists and, when `known` is given,
 * every placeholder is one the judgment will supply.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @param known placeholder names the judgment supplies (absent = placeholders are not checked)
 * @throws MetricSourceError `BAD_QUERY` naming the field and the placeholder
 */
export function checkCustomTemplate(
  metric: Metric,
  templates: Record<string, string> | undefined,
  known: ReadonlySet<string> | undefined,
): void {
  const t = customTemplateOf(metric, templates);
  if (t === undefined || known === undefined) return;
  const problem = unknownPlaceholder(t.text, t.field, known);
  if (problem !== undefined) throw bad(metric, problem);
}

/**
 * The placeholder values of one fetch, in Kayenta's order: the base attributes that are set (empty ones are left
 * out, so a template using them is refused), `side` and `metricName`, then the `extendedScopeParams` (which win).
 * @param req the fetch
 * @param base the source's base attributes, e.g. `{scope, location}`
 */
export function templateValues(req: FetchRequest, base: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = { side: req.side, metricName: req.metric.name };
  for (const [k, v] of Object.entries(base)) if (v !== undefined && v !== '') out[k] = v;
  return { ...out, ...req.params };
}

/**
 * Kayenta's `expandCustomFilter`: the metric's custom template expanded, or undefined when it has none.
 * @param metric the canary config metric
 * @param templates the canary config's `templates`
 * @param values placeholder values ({@link templateValues})
 * @throws MetricSourceError `BAD_QUERY` for a missing named template or a placeholder without a value
 */
export function expandCustomTemplate(
  metric: Metric,
  templates: Record<string, string> | undefined,
  values: Record<string, string>,
): string | undefined {
  const t = customTemplateOf(metric, templates);
  if (t === undefined) return undefined;
  try {
    return expandTemplate(t.text, values, (v) => v);
  } catch (e) {
    throw bad(metric, `${t.field}: ${(e as Error).message}`);
  }
}

/**
 * Refuses a query config written for another store: `query.type`, when set, must be `type`.
 * @param metric the canary config metric
 * @param type this source's type
 * @throws MetricSourceError `BAD_QUERY` naming `query.type`
 */
export function checkQueryType(metric: Metric, type: string): void {
  const t = metric.query?.['type'];
  if (t !== undefined && t !== type) {
    throw bad(metric, `query.type is ${JSON.stringify(t)}, but this is a ${type} source: use a ${type} query config`);
  }
}
