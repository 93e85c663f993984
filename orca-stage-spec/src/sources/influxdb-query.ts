/**
 * InfluxQL for one metric, scope and window, from Kayenta's InfluxDB query config (`type: "influxdb"`), so that
 * canary configs written for Kayenta's InfluxDB metrics store work here unchanged. Rules (Kayenta's
 * `InfluxDbQueryBuilder` and the `kayenta-influxdb` docs, restated):
 *
 * - The scope is written `key:value` (e.g. `autoscaling_group:myapp-prod-v002`) and becomes the condition
 *   `key = 'value'`; any other form is refused, as Kayenta does.
 * - The window becomes `time >= '<start>' AND time < '<end>'` (RFC 3339, UTC; the end is excluded).
 * - `query.template` (Kayenta's current name), `query.customInlineTemplate` (its older name) or the entry of
 *   `canaryConfig.templates` named by `query.customFilterTemplate`: a whole InfluxQL statement in which exactly three
 *   tokens are replaced (Kayenta's stored, escaped form `$\{…}` is read as `${…}`): `${timeFilter}` (the window condition), `${scope}` (the scope condition) and `${step}` (the
 *   judgment's step, e.g. `60s`, for `GROUP BY time(${step})`). `${timeFilter}` and `${scope}` are required. This is
 *   Kayenta's fixed vocabulary for InfluxDB (`${location}` and `extendedScopeParams` are not expanded there), so any
 *   other placeholder is refused instead of being sent as is.
 * - Otherwise `SELECT <fields> FROM <metricName> WHERE <timeFilter> AND <scope>`; `fields` defaults to `*::field`
 *   (every field). No `GROUP BY`: raw points, as Kayenta sends it.
 * - Statements Kayenta blocks are refused: `SHOW …` (continuous queries, databases, diagnostics, field/tag keys,
 *   users, grants, measurements, queries, retention policies, series, shards, stats, subscriptions), `;` (a second
 *   statement) and `--` (a comment). Kayenta matches these case-sensitively; here case does not matter.
 *
 * The scope's value is escaped for an InfluxQL string (`\` and `'`), and a key that is not a plain identifier is
 * double-quoted (Kayenta inserts both as they are). References: spinnaker/kayenta `kayenta-influxdb`
 * (`InfluxDbQueryBuilder.java`, `docs/metric-set-query-config.md`); InfluxQL:
 * https://docs.influxdata.com/influxdb/v1/query_language/spec/#strings.
 */
import { wholeQueryTemplateOf } from './kayenta-custom-filter';
import { badQuery, checkQueryType, queryText, type Metric } from './query-config';
import { placeholdersOf } from './template';

/** The `type` of Kayenta's InfluxDB query config (`InfluxdbCanaryMetricSetQueryConfig.SERVICE_TYPE`). */
export const INFLUXDB_QUERY_TYPE = 'influxdb';

/** The placeholders an InfluxDB template may use (Kayenta's fixed vocabulary). */
export const INFLUXDB_PLACEHOLDERS: readonly string[] = ['timeFilter', 'scope', 'step'];

/** Statements and tokens Kayenta's `InfluxDbQueryBuilder.validateQuery` refuses. */
export const INFLUXDB_BLOCKED: readonly string[] = [
  'SHOW CONTINUOUS QUERIES',
  'SHOW DATABASES',
  'SHOW DIAGNOSTICS',
  'SHOW FIELD',
  'SHOW TAG',
  'SHOW USERS',
  'SHOW GRANTS',
  'SHOW MEASUREMENT',
  'SHOW QUERIES',
  'SHOW RETENTION POLICIES',
  'SHOW SERIES',
  'SHOW SHARD',
  'SHOW STATS',
  'SHOW SUBSCRIPTIONS',
  ';',
  '--',
];

/** What a fetch contributes to the query: its scope (`key:value`), window (epoch ms) and step (seconds). */
export interface InfluxWindow {
  scope: string;
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/** A metric's InfluxQL template and the field it came from, or undefined when it uses the builder fields. */
export function influxTemplateSource(
  metric: Metric,
  templates: Record<string, string> = {},
): { field: string; text: string } | undefined {
  return wholeQueryTemplateOf(metric, templates);
}

/** The first blocked statement or token in `query`, if any (case-insensitive). */
function blockedIn(query: string): string | undefined {
  const upper = query.toUpperCase();
  return INFLUXDB_BLOCKED.find((b) => upper.includes(b));
}

function fieldsOf(metric: Metric): string[] {
  const raw = (metric.query ?? {})['fields'];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((f) => typeof f !== 'string' || f.trim() === '')) {
    throw badQuery(metric, 'query.fields must be a list of field names (or expressions such as mean(value))');
  }
  return raw as string[];
}

/**
 * Checks a metric's InfluxDB query when a judgment is created (no scope needed): `query.type`, a template with the
 * required and only the known placeholders, or a measurement; no blocked statement.
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @throws MetricSourceError `BAD_QUERY` naming the field and the rule
 */
export function checkInfluxQuery(metric: Metric, templates: Record<string, string> = {}): void {
  const q = metric.query ?? {};
  checkQueryType(metric, INFLUXDB_QUERY_TYPE);
  const template = influxTemplateSource(metric, templates);
  if (template) {
    const used = placeholdersOf(template.text);
    const unknown = used.find((p) => !INFLUXDB_PLACEHOLDERS.includes(p));
    if (unknown !== undefined) {
      throw badQuery(
        metric,
        `${template.field} uses the placeholder \${${unknown}}, which has no value: InfluxDB templates know only \${timeFilter}, \${scope} and \${step} (as in Kayenta)`,
      );
    }
    for (const required of ['timeFilter', 'scope']) {
      if (!template.text.includes(`\${${required}}`)) {
        throw badQuery(metric, `${template.field} must contain \${${required}} (Kayenta requires it)`);
      }
    }
    const blocked = blockedIn(template.text);
    if (blocked)
      throw badQuery(metric, `${template.field} contains "${blocked}", which is not allowed (as in Kayenta)`);
    return;
  }
  const measurement = queryText(q, 'metricName');
  if (measurement === undefined) {
    throw badQuery(
      metric,
      'an InfluxDB query needs query.metricName (the measurement), query.template (customInlineTemplate) or query.customFilterTemplate',
    );
  }
  const blocked = blockedIn(`${measurement} ${fieldsOf(metric).join(' ')}`);
  if (blocked) throw badQuery(metric, `query.metricName or query.fields contains "${blocked}", which is not allowed`);
}

/**
 * Splits a `key:value` scope (Kayenta's InfluxDB scope form).
 * @throws Error with Kayenta's message when the scope has no colon or more than one
 */
export function splitInfluxScope(scope: string): [string, string] {
  const parts = scope.split(':');
  if (parts.length !== 2) {
    throw new Error(
      `scope "${scope}" is not in the form name:value (e.g. autoscaling_group:myapp-prod-v002), as Kayenta's InfluxDB store requires`,
    );
  }
  return parts as [string, string];
}

/**
 * The scope condition `key = 'value'` (value escaped for an InfluxQL string; a key that is not a plain identifier
 * double-quoted).
 * @example influxScopeCondition('server:myapp-prod-v002') // "server = 'myapp-prod-v002'"
 * @throws Error when the scope is not `key:value`
 */
export function influxScopeCondition(scope: string): string {
  const [key, value] = splitInfluxScope(scope);
  const k = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `"${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${k} = '${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An instant as Java's `Instant.toString()` writes it (RFC 3339 UTC, milliseconds only when not zero). */
function instant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * The window condition, e.g. `time >= '2010-01-01T12:00:00Z' AND time < '2010-01-01T12:01:40Z'`.
 * @param startMs window start, epoch ms (included)
 * @param endMs window end, epoch ms (excluded, as in Kayenta)
 */
export function influxTimeFilter(startMs: number, endMs: number): string {
  return `time >= '${instant(startMs)}' AND time < '${instant(endMs)}'`;
}

/**
 * Builds the InfluxQL statement of one fetch (see the module comment).
 * @param metric the metric config
 * @param templates the canary config's `templates`
 * @param window the fetch's scope (`key:value`), window and step
 * @throws MetricSourceError `BAD_QUERY` for an incomplete query config, a scope not in `key:value` form or a
 *   blocked statement
 */
export function buildInfluxQuery(metric: Metric, templates: Record<string, string>, window: InfluxWindow): string {
  checkInfluxQuery(metric, templates);
  let scopeCondition: string | undefined;
  if (window.scope !== '') {
    try {
      scopeCondition = influxScopeCondition(window.scope);
    } catch (e) {
      throw badQuery(metric, (e as Error).message);
    }
  }
  const timeFilter = influxTimeFilter(window.startMs, window.endMs);
  const template = influxTemplateSource(metric, templates);
  let query: string;
  if (template) {
    if (scopeCondition === undefined) throw badQuery(metric, `${template.field} uses \${scope} but the scope is empty`);
    const values: Record<string, string> = {
      timeFilter,
      scope: scopeCondition,
      step: `${window.stepSeconds}s`,
    };
    query = template.text.replace(/\$\{(timeFilter|scope|step)\}/g, (_m, name: string) => values[name] as string);
  } else {
    const fields = fieldsOf(metric);
    const measurement = queryText(metric.query ?? {}, 'metricName') as string;
    query = `SELECT ${(fields.length ? fields : ['*::field']).join(', ')} FROM ${measurement} WHERE ${timeFilter}`;
    if (scopeCondition !== undefined) query += ` AND ${scopeCondition}`;
  }
  const blocked = blockedIn(query);
  if (blocked) throw badQuery(metric, `the query contains "${blocked}" once expanded, which is not allowed: ${query}`);
  return query;
}
