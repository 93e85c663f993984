/**
 * Validation of a `canaryJudge` stage before it is saved. Works on the stage JSON (not the form), so the same rules
 * run in the config panel and in Deck's pipeline validator. The judgment payload is checked with the scoring
 * library's one set of rules (`validateJudgmentRequest`, also used by the judge service's API, the what-if and the
 * CLI), so the panel accepts exactly what the service accepts; this module adds the webhook URL. Each issue names
 * the JSON path and the rule broken, in the unit a person types (percent for mean-ratio effect sizes), in the form
 * `<path>: <rule>` (e.g. `payload.thresholds.marginal: must be below pass (75)`).
 */

import {
  validateCanaryConfig,
  validateThresholds,
  validateTiming,
  WEIGHT_SUM_TOLERANCE as SHARED_TOLERANCE,
} from '@canary-judge/shared';

/** One validation problem: `path` is a JSON path into the stage (dot/bracket notation), `message` the rule. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Tolerance for the weight sum, in percent points (weights are typed by hand, 33.33+33.33+33.34 must pass). */
export const WEIGHT_SUM_TOLERANCE = SHARED_TOLERANCE;

function rec(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** Scope names the judge accepts under `namedScopes` (its request schema); `default` is the `scopes` field. */
export const SCOPE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Named scope pairs and each metric's `scopeName` (Kayenta semantics: the metric's scope name selects a pair;
 * `default` is `scopes`): names match {@link SCOPE_NAME} and are not `default`, each pair has both scopes, and every
 * metric names a defined scope — the judge refuses the request otherwise (400 UNKNOWN_SCOPE).
 */
function validateNamedScopes(issues: ValidationIssue[], payload: Record<string, unknown>): void {
  const named = rec(payload['namedScopes']);
  for (const [name, raw] of Object.entries(named)) {
    const p = `payload.namedScopes.${name}`;
    if (name === 'default') issues.push({ path: p, message: 'is the scopes field; pick another name' });
    else if (!SCOPE_NAME.test(name)) {
      issues.push({ path: p, message: 'name must be letters, digits, ".", "_" or "-" (up to 100)' });
    }
    const pair = rec(raw);
    for (const key of ['controlScope', 'experimentScope']) {
      if (isBlank(pair[key])) issues.push({ path: `${p}.${key}`, message: 'is required' });
    }
  }
  const metrics = rec(payload['canaryConfig'])['metrics'];
  if (!Array.isArray(metrics)) return;
  metrics.forEach((raw, i) => {
    const scopeName = rec(raw)['scopeName'];
    if (isBlank(scopeName) || scopeName === 'default') return;
    if (typeof scopeName !== 'string' || !Object.prototype.hasOwnProperty.call(named, scopeName)) {
      issues.push({
        path: `payload.canaryConfig.metrics[${i}].scopeName`,
        message: `names no scope pair (defined: ${[...new Set(['default', ...Object.keys(named)])].join(', ')})`,
      });
    }
  });
}

/**
 * A shared canary config reference: a name in the judge's pattern and a version that is `latest` or a whole
 * number ≥ 1 (whether the config exists is the judge's check when the judgment starts).
 */
function validateConfigRef(issues: ValidationIssue[], ref: Record<string, unknown>): void {
  const name = ref['name'];
  if (isBlank(name)) issues.push({ path: 'payload.canaryConfigRef.name', message: 'pick a shared canary config' });
  else if (typeof name !== 'string' || !SCOPE_NAME.test(name)) {
    issues.push({ path: 'payload.canaryConfigRef.name', message: 'must be letters, digits, ".", "_" or "-"' });
  }
  const v = ref['version'];
  if (!(v === 'latest' || (typeof v === 'number' && Number.isInteger(v) && v >= 1))) {
    issues.push({
      path: 'payload.canaryConfigRef.version',
      message: `must be "latest" or a version number (got ${JSON.stringify(v)})`,
    });
  }
}

/**
 * Validates a stage's webhook URL and judgment payload; returns every issue found (empty = valid).
 *
 * @param stage the stage JSON
 * @param nowMs "now" (epoch ms): a retrospective window must have ended by then; absent = not checked
 */
export function validateStage(stage: Record<string, unknown>, nowMs?: number): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const url = stage['url'];
  if (typeof url !== 'string' || !/^https?:\/\/[^/]+/.test(url)) {
    issues.push({ path: 'url', message: 'needs the judge service URL (http:// or https://)' });
  }
  const payload = rec(stage['payload']);
  // The judgment request rules of the scoring library (`validateJudgmentRequest`'s parts), so a stage that saves is
  // a request the service accepts; a shared config (`canaryConfigRef`) is checked by the judge when it starts.
  if (isBlank(payload['metricSource'])) issues.push({ path: 'payload.metricSource', message: 'is required' });
  const scopes = rec(payload['scopes']);
  for (const key of ['controlScope', 'experimentScope']) {
    if (isBlank(scopes[key])) issues.push({ path: `payload.scopes.${key}`, message: 'is required' });
  }
  validateNamedScopes(issues, payload);
  const rules = [
    ...(payload['canaryConfigRef'] !== undefined
      ? []
      : validateCanaryConfig(payload['canaryConfig'], {
          base: 'payload.canaryConfig',
          ...(payload['metricSource'] === 'demo' ? { sourceType: 'demo' } : {}),
        })),
    ...validateTiming(payload['timing'], { base: 'payload.timing', ...(nowMs !== undefined ? { nowMs } : {}) }),
    ...validateThresholds(payload['thresholds'], 'payload.thresholds'),
  ];
  if (payload['canaryConfigRef'] !== undefined) validateConfigRef(issues, rec(payload['canaryConfigRef']));
  for (const i of rules) issues.push({ path: i.field, message: i.rule });
  return issues;
}

/** One line per issue (`path: message`), or null when valid: the text Deck shows for a failed validator. */
export function describeIssues(issues: readonly ValidationIssue[]): string | null {
  return issues.length === 0 ? null : issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}
