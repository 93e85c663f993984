/**
 * Scope text for the report: which scope pair each metric was judged on, when the judgment used several
 * (`namedScopes`; Kayenta's per-metric `scopeName`). With one pair there is nothing to tell apart, so nothing is
 * shown.
 */
import { metricScopeName, scopesForMetric, type JudgmentRequest } from '@canary-judge/shared';

/** One metric's scope as shown in the report: its name and the pair, e.g. `eu: baseline-eu → canary-eu`. */
export interface MetricScope {
  name: string;
  text: string;
}

/** Metric name → its scope, or null when the request has only the default pair. */
export function metricScopes(request: Partial<JudgmentRequest>): Record<string, MetricScope> | null {
  if (!request.namedScopes || Object.keys(request.namedScopes).length === 0 || !request.scopes) return null;
  const out: Record<string, MetricScope> = {};
  for (const m of request.canaryConfig?.metrics ?? []) {
    const name = metricScopeName(m);
    const pair = scopesForMetric({ scopes: request.scopes, namedScopes: request.namedScopes }, m);
    const where = (scope: string, location: string | undefined) => (location ? `${scope} (${location})` : scope);
    out[m.name] = {
      name,
      text: pair
        ? `${where(pair.controlScope, pair.controlLocation)} → ${where(pair.experimentScope, pair.experimentLocation)}`
        : 'not defined',
    };
  }
  return out;
}
