/**
 * Pure editing of a metric's query config (`canaryConfig.metrics[].query`) through the query fields the judge
 * lists for the metric's source type (`GET /v1/metric-sources`, from orca-stage-spec/src/sources/catalog.ts):
 * the text shown per field kind, the value written back, and the checks (required fields, JSON that does not parse).
 * Keys the listing does not name are never touched, so Kayenta query configs survive a round trip.
 */
import type { ListedQueryField } from './metricSources';

/** Source types whose metrics the panel edits with its single query text (`promql` / `series`), as before. */
export const LEGACY_QUERY_FIELDS: Readonly<Record<string, string>> = { prometheus: 'promql', demo: 'series' };

/**
 * The text a field's editor shows for a stored value: strings as they are, `string[]` one per line, `object[]` as
 * indented JSON; '' when absent. A value of another shape is shown as JSON so nothing is hidden.
 */
export function fieldText(field: ListedQueryField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'string[]' && Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.join('\n');
  }
  if (field.kind === 'object[]' || typeof value !== 'string') return JSON.stringify(value, null, 2);
  return value;
}

/** The outcome of reading a field's text: the value to store (`undefined` = remove the key) or an error. */
export type FieldValue = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Reads a field editor's text back into a query value: trimmed-empty → `undefined` (key removed); `string[]` one
 * entry per non-blank line (trimmed); `object[]` must parse as a JSON array of objects.
 *
 * @example parseFieldText({ name: 'fields', description: '', kind: 'string[]' }, 'a\n\n b ') // { ok: true, value: ['a', 'b'] }
 */
export function parseFieldText(field: ListedQueryField, text: string): FieldValue {
  if (text.trim() === '') return { ok: true, value: undefined };
  if (field.kind === 'string[]') {
    return {
      ok: true,
      value: text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    };
  }
  if (field.kind === 'object[]') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return { ok: false, error: `${field.name}: not valid JSON (${(e as Error).message})` };
    }
    if (!Array.isArray(parsed) || parsed.some((o) => o === null || typeof o !== 'object' || Array.isArray(o))) {
      return { ok: false, error: `${field.name}: must be a JSON array of objects, e.g. [{"name": "…"}]` };
    }
    return { ok: true, value: parsed };
  }
  return { ok: true, value: text };
}

/**
 * The query with one field set (or removed when `value` is `undefined`), keeping every other key. For a source type
 * without a legacy text field (not prometheus/demo), `type` is set to the source type, as Kayenta's query configs
 * carry it; a Prometheus query already holding `promql` keeps its shape (no `type` added).
 *
 * @param query The metric's current query config.
 * @param sourceType The store type of the stage's metric source, e.g. `datadog`.
 * @param name The field's key.
 * @param value The new value, `undefined` to remove the key.
 */
export function setQueryField(
  query: Readonly<Record<string, unknown>>,
  sourceType: string,
  name: string,
  value: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...query };
  if (value === undefined) delete out[name];
  else out[name] = value;
  if (!(sourceType in LEGACY_QUERY_FIELDS)) out['type'] = sourceType;
  return out;
}

/**
 * The fields the per-source editor shows: all listed fields except the legacy text field the metric editor already
 * shows (`promql` for prometheus, `series` for demo).
 */
export function editableFields(sourceType: string, fields: readonly ListedQueryField[]): ListedQueryField[] {
  const legacy = LEGACY_QUERY_FIELDS[sourceType];
  return fields.filter((f) => f.name !== legacy);
}

/**
 * Checks a query against the listed fields: each required field must be set, and each field text that failed to
 * parse (`texts`, the editors' current text by field name) is reported. Messages name the field by its label (the
 * field name, as Kayenta's query configs spell it) and the rule.
 *
 * @returns One message per problem, in field order; empty when fine.
 * @example queryFieldIssues([{ name: 'metricType', description: '', kind: 'string', required: true }], {}) // ['metricType: is required']
 */
export function queryFieldIssues(
  fields: readonly ListedQueryField[],
  query: Readonly<Record<string, unknown>>,
  texts: Readonly<Record<string, string>> = {},
): string[] {
  const issues: string[] = [];
  for (const f of fields) {
    const text = texts[f.name];
    if (text !== undefined) {
      const r = parseFieldText(f, text);
      if (!r.ok) {
        issues.push(r.error);
        continue;
      }
    }
    const v = query[f.name];
    const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
    if (f.required && empty) issues.push(`${f.name}: is required`);
  }
  return issues;
}
