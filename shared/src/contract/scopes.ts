/**
 * Which scope pair a metric is judged on: Kayenta's semantics, where each canary-config metric carries a
 * `scopeName` (default `"default"`) that selects one entry of the execution request's scope map
 * (spinnaker/kayenta `CanaryMetricConfig.scopeName`, `CanaryExecutionRequest.scopes`). In a Canary Judge request
 * the `"default"` entry is `scopes` and the others are `namedScopes`.
 */
import type { JudgmentRequest, JudgmentScopes } from './judgment';
import type { CanaryMetricConfig } from './kayenta';

/** The scope name a metric without `scopeName` uses (Kayenta's default). */
export const DEFAULT_SCOPE_NAME = 'default';

/** A metric's scope name: its `scopeName` when it is a non-empty string, else `"default"`. */
export function metricScopeName(metric: Pick<CanaryMetricConfig, 'scopeName'>): string {
  return typeof metric.scopeName === 'string' && metric.scopeName.trim() !== '' ? metric.scopeName : DEFAULT_SCOPE_NAME;
}

/**
 * The scope pair for a metric: `scopes` for `"default"`, else `namedScopes[scopeName]`; null when the request has
 * no pair of that name (the service refuses such a request when it is created).
 */
export function scopesForMetric(
  request: Pick<JudgmentRequest, 'scopes' | 'namedScopes'>,
  metric: Pick<CanaryMetricConfig, 'scopeName'>,
): JudgmentScopes | null {
  const name = metricScopeName(metric);
  if (name === DEFAULT_SCOPE_NAME) return request.scopes;
  const named = request.namedScopes;
  return named !== undefined && Object.prototype.hasOwnProperty.call(named, name) ? (named[name] ?? null) : null;
}

/** Every scope name a request defines, `"default"` first. */
export function definedScopeNames(request: Pick<JudgmentRequest, 'namedScopes'>): string[] {
  return [DEFAULT_SCOPE_NAME, ...Object.keys(request.namedScopes ?? {})];
}
