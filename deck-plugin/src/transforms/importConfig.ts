/**
 * Import of a Kayenta canary config (the JSON Kayenta's config editor shows under "Edit as JSON", or
 * `GET /canaryConfig/{id}`) into the stage, so teams moving from Kayenta keep their metrics, groups and weights.
 * Kayenta's Prometheus `customInlineTemplate: "PromQL:…"` becomes `query.promql`; every other query config (Datadog,
 * Stackdriver, … and their own `customInlineTemplate`) is kept exactly as it is, and the per-source query editor shows
 * its fields (a Prometheus query without PromQL is flagged, naming the metric). Thresholds, scopes and timing are stage settings
 * and are not taken from the config (Kayenta ignores `classifier.scoreThresholds` in the judge too).
 * Settings written as `null` under `analysisConfigurations` (`"critical": null`, `"effectSize": {"allowedIncrease":
 * null}`, as tools and UIs write them) are dropped: Kayenta's `MapUtils` readers treat a null like an absent key, so
 * the default applies — and the metric editor then shows that default (`shared/KAYENTA-DIFFERENCES.md`).
 */
import type { CanaryConfig, CanaryMetricConfig } from '@canary-judge/shared';

/** The outcome: the config to store, or one message `<path>: <rule>`. */
export type ImportResult = { ok: true; config: CanaryConfig; metricCount: number } | { ok: false; error: string };

function rec(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/**
 * `analysisConfigurations` without its null-valued settings, at any depth (a null object such as `outliers: null`
 * goes too); arrays and other values are kept as they are. Absent ⇒ default, as Kayenta reads a null.
 *
 * @param value A metric's `analysisConfigurations` (any parsed JSON value).
 * @returns The same value with every `null` object member removed; `undefined` for a null or absent value.
 * @example dropNullSettings({ canary: { critical: null, direction: 'increase' } }) // { canary: { direction: 'increase' } }
 */
export function dropNullSettings(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const o = rec(value);
  if (!o) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const kept = dropNullSettings(v);
    if (kept !== undefined) out[k] = kept;
  }
  return out;
}

/** Parses and checks a Kayenta canary config; never throws. */
export function importKayentaConfig(text: string): ImportResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `(JSON): not valid JSON: ${(e as Error).message}` };
  }
  const root = rec(parsed);
  if (!root) return { ok: false, error: '(root): must be a JSON object (a Kayenta canary config)' };
  const metrics = root['metrics'];
  if (!Array.isArray(metrics) || metrics.length === 0) {
    return { ok: false, error: 'metrics: must be a non-empty array of metrics' };
  }
  const out: CanaryMetricConfig[] = [];
  for (let i = 0; i < metrics.length; i++) {
    const m = rec(metrics[i]);
    if (!m) return { ok: false, error: `metrics[${i}]: must be an object` };
    if (typeof m['name'] !== 'string' || m['name'].trim() === '') {
      return { ok: false, error: `metrics[${i}].name: must be a non-empty string` };
    }
    const groups = m['groups'] ?? [];
    if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) {
      return { ok: false, error: `metrics[${i}].groups: must be an array of group names` };
    }
    const query = { ...(rec(m['query']) ?? {}) };
    const inline = query['customInlineTemplate'];
    if (typeof inline === 'string' && inline.startsWith('PromQL:') && typeof query['promql'] !== 'string') {
      query['promql'] = inline.slice('PromQL:'.length);
      delete query['customInlineTemplate'];
    }
    const { analysisConfigurations: rawSettings, ...rest } = m;
    const analysisConfigurations = dropNullSettings(rawSettings);
    out.push({
      ...(rest as unknown as CanaryMetricConfig),
      groups: groups as string[],
      query,
      ...(analysisConfigurations !== undefined
        ? { analysisConfigurations: analysisConfigurations as CanaryMetricConfig['analysisConfigurations'] }
        : {}),
    });
  }
  const classifier = rec(root['classifier']);
  const weights = rec(classifier?.['groupWeights']);
  const config: CanaryConfig = {
    ...(root as unknown as CanaryConfig),
    metrics: out,
    classifier: { ...(classifier ?? {}), groupWeights: (weights ?? {}) as Record<string, number> },
  };
  return { ok: true, config, metricCount: out.length };
}
