/**
 * Kayenta's custom filter templates, shared by the stores whose query configs carry them (Stackdriver, SignalFx,
 * …): `query.customInlineTemplate` wins over `query.customFilterTemplate` (the name of an entry of
 * `canaryConfig.templates`); the deprecated `query.customFilter` is refused; a template stored escaped (`$\{x}`, as
 * Kayenta's `QueryConfigUtils.escapeTemplates` saves them) is unescaped first; `${name}` placeholders are replaced
 * by the bindings as they are (Kayenta's FreeMarker expansion does not quote or escape), and a placeholder without
 * a binding is an error, as in FreeMarker.
 *
 * Reference: spinnaker/kayenta `kayenta-core` `QueryConfigUtils.expandCustomFilter` and its specs
 * (`StackdriverCanaryMetricSetQueryConfigSpec.groovy`).
 */
import { MetricSourceError } from './port';
import { badQuery, queryText, type Metric } from './query-config';
import { expandTemplate, unknownPlaceholder } from './template';

/** A metric's custom filter template before expansion, and the query field it came from (for messages). */
export interface CustomTemplate {
  /** `query.customInlineTemplate` or `canaryConfig.templates.<name>`. */
  field: string;
  /** The template text, unescaped. */
  template: string;
}

/** `$\{` (Kayenta's escaped form of stored templates) back to `${`. */
export function unescapeTemplate(template: string): string {
  return template.replace(/\$\\\{/g, '${');
}

function text(q: Record<string, unknown>, key: string): string | undefined {
  const v = q[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * The custom filter template of a metric, or undefined when it has none.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @throws MetricSourceError `BAD_QUERY` for `query.customFilter` (deprecated in Kayenta, refused there too) or a
 *   `customFilterTemplate` that names no entry of `templates`
 */
export function customTemplateOf(metric: Metric, templates: Record<string, string> = {}): CustomTemplate | undefined {
  const q = metric.query ?? {};
  if (q['customFilter'] !== undefined && q['customFilter'] !== null) {
    throw new MetricSourceError(
      'BAD_QUERY',
      `metric ${metric.name}: query.customFilter is deprecated (as in Kayenta); use query.customInlineTemplate`,
    );
  }
  const inline = text(q, 'customInlineTemplate');
  if (inline !== undefined) return { field: 'query.customInlineTemplate', template: unescapeTemplate(inline) };
  const name = text(q, 'customFilterTemplate');
  if (name === undefined) return undefined;
  if (!Object.prototype.hasOwnProperty.call(templates, name) || typeof templates[name] !== 'string') {
    const have = Object.keys(templates);
    throw new MetricSourceError(
      'BAD_QUERY',
      `metric ${metric.name}: query.customFilterTemplate "${name}" is not in canaryConfig.templates (${have.length ? `has: ${have.join(', ')}` : 'none defined'})`,
    );
  }
  return { field: `canaryConfig.templates.${name}`, template: unescapeTemplate(templates[name] as string) };
}

/**
 * The template of a store whose whole query may be a template (Graphite and InfluxDB): Kayenta's `query.template`,
 * else its older name `query.customInlineTemplate` (whichever has more than white space first), else the entry of
 * `canaryConfig.templates` named by `query.customFilterTemplate`; unescaped ({@link unescapeTemplate}). Undefined
 * when the metric has none (the store's own fields apply).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @throws MetricSourceError `BAD_QUERY` for a `customFilterTemplate` that names no entry of `templates`
 */
export function wholeQueryTemplateOf(
  metric: Metric,
  templates: Record<string, string>,
): { field: string; text: string } | undefined {
  const q = metric.query ?? {};
  for (const field of ['template', 'customInlineTemplate']) {
    const text = queryText(q, field);
    if (text !== undefined) return { field: `query.${field}`, text: unescapeTemplate(text) };
  }
  const name = queryText(q, 'customFilterTemplate');
  if (name === undefined) return undefined;
  const text = Object.prototype.hasOwnProperty.call(templates, name) ? templates[name] : undefined;
  if (typeof text !== 'string') {
    throw badQuery(metric, `query.customFilterTemplate "${name}" is not in canaryConfig.templates`);
  }
  return { field: `canaryConfig.templates.${name}`, text: unescapeTemplate(text) };
}

/**
 * Checks a custom template's placeholders against the names a judgment will bind.
 * @param metric the metric (for the message)
 * @param custom the template
 * @param known the placeholder names the judgment supplies plus the store's own bindings
 * @throws MetricSourceError `BAD_QUERY` naming the template's field and the unknown placeholder
 */
export function checkCustomTemplate(metric: Metric, custom: CustomTemplate, known: ReadonlySet<string>): void {
  const problem = unknownPlaceholder(custom.template, custom.field, known);
  if (problem) throw new MetricSourceError('BAD_QUERY', `metric ${metric.name}: ${problem}`);
}

/**
 * Expands a custom template with the bindings, values inserted as they are (Kayenta's FreeMarker expansion).
 * @param metric the metric (for the message)
 * @param custom the template
 * @param bindings placeholder values; undefined or empty ones count as missing, as in Kayenta
 * @throws MetricSourceError `BAD_QUERY` naming the field and the placeholder without a value
 */
export function expandCustomTemplate(
  metric: Metric,
  custom: CustomTemplate,
  bindings: Record<string, string | undefined>,
): string {
  const present: Record<string, string> = {};
  for (const [k, v] of Object.entries(bindings)) if (v !== undefined && v !== '') present[k] = v;
  try {
    return expandTemplate(custom.template, present, (v) => v);
  } catch (e) {
    throw new MetricSourceError('BAD_QUERY', `metric ${metric.name}: ${custom.field}: ${(e as Error).message}`);
  }
}
