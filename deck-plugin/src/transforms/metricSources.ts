/**
 * The judge's metric-source listing (`GET /v1/metric-sources`, schema `metricSourcesResponseSchema` in
 * orca-stage-spec/src/contract/schemas.ts), read defensively in the browser: the names a stage's `metricSource` can
 * take, each with its store type, display label and the fields of Kayenta's query config for that store.
 */

/** One field of a store's query config (`canaryConfig.metrics[].query.<name>`), as the judge lists it. */
export interface ListedQueryField {
  name: string;
  description: string;
  kind: 'string' | 'text' | 'string[]' | 'object[]';
  required?: boolean;
  options?: string[];
}

/** One configured metric source. */
export interface ListedSource {
  name: string;
  type: string;
  label: string;
  queryFields: ListedQueryField[];
}

const KINDS = ['string', 'text', 'string[]', 'object[]'] as const;

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function readField(v: unknown): ListedQueryField | null {
  const f = rec(v);
  if (!f || typeof f['name'] !== 'string' || f['name'] === '') return null;
  const kind = KINDS.find((k) => k === f['kind']);
  if (!kind) return null;
  const options = Array.isArray(f['options']) ? f['options'].filter((o): o is string => typeof o === 'string') : [];
  return {
    name: f['name'],
    description: typeof f['description'] === 'string' ? f['description'] : '',
    kind,
    ...(f['required'] === true ? { required: true } : {}),
    ...(options.length > 0 ? { options } : {}),
  };
}

/**
 * Reads a `/v1/metric-sources` answer body.
 *
 * @param body The parsed JSON body (any value).
 * @returns The sources (entries without a string `name` and `type` are skipped, malformed query fields dropped), or
 *   `null` when the body is not a listing at all (then the panel falls back to free text).
 * @example parseMetricSources({ metricSources: [{ name: 'dd', type: 'datadog', label: 'Datadog', queryFields: [] }] })
 */
export function parseMetricSources(body: unknown): ListedSource[] | null {
  const list = rec(body)?.['metricSources'];
  if (!Array.isArray(list)) return null;
  const out: ListedSource[] = [];
  for (const raw of list) {
    const s = rec(raw);
    if (!s || typeof s['name'] !== 'string' || typeof s['type'] !== 'string' || s['name'] === '') continue;
    const fields = Array.isArray(s['queryFields']) ? s['queryFields'] : [];
    out.push({
      name: s['name'],
      type: s['type'],
      label: typeof s['label'] === 'string' && s['label'] !== '' ? s['label'] : s['type'],
      queryFields: fields.map(readField).filter((f): f is ListedQueryField => f !== null),
    });
  }
  return out;
}

/**
 * The list entry text for a source: `name — label (type)`.
 *
 * @example sourceOptionText({ name: 'dd-prod', type: 'datadog', label: 'Datadog', queryFields: [] }) // 'dd-prod — Datadog (datadog)'
 */
export function sourceOptionText(s: ListedSource): string {
  return `${s.name} — ${s.label} (${s.type})`;
}

/** The listed source a stage's `metricSource` names (trimmed, exact), or `undefined`. */
export function findSource(sources: readonly ListedSource[] | null, name: string): ListedSource | undefined {
  const n = name.trim();
  return sources?.find((s) => s.name === n);
}
