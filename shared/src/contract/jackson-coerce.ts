/**
 * Kayenta reads canary configs with Jackson, whose default `ALLOW_COERCION_OF_SCALARS` accepts a JSON number or
 * boolean where a `String` field is declared (`"configVersion": 1.0` in Kayenta's own sample
 * `scratch/prometheus_canary_config.json`), and a numeric string where a number is declared (`"groupWeights":
 * {"Latency": "60"}`). This module applies the same coercions to the fields of `CanaryConfig`
 * (spinnaker/kayenta `kayenta-core/.../canary/CanaryConfig.java`, `CanaryMetricConfig.java`,
 * `CanaryClassifierConfig.java`), so a config Kayenta accepts is accepted here. What Jackson refuses stays refused
 * (an object or array where a scalar belongs, a non-numeric string where a number belongs): the schema reports it.
 *
 * Edge case: JSON numbers arrive already parsed, so a number is written in JavaScript's shortest form — `1.0`
 * becomes `"1"`, where Jackson keeps the source text `"1.0"`. The fields concerned are informational.
 */

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toStr(o: Record<string, unknown>, key: string): void {
  const v = o[key];
  if (typeof v === 'number' && Number.isFinite(v)) o[key] = String(v);
  else if (typeof v === 'boolean') o[key] = String(v);
}

function toStrItems(o: Record<string, unknown>, key: string): void {
  const list = o[key];
  if (!Array.isArray(list)) return;
  list.forEach((v, i) => {
    if ((typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean') list[i] = String(v);
  });
}

function toNum(o: Record<string, unknown>, key: string): void {
  const v = o[key];
  if (typeof v === 'string' && DECIMAL.test(v)) o[key] = Number(v);
}

/**
 * Applies Jackson's scalar coercions to a (not yet validated) canary config, in place: numbers and booleans to
 * strings in `id`, `name`, `description`, `configVersion`, `applications[]`, `judge.name`, `templates.*`,
 * `metrics[].name`, `metrics[].groups[]`, `metrics[].scopeName`; decimal strings to numbers in
 * `classifier.groupWeights.*` and `classifier.scoreThresholds.{pass,marginal}`. Anything that is not an object is
 * left alone (the schema refuses it).
 *
 * @param config the parsed `canaryConfig`
 * @returns the same value
 * @example coerceCanaryConfigScalars({ configVersion: 1, metrics: [] }) // { configVersion: '1', metrics: [] }
 */
export function coerceCanaryConfigScalars(config: unknown): unknown {
  if (!isObject(config)) return config;
  for (const key of ['id', 'name', 'description', 'configVersion']) toStr(config, key);
  toStrItems(config, 'applications');
  if (isObject(config['judge'])) toStr(config['judge'], 'name');
  const templates = config['templates'];
  if (isObject(templates)) for (const key of Object.keys(templates)) toStr(templates, key);
  const metrics = config['metrics'];
  if (Array.isArray(metrics)) {
    for (const m of metrics) {
      if (!isObject(m)) continue;
      toStr(m, 'name');
      toStr(m, 'scopeName');
      toStrItems(m, 'groups');
    }
  }
  const classifier = config['classifier'];
  if (isObject(classifier)) {
    const weights = classifier['groupWeights'];
    if (isObject(weights)) for (const key of Object.keys(weights)) toNum(weights, key);
    const thresholds = classifier['scoreThresholds'];
    if (isObject(thresholds)) {
      toNum(thresholds, 'pass');
      toNum(thresholds, 'marginal');
    }
  }
  return config;
}
