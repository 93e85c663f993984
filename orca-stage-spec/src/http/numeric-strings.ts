/**
 * Numeric strings in a judgment request: Deck's generic webhook form can only produce strings
 * (`docs/design/orca-webhook-contract.md` §6.3), so `"30"` must mean 30. Only plain decimal numbers are converted; an
 * empty string means "not given" (an optional field then takes its default, a required one is reported missing),
 * and anything else is left for the schema to refuse — never `"" → 0` (a blank pass threshold must not silently
 * pass everything).
 */
import { ApiError } from '../lifecycle/errors';

/** The numeric fields of a judgment request that may arrive as strings, by parent object. */
export const NUMERIC_FIELDS: Readonly<Record<'timing' | 'thresholds', readonly string[]>> = {
  timing: [
    'lifetimeMinutes',
    'intervalMinutes',
    'warmupMinutes',
    'lookbackMinutes',
    'baselineOffsetMinutes',
    'stepSeconds',
  ],
  thresholds: ['pass', 'marginal'],
};

const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Converts the numeric-string fields of a (not yet validated) judgment request body in place.
 * @param body the parsed JSON body (anything; non-objects are left alone)
 * @returns the same body
 * @example normalizeNumericStrings({ thresholds: { pass: '75', marginal: '' } }) // { thresholds: { pass: 75 } }
 */
export function normalizeNumericStrings(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  for (const [parent, fields] of Object.entries(NUMERIC_FIELDS)) {
    const obj = b[parent];
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue;
    const o = obj as Record<string, unknown>;
    for (const f of fields) {
      const v = o[f];
      if (typeof v !== 'string') continue;
      if (v.trim() === '') delete o[f];
      else if (DECIMAL.test(v)) o[f] = Number(v);
    }
  }
  return body;
}

/**
 * Kayenta names the metric store of a canary run `metricsAccountName`; a judgment request may use that name instead
 * of `metricSource` (same meaning: a configured source's name). Given alone it becomes `metricSource`; given with an
 * equal `metricSource` it is dropped; given with a different one it is refused.
 * @param body the parsed JSON body (non-objects are left alone)
 * @returns the same body
 * @throws ApiError 400 naming `metricsAccountName` when both name different sources
 */
export function normalizeMetricsAccountName(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  if (!('metricsAccountName' in b)) return body;
  const alias = b['metricsAccountName'];
  if (b['metricSource'] === undefined) b['metricSource'] = alias;
  else if (b['metricSource'] !== alias) {
    throw new ApiError(
      400,
      'VALIDATION_FAILED',
      `metricsAccountName (${JSON.stringify(alias)}) and metricSource (${JSON.stringify(b['metricSource'])}) name different sources: give one`,
      'metricsAccountName',
    );
  }
  delete b['metricsAccountName'];
  return body;
}
